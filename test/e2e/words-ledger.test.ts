// Ledger Reason cells as staff read them in the sheet: only a sentence in the sheet's language, money with ₽; the
// machine part (the rate a change re-prices with) in the Reason code column, or, in rows written before that
// column, as the bracketed suffix they were written with.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';
import { rowsByKey } from '../support/sheet-rows';

const points = (rows: Record<string, unknown>[], orderId: string) =>
  rows.filter((row) => row.orderId === orderId).reduce((sum, row) => sum + Number(row.points), 0);

describe('ledger reasons in words', () => {
  it('writes an earn as a Russian sentence alone, its rate in Reason code; a later amount change earns at that rate', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 5250, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    const [earn] = studio.ledger();
    // ru-RU money: thin grouping by a no-break space, the rouble sign after a no-break space.
    expect(earn?.reason).toBe('Баллы за заказ на 5\u00a0250\u00a0₽');
    // 1 point per rouble (the default), Bronze's multiplier 1 at the time of the order.
    expect(earn?.reasonCode).toBe('orderEarned amount=5250 rate=1');

    // The client is VIP now (multiplier 2): a re-price at today's rate would add 6000 × 2 − 5250 = 6750; at the
    // stored rate 1 it adds 750, so O-1 holds 6000 points in all.
    studio.edit('orders', 'O-1', 'amount', 6000);
    studio.app.callFromClient('runLoyaltyNow');
    const ledger = studio.ledger();
    expect(points(ledger, 'O-1')).toBe(6000);
    const change = ledger.filter((row) => row.orderId === 'O-1').at(-1);
    expect(change?.reason).toBe('Сумма заказа изменена на 6\u00a0000\u00a0₽');
    expect(change?.reasonCode).toBe('orderChanged amount=6000');
    // The tier bonus keeps when the threshold was crossed (O-1's completion) in its code, not in the sentence.
    const tierUp = ledger.find((row) => row.reason === 'Достигнут уровень VIP');
    expect(tierUp?.reasonCode).toBe('tierUp tier=VIP reachedAt=2026-11-20T12:00:00.000Z');
    // No catalog key and no bracketed machine part is left in any Reason cell.
    for (const row of ledger) expect(String(row.reason)).not.toMatch(/loyalty\.reason\.|\[/);

    // Switched to English, every Reason cell is re-rendered from its code; the codes stay as they were.
    studio.app.callFromClient('saveSetting', 'core.locale', 'en');
    const english = rowsByKey(studio.emu, 'loyalty', 'en');
    expect(english.filter((row) => row.orderId === 'O-1').map((row) => [row.reason, row.reasonCode])).toEqual([
      // en-GB money in roubles: the narrow sign before the number, a comma for thousands.
      ['Points for an order of ₽5,250', 'orderEarned amount=5250 rate=1'],
      ['Order amount changed to ₽6,000', 'orderChanged amount=6000'],
    ]);
    expect(english.map((row) => row.reason)).toContain('Reached tier VIP');
  });

  it('an old-style Reason cell with the bracket suffix and no code still re-prices at its rate; the switch moves the suffix into the code', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 5250, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    const earn = studio.ledger()[0]!;
    // The cell as the add-on wrote it before the Reason code column existed.
    studio.edit('loyalty', String(earn.id), 'reason', 'Баллы за заказ на 5 250 ₽ [orderEarned amount=5250 rate=1]');
    studio.edit('loyalty', String(earn.id), 'reasonCode', '');

    studio.edit('orders', 'O-1', 'amount', 6000);
    studio.app.callFromClient('runLoyaltyNow');
    // As above: 5250 at rate 1, then 750 more at the suffix's rate 1 (not VIP's 2).
    expect(points(studio.ledger(), 'O-1')).toBe(6000);

    studio.app.callFromClient('saveSetting', 'core.locale', 'en');
    const moved = rowsByKey(studio.emu, 'loyalty', 'en').find((row) => row.id === earn.id);
    expect([moved?.reason, moved?.reasonCode]).toEqual([
      'Points for an order of ₽5,250',
      'orderEarned amount=5250 rate=1',
    ]);
  });

  it('a ledger sheet from before the Reason code column keeps the code as the suffix; the repair moves it into the new column', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 5250, 'completed', '2026-11-20T12:00:00Z')],
    });
    // The old ledger: 9 columns, no Reason code header (J1 blank, so the sheet ends at column I).
    studio.emu.spreadsheet.edit(studio.sheetName('loyalty'), 'J1', [['']]);
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.ledger()[0]?.reason).toBe('Баллы за заказ на 5\u00a0250\u00a0₽ [orderEarned amount=5250 rate=1]');
    studio.edit('orders', 'O-1', 'amount', 6000);
    studio.app.callFromClient('runLoyaltyNow');
    // 5250 at rate 1 and 750 more at the suffix's rate 1 (VIP's 2 would add 6750).
    expect(points(studio.ledger(), 'O-1')).toBe(6000);

    // The repair adds the column and moves the old cells' suffixes into it; the rate still reads from there.
    studio.app.run('setupDatabase', [], { kind: 'menu' });
    studio.edit('orders', 'O-1', 'amount', 7000);
    studio.app.callFromClient('runLoyaltyNow');
    const rows = studio.ledger().filter((row) => row.orderId === 'O-1');
    // 6000 + 1000 at rate 1.
    expect(points(rows, 'O-1')).toBe(7000);
    expect(rows.map((row) => [row.reason, row.reasonCode])).toEqual([
      ['Баллы за заказ на 5\u00a0250\u00a0₽', 'orderEarned amount=5250 rate=1'],
      ['Сумма заказа изменена на 6\u00a0000\u00a0₽', 'orderChanged amount=6000'],
      ['Сумма заказа изменена на 7\u00a0000\u00a0₽', 'orderChanged amount=7000'],
    ]);
  });

  it('a staff-typed reason stays as typed, also through a language switch', () => {
    const studio = loyaltyStudio({ clients: [client('C-0001')] });
    studio.app.callFromClient('adjustPoints', {
      clientId: 'C-0001',
      points: 40,
      reason: 'Подарок за отзыв в сторис',
      pressId: 'press-1',
    });
    const typed = studio.ledger().find((row) => row.clientId === 'C-0001');
    expect([typed?.reason, typed?.reasonCode]).toEqual(['Подарок за отзыв в сторис', '']);
    studio.app.callFromClient('saveSetting', 'core.locale', 'en');
    const after = rowsByKey(studio.emu, 'loyalty', 'en').find((row) => row.id === typed?.id);
    expect(after?.reason).toBe('Подарок за отзыв в сторис');
  });

  it("writes money in the studio's currency from Settings (euros here)", () => {
    const studio = loyaltyStudio({
      settings: { 'core.currency': 'EUR' },
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 5250, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    const [earn] = studio.ledger();
    // ru-RU money in euros: 5 250 with no-break spaces, the euro sign after.
    expect(earn?.reason).toBe('Баллы за заказ на 5\u00a0250\u00a0€');
  });
});
