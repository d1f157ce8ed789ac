// Ledger roll-up on dist/Code.js: two copies of one studio live through the same three years, one with
// roll-ups off; balances, expiries and what later nights append are the same, while the rolled copy's
// closed year is one entry per client plus its unspent lots.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order, type Studio } from '../support/loyalty-studio';
import { writeFixture } from '../support/sheet-fixtures';

/** Points per 1 of amount, lots last 36 months, one tier (no tier bonuses), no registration/birthday bonus. */
const SETTINGS = {
  'loyalty.expiryMonths': '36',
  'loyalty.tiers': JSON.stringify([{ name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 }]),
};

function studio(rollups: boolean): Studio {
  return loyaltyStudio({
    now: '2024-03-01T09:00:00Z',
    settings: { ...SETTINGS, 'rollups.enabled': String(rollups) },
    clients: [client('C-1'), client('C-2')],
    orders: [
      order('O-1', 'C-1', 100, 'completed', '2024-02-10T12:00:00Z'),
      order('O-2', 'C-1', 250, 'completed', '2024-02-20T12:00:00Z'),
      order('O-3', 'C-2', 80, 'completed', '2024-02-15T12:00:00Z'),
      order('O-6', 'C-2', 40, 'completed', '2024-02-25T12:00:00Z'),
    ],
  });
}

function nightly(s: Studio): void {
  // This bare studio has no Requests or Segments sheet: the analysis step (the first) fails, the rest run.
  expect(() => s.app.run('runNightly', [], { kind: 'trigger' })).toThrow('Failed steps: analysis');
  s.emu.advance(10 * 60_000); // each later step its own execution, a minute apart
}

function advanceTo(s: Studio, iso: string): void {
  s.emu.advance(Date.parse(iso) - s.emu.clock.now());
}

/**
 * By hand (1 point per 1 of amount; every entry is dated the night it was written):
 *   1 Mar 2024: earn O-1 100, O-2 250 (C-1); O-3 80, O-6 40 (C-2).
 *   1 Jun 2024: O-2 and O-6 cancelled → reverse −250 and −40, each taken from its own order's lot.
 *   1 May 2025: O-5 (C-1, 60) completed → earn 60.
 *   24 Nov 2026 (roll-up of everything before 1 Jan 2025): C-1 100 + 250 − 250 = 100, all of it O-1's lot;
 *     C-2 80 + 40 − 40 = 80, all of it O-3's. Balances C-1 100 + 60 = 160, C-2 80.
 *   2 Mar 2027: the lots of 1 Mar 2024 are 36 months old: O-1's 100 and O-3's 80 expire → C-1 60, C-2 0.
 */
interface Seen {
  balances: unknown[];
  ledgerRows: number;
  /** The Reason cells of the roll-up entries, as staff read them. */
  rollups: unknown[];
}

function live(s: Studio): Seen[] {
  const seen: Seen[] = [];
  const look = () =>
    seen.push({
      balances: ['C-1', 'C-2'].map((id) => s.clientRow(id).pointsBalance),
      ledgerRows: s.ledger().filter((row) => row.id !== '').length,
      rollups: s
        .ledger()
        .filter((row) => String(row.key).startsWith('rollup:'))
        .map((row) => [row.reason, row.reasonCode]),
    });
  nightly(s);
  advanceTo(s, '2024-06-01T09:00:00Z');
  s.edit('orders', 'O-2', 'status', 'Отменён');
  s.edit('orders', 'O-6', 'status', 'Отменён');
  nightly(s);
  advanceTo(s, '2025-05-01T09:00:00Z');
  writeFixture(s.emu, 'orders', [order('O-5', 'C-1', 60, 'completed', '2025-04-30T12:00:00Z')], s.locale);
  nightly(s);
  advanceTo(s, '2026-11-24T09:00:00Z');
  nightly(s);
  look();
  // A second night appends nothing: no order of the closed year earns again.
  nightly(s);
  look();
  advanceTo(s, '2027-03-02T09:00:00Z');
  nightly(s);
  look();
  return seen;
}

describe('ledger roll-up', () => {
  it('keeps balances, expiry lots and settled orders: the same three years with and without it', () => {
    const plain = live(studio(false));
    const rolled = live(studio(true));
    expect(plain.map((step) => step.balances)).toEqual([
      [160, 80],
      [160, 80],
      [60, 0],
    ]);
    expect(rolled.map((step) => step.balances)).toEqual(plain.map((step) => step.balances));
    // Plain: 4 earns + 2 reversals + 1 earn = 7 rows, then 2 expiries = 9.
    expect(plain.map((step) => step.ledgerRows)).toEqual([7, 7, 9]);
    // Rolled: per client a roll-up entry and one carried lot (4) + O-5's earn = 5, then 2 expiries = 7.
    expect(rolled.map((step) => step.ledgerRows)).toEqual([5, 5, 7]);
    expect(plain[0]?.rollups).toEqual([]);
    // A sentence in the sheet's language alone, the settled keys kept in Reason code (3 entries per client).
    const sentence = 'Итог закрытых лет по 31 декабря 2024 г. (свёрнуто записей: 3)';
    expect(rolled[0]?.rollups).toEqual([
      [sentence, 'rolledUp until=2024-12-31 entries=3 keys=order:O-1:earn,order:O-2:earn,order:O-2:reverse:1'],
      [sentence, 'rolledUp until=2024-12-31 entries=3 keys=order:O-3:earn,order:O-6:earn,order:O-6:reverse:1'],
    ]);
  });
});
