// The nightly loyalty step under a row budget, on dist/Code.js: it appends at most `nightly.loyaltyRowsPerRun`
// ledger rows an execution and the nightly continues it in the next one; cut off after any call of any of
// its executions and then resumed, the ledger ends with every entry once and the balances right.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order, type Studio } from '../support/loyalty-studio';

/** One tier (multiplier 1, no up-bonus), 10 points on registration, 3 ledger rows an execution. */
const SETTINGS = {
  'loyalty.tiers': JSON.stringify([{ name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 }]),
  'loyalty.bonusRegistration': '10',
  'nightly.loyaltyRowsPerRun': '3',
};

function studio(): Studio {
  return loyaltyStudio({
    now: '2026-11-24T09:00:00Z',
    settings: SETTINGS,
    clients: [client('C-1'), client('C-2'), client('C-3')],
    orders: [
      order('O-1', 'C-1', 100, 'completed', '2026-11-10T12:00:00Z'),
      order('O-2', 'C-1', 250, 'completed', '2026-11-20T12:00:00Z'),
      order('O-3', 'C-2', 80, 'completed', '2026-11-15T12:00:00Z'),
      order('O-4', 'C-3', 40, 'completed', '2026-11-22T12:00:00Z'),
    ],
  });
}

/**
 * By hand (1 point per 1 of amount, multiplier 1): earns O-1 100, O-2 250 (C-1), O-3 80 (C-2), O-4 40 (C-3),
 * then registration 10 each = 7 entries, planned in that order. Balances C-1 100 + 250 + 10 = 360,
 * C-2 80 + 10 = 90, C-3 40 + 10 = 50.
 */
const EXPECTED_ENTRIES = [
  'C-1 order:O-1:earn 100',
  'C-1 order:O-2:earn 250',
  'C-1 registration:C-1 10',
  'C-2 order:O-3:earn 80',
  'C-2 registration:C-2 10',
  'C-3 order:O-4:earn 40',
  'C-3 registration:C-3 10',
];
const EXPECTED_BALANCES = [360, 90, 50];

function entries(s: Studio): string[] {
  return s
    .ledger()
    .filter((row) => row.id !== '')
    .map((row) => `${String(row.clientId)} ${String(row.key)} ${String(row.points)}`)
    .sort();
}

function balances(s: Studio): unknown[] {
  return ['C-1', 'C-2', 'C-3'].map((id) => s.clientRow(id).pointsBalance);
}

function nightProgress(s: Studio): { next: number } {
  return JSON.parse(s.emu.properties.script()['scheduled.night'] ?? '{"next":-1}') as { next: number };
}

/** The night's first execution: analysis fails in this bare studio (no Requests or Segments), the rest goes on. */
function startNight(s: Studio): void {
  expect(() => s.app.run('runNightly', [], { kind: 'trigger' })).toThrow('Failed steps: analysis');
}

/** One continuation execution of the night, run by hand (the loyalty step is the night's second). */
function continuation(s: Studio): void {
  s.app.run('continueNightly', [], { kind: 'trigger' });
}

const loyaltyDone = (s: Studio) => nightProgress(s).next >= 2;

