// The ledger roll-up split over executions, on dist/Code.js: at most `nightly.ledgerRollupRowsPerRun` ledger
// rows rewritten an execution, the nightly continuing it; every execution, and one cut off after any call,
// leaves each client's points right, and the roll-up ends as one run without a budget would.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order, type Studio } from '../support/loyalty-studio';

/** 1 point per 1 of amount, one tier, lots last 36 months (none expires here), 3 roll-up rows an execution. */
const SETTINGS = {
  'loyalty.expiryMonths': '36',
  'loyalty.tiers': JSON.stringify([{ name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 }]),
  'nightly.ledgerRollupRowsPerRun': '3',
};

function studio(): Studio {
  return loyaltyStudio({
    now: '2024-03-01T09:00:00Z',
    settings: SETTINGS,
    clients: ['C-1', 'C-2', 'C-3', 'C-4'].map((id) => client(id)),
    orders: [
      order('O-1', 'C-1', 100, 'completed', '2024-02-10T12:00:00Z'),
      order('O-2', 'C-1', 250, 'completed', '2024-02-20T12:00:00Z'),
      order('O-3', 'C-2', 80, 'completed', '2024-02-15T12:00:00Z'),
      order('O-4', 'C-2', 40, 'completed', '2024-02-25T12:00:00Z'),
      order('O-5', 'C-3', 60, 'completed', '2024-02-12T12:00:00Z'),
      order('O-6', 'C-4', 30, 'completed', '2024-02-14T12:00:00Z'),
      order('O-7', 'C-4', 20, 'completed', '2024-02-16T12:00:00Z'),
    ],
  });
}

const IDS = ['C-1', 'C-2', 'C-3', 'C-4'];
/**
 * By hand: 1 Mar 2024 earns O-1 100, O-2 250 (C-1), O-3 80, O-4 40 (C-2), O-5 60 (C-3), O-6 30, O-7 20 (C-4);
 * 1 Jun 2024 O-2 cancelled → reverse −250. Balances C-1 100, C-2 120, C-3 60, C-4 50 (8 ledger rows).
 */
const BALANCES = [100, 120, 60, 50];

function nightly(s: Studio): void {
  // This bare studio has no Requests or Segments sheet: the analysis step (the first) fails, the rest run.
  expect(() => s.app.run('runNightly', [], { kind: 'trigger' })).toThrow('Failed steps: analysis');
}

function ledgerRows(s: Studio): Record<string, unknown>[] {
  return s.ledger().filter((row) => row.id !== '');
}

/** Each client's points summed from the ledger itself (what a balance is). */
function sums(s: Studio): number[] {
  return IDS.map((id) =>
    ledgerRows(s)
      .filter((row) => row.clientId === id)
      .reduce((sum, row) => sum + Number(row.points), 0),
  );
}

function progress(s: Studio): number {
  return (JSON.parse(s.emu.properties.script()['scheduled.night'] ?? '{"next":-1}') as { next: number }).next;
}

/** 24 Nov 2026: boundary 1 Jan 2025, every entry above is in a closed year. Left just before the roll-up step. */
function beforeRollup(): Studio {
  const s = studio();
  nightly(s);
  s.emu.advance(10 * 60_000);
  s.emu.advance(Date.parse('2024-06-01T09:00:00Z') - s.emu.clock.now());
  s.edit('orders', 'O-2', 'status', 'Отменён');
  nightly(s);
  s.emu.advance(10 * 60_000);
  s.emu.advance(Date.parse('2026-11-24T09:00:00Z') - s.emu.clock.now());
  nightly(s);
  // The loyalty step (the second) and campaign results, each its own execution, by hand.
  while (progress(s) < 3) s.app.run('continueNightly', [], { kind: 'trigger' });
  return s;
}

const rollupDone = (s: Studio) => progress(s) >= 4;

/** Keys and points of the ledger, sorted: dates and row order aside. */
function content(s: Studio): string[] {
  return ledgerRows(s)
    .map((row) => `${String(row.clientId)} ${String(row.key)} ${String(row.points)}`)
    .sort();
}

