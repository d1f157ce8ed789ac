// Staff edit the tier table right in the Settings sheet, in words: loyalty on dist/Code.js reads it as tiers.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';

describe.each([
  ['ru', 'Bronze: от 0; Gold: от 250, ×2, бонус 40'],
  ['en', 'Bronze: from 0; Gold: from 250, x2, bonus 40'],
] as const)('tiers typed as words in a %s Settings sheet', (locale, typed) => {
  it('a 300 order reaches Gold (threshold 250) with its 40-point bonus once', () => {
    const studio = loyaltyStudio({
      locale,
      settings: { 'loyalty.tiers': typed },
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 300, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.clientRow('C-0001').tier).toBe('Gold');
    expect(
      studio
        .ledger()
        .filter((row) => String(row.key).startsWith('tier:'))
        .map((row) => [row.key, row.points]),
    ).toEqual([['tier:C-0001:Gold', 40]]);
  });
});