describe('the nightly loyalty step under a row budget', () => {
  it('appends 3 rows an execution and writes the Clients columns only once the ledger is complete', () => {
    const s = studio();
    startNight(s);
    const seen: { rows: number; balances: unknown[]; done: boolean }[] = [];
    while (!loyaltyDone(s) && seen.length < 10) {
      continuation(s);
      seen.push({ rows: entries(s).length, balances: balances(s), done: loyaltyDone(s) });
    }
    // 7 entries at 3 an execution: 3, 6, then 7 and the Clients columns.
    expect(seen).toEqual([
      { rows: 3, balances: ['', '', ''], done: false },
      { rows: 6, balances: ['', '', ''], done: false },
      { rows: 7, balances: EXPECTED_BALANCES, done: true },
    ]);
    expect(entries(s)).toEqual(EXPECTED_ENTRIES);
    // The run's moment is forgotten once it is done; a second night appends nothing.
    expect(s.emu.properties.script()['loyalty.night']).toBeUndefined();
    s.emu.advance(24 * 3_600_000);
    expect(entries(s)).toEqual(EXPECTED_ENTRIES);
    expect(balances(s)).toEqual(EXPECTED_BALANCES);
  });

  it('cut off after any call of its executions, then resumed by the continuations: every entry once', () => {
    const s = studio();
    startNight(s);
    const start = s.emu.toJSON();
    // One uncut pass, to learn each loyalty execution's calls.
    const calls: number[] = [];
    while (!loyaltyDone(s) && calls.length < 10) {
      s.emu.rt.resetCounts();
      continuation(s);
      calls.push(s.emu.rt.total());
    }
    expect(calls).toHaveLength(3);
    const failures: string[] = [];
    let cut = 0;
    for (const [execution, total] of calls.entries()) {
      // Every call of the first and the last execution, every 5th of the one between (5 is prime: the cuts
      // fall on ever other calls of its blocks), and its very end.
      const every = execution === 1 ? 5 : 1;
      for (let k = 0; k <= total; k += 1) {
        if (k % every !== 0 && k !== total) continue;
        s.emu.restore(start);
        for (let before = 0; before < execution; before += 1) continuation(s);
        s.emu.rt.killExecutionsAfter(k);
        try {
          continuation(s);
        } catch (error) {
          if (!/Exceeded maximum execution time/.test(String(error)))
            failures.push(`${execution}/${k}: ${String(error)}`);
          cut += 1;
        }
        s.emu.rt.clearFaults();
        // Resumed as Google would: the continuation the cut execution scheduled, or, when it was cut before
        // scheduling one, the next nightly trigger (run here at once: the run's moment is still fresh).
        for (let round = 0; round < 12 && !loyaltyDone(s); round += 1) {
          const ran = s.emu.triggerRuns.length;
          s.emu.advance(2 * 60_000);
          if (s.emu.triggerRuns.length === ran) startNight(s);
        }
        const got = entries(s);
        if (JSON.stringify(got) !== JSON.stringify(EXPECTED_ENTRIES))
          failures.push(`${execution}/${k}: ledger ${got.join(', ')}`);
        const now = balances(s);
        if (JSON.stringify(now) !== JSON.stringify(EXPECTED_BALANCES))
          failures.push(`${execution}/${k}: balances ${now.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    // Every k but each execution's own total cut it.
    expect(cut).toBeGreaterThan(calls.reduce((sum, n) => sum + n, 0) / 5);
  });

  it('a loyalty step cut off in every execution is given up after 8 executions, and the night goes on', () => {
    const s = studio();
    startNight(s);
    const start = s.emu.toJSON();
    s.emu.rt.resetCounts();
    continuation(s);
    const calls = s.emu.rt.total();
    s.emu.restore(start);
    // Every execution cut half-way through (the step's reads: after the progress and the next continuation
    // are saved, before its first block is written): cut, it writes nothing, so each one tries the same again.
    s.emu.rt.killExecutionsAfter(Math.floor(calls / 2));
    // The continuations, one after another (each cut one scheduled the next before it was cut).
    let loyaltyRuns = 0;
    let cut = 0;
    while (!loyaltyDone(s) && loyaltyRuns < 30) {
      loyaltyRuns += 1;
      try {
        continuation(s);
      } catch (error) {
        if (/Exceeded maximum execution time/.test(String(error))) cut += 1;
      }
    }
    expect(cut).toBeGreaterThanOrEqual(8);
    s.emu.rt.clearFaults();
    const night = JSON.parse(s.emu.properties.script()['scheduled.night'] ?? '{}') as {
      next: number;
      failed: string[];
    };
    // 8 cut loyalty executions, then a ninth gives loyalty up and starts the next step (campaign results):
    // the night moves past loyalty instead of retrying it all day (the next night starts it afresh).
    expect(loyaltyRuns).toBe(9);
    expect(night.failed).toEqual(['analysis', 'loyalty']);
    expect(entries(s)).toEqual([]);
  });
});