describe('the ledger roll-up under a row budget', () => {
  it('rolls up one run of rows an execution, each leaving every balance right', () => {
    const s = beforeRollup();
    expect(ledgerRows(s)).toHaveLength(8);
    expect(sums(s)).toEqual(BALANCES);
    const seen: { rows: number; sums: number[] }[] = [];
    while (!rollupDone(s) && seen.length < 10) {
      s.app.run('continueNightly', [], { kind: 'trigger' });
      seen.push({ rows: ledgerRows(s).length, sums: sums(s) });
    }
    // Sorted by client, the rows are C-1 ×3 (rows 2–4), C-2 ×2, C-3 ×1, C-4 ×2. At most 3 rows a write:
    //   1st: C-1 alone (C-2 would make rows 2–6): 3 rows → roll-up 0 + O-1's lot 100 = 2 rows; 8 → 7.
    //   2nd: C-2 (rows 4–5) and C-3 (row 6): each a roll-up 0 + its lots (80, 40; 60): 3 → 5 rows; 7 → 9.
    //   3rd: C-4 (rows 9–10): roll-up 0 + lots 30, 20; 9 → 10.
    expect(seen).toEqual([
      { rows: 7, sums: BALANCES },
      { rows: 9, sums: BALANCES },
      { rows: 10, sums: BALANCES },
    ]);
    expect(content(s)).toEqual([
      'C-1 order:O-1:earn 100',
      'C-1 rollup:C-1 0',
      'C-2 order:O-3:earn 80',
      'C-2 order:O-4:earn 40',
      'C-2 rollup:C-2 0',
      'C-3 order:O-5:earn 60',
      'C-3 rollup:C-3 0',
      'C-4 order:O-6:earn 30',
      'C-4 order:O-7:earn 20',
      'C-4 rollup:C-4 0',
    ]);
    // The next night neither rolls again nor earns a closed year's order again; the balances stay.
    s.emu.advance(24 * 3_600_000);
    expect(content(s)).toHaveLength(10);
    expect(IDS.map((id) => s.clientRow(id).pointsBalance)).toEqual(BALANCES);
  });

  it('cut off after any call of any of its executions, then resumed: balances right throughout, the same end', () => {
    const s = beforeRollup();
    const start = s.emu.toJSON();
    const calls: number[] = [];
    while (!rollupDone(s) && calls.length < 10) {
      s.emu.rt.resetCounts();
      s.app.run('continueNightly', [], { kind: 'trigger' });
      calls.push(s.emu.rt.total());
    }
    expect(calls).toHaveLength(3);
    const uncut = content(s);
    const failures: string[] = [];
    let cut = 0;
    for (const [execution, total] of calls.entries()) {
      for (let k = 0; k <= total; k += 1) {
        s.emu.restore(start);
        for (let before = 0; before < execution; before += 1) s.app.run('continueNightly', [], { kind: 'trigger' });
        s.emu.rt.killExecutionsAfter(k);
        try {
          s.app.run('continueNightly', [], { kind: 'trigger' });
        } catch (error) {
          if (!/Exceeded maximum execution time/.test(String(error)))
            failures.push(`${execution}/${k}: ${String(error)}`);
          cut += 1;
        }
        s.emu.rt.clearFaults();
        if (JSON.stringify(sums(s)) !== JSON.stringify(BALANCES))
          failures.push(`${execution}/${k}: cut off, sums ${sums(s).join(', ')}`);
        // Resumed by the continuation it scheduled, or (cut before scheduling one) the next nightly trigger.
        for (let round = 0; round < 12 && !rollupDone(s); round += 1) {
          const ran = s.emu.triggerRuns.length;
          s.emu.advance(2 * 60_000);
          if (s.emu.triggerRuns.length === ran) nightly(s);
        }
        if (JSON.stringify(content(s)) !== JSON.stringify(uncut))
          failures.push(`${execution}/${k}: ledger ${content(s).join(', ')}`);
        if (JSON.stringify(sums(s)) !== JSON.stringify(BALANCES))
          failures.push(`${execution}/${k}: resumed, sums ${sums(s).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    // Every k below an execution's total cut it.
    expect(cut).toBe(calls.reduce((sum, n) => sum + n, 0));
  });
});
