// The ledger roll-up split into runs of rows (nextRollupWindow), the roll-up entry replayed first on a date
// tie whatever the row order, and the night's budget read from Settings.
import { describe, expect, it } from 'vitest';
import { ledgerEntry, ledgerReason } from '../../src/domain/loyalty/ledger';
import { openLots } from '../../src/domain/loyalty/expiry';
import { nightBudget, DEFAULT_NIGHT_BUDGET } from '../../src/domain/loyalty/night-budget';
import { orderEarnKey, orderRedeemKey } from '../../src/domain/loyalty/order-points';
import { nextRollupWindow, planLedgerRollup, planLedgerRollupByClient } from '../../src/domain/loyalty/rollup';
import type { LedgerEntry } from '../../src/domain/types';

const at = (iso: string): Date => new Date(iso);
const entry = (iso: string, clientId: string, kind: LedgerEntry['kind'], points: number, key: string) =>
  ledgerEntry({ clientId, kind, points, key, reason: ledgerReason('loyalty.reason.registration') }, at(iso));
const boundary = at('2025-01-01T00:00:00Z');

describe('nextRollupWindow', () => {
  // Sheet rows as after the sort by client: C-1 rows 2–4, C-2 rows 5–6, C-3 row 7 (and a 2025 row of C-3 at 8).
  const ledger = [
    entry('2024-02-01T10:00:00Z', 'C-1', 'earn', 100, orderEarnKey('O-1')),
    entry('2024-03-01T10:00:00Z', 'C-1', 'earn', 50, orderEarnKey('O-2')),
    entry('2024-04-01T10:00:00Z', 'C-1', 'redeem', -30, orderRedeemKey('O-3')),
    entry('2024-02-01T10:00:00Z', 'C-2', 'earn', 80, orderEarnKey('O-4')),
    entry('2024-05-01T10:00:00Z', 'C-2', 'earn', 40, orderEarnKey('O-5')),
    entry('2024-06-01T10:00:00Z', 'C-3', 'earn', 60, orderEarnKey('O-6')),
    entry('2025-03-01T10:00:00Z', 'C-3', 'earn', 10, orderEarnKey('O-7')),
  ];
  const rowOf = (position: number) => position + 2;
  const clients = planLedgerRollupByClient(ledger, boundary);

  it('plans per client what planLedgerRollup plans at once', () => {
    const whole = planLedgerRollup(ledger, boundary);
    expect(clients.flatMap((client) => client.rolled)).toEqual(whole.rolled);
    expect(clients.flatMap((client) => client.replacements)).toEqual(whole.replacements);
    // C-3's 2025 entry (position 6) is not in a closed year.
    expect(clients.map((client) => [client.clientId, client.rolled])).toEqual([
      ['C-1', [0, 1, 2]],
      ['C-2', [3, 4]],
      ['C-3', [5]],
    ]);
  });

  it('takes clients in sheet order while their rows stay within the budget, at least one', () => {
    // 3 rows: C-1 alone (rows 2–4); with C-2 it would be rows 2–6 = 5.
    expect(nextRollupWindow(clients, rowOf, 3)).toMatchObject({ from: 2, to: 4 });
    expect(nextRollupWindow(clients, rowOf, 3)?.clients.map((client) => client.clientId)).toEqual(['C-1']);
    // 6 rows: rows 2–7, all three clients.
    expect(nextRollupWindow(clients, rowOf, 6)?.clients.map((client) => client.clientId)).toEqual([
      'C-1',
      'C-2',
      'C-3',
    ]);
    // 1 row: C-1's three rows all the same (a client's rows are never split).
    expect(nextRollupWindow(clients, rowOf, 1)).toMatchObject({ from: 2, to: 4 });
    // Clients in sheet order, not id order: C-2 first when its rows come first.
    const reordered = (position: number) => [5, 6, 7, 2, 3, 8, 9][position] ?? 0;
    expect(nextRollupWindow(clients, reordered, 2)?.clients.map((client) => client.clientId)).toEqual(['C-2']);
    expect(nextRollupWindow([], rowOf, 3)).toBeNull();
  });

  it('plans nothing for clients already rolled to the boundary: the rest of a split roll-up', () => {
    const c1 = clients[0]!;
    const afterFirst = [...c1.replacements, ...ledger.filter((_, position) => !c1.rolled.includes(position))];
    expect(planLedgerRollupByClient(afterFirst, boundary).map((client) => client.clientId)).toEqual(['C-2', 'C-3']);
  });
});

describe('a roll-up entry replays first on a date tie', () => {
  it('whatever the row order, its debit never eats the carried lot dated the same moment', () => {
    // C-9 owed 50 with no lot (rolled up as −50), and a lot of 120 credited at that same moment.
    const rollup = entry('2024-01-05T10:00:00Z', 'C-9', 'adjust', -50, 'rollup:C-9');
    const lot = entry('2024-01-05T10:00:00Z', 'C-9', 'earn', 120, orderEarnKey('O-9'));
    const asOf = at('2026-01-01T00:00:00Z');
    // Either order: the lot keeps its 120 (the −50 came before it).
    expect(openLots([rollup, lot], 'C-9', asOf).map((open) => open.remaining)).toEqual([120]);
    expect(openLots([lot, rollup], 'C-9', asOf).map((open) => open.remaining)).toEqual([120]);
    // Any other debit at a tie still replays in row order: after the lot it takes 50 of it.
    const debit = entry('2024-01-05T10:00:00Z', 'C-9', 'adjust', -50, 'adjust:1');
    expect(openLots([lot, debit], 'C-9', asOf).map((open) => open.remaining)).toEqual([70]);
  });
});

describe('nightBudget', () => {
  it('reads the Settings overrides, at least one row, defaults for what is not a number', () => {
    expect(nightBudget({})).toEqual(DEFAULT_NIGHT_BUDGET);
    expect(nightBudget({ loyaltyRowsPerRun: 3.7, ledgerRollupRowsPerRun: 0 })).toEqual({
      loyaltyRowsPerRun: 3,
      ledgerRollupRowsPerRun: 1,
    });
    expect(nightBudget({ loyaltyRowsPerRun: Number.NaN })).toEqual(DEFAULT_NIGHT_BUDGET);
  });
});
