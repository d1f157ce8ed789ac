// The first loyalty night over years of order history, on dist/Code.js: orders the ledger roll-up would
// settle (completed before its boundary) are credited as one entry per client, not one row per order. Two
// copies of one studio live through the same two years, one whose first night ran with roll-ups off (a row
// per order); balances, expiry, tier and what later nights append are the same, with fewer rows.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order, type Studio } from '../support/loyalty-studio';
import { columnTitle } from '../support/sheet-fixtures';

/** 1 point per 1 of amount, lots last 12 months, one tier (no tier bonuses), closed years kept: 1. */
const SETTINGS = {
  'loyalty.expiryMonths': '12',
  'loyalty.tiers': JSON.stringify([{ name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 }]),
  'rollups.ledgerKeepYears': '1',
};

function studio(rollups: boolean): Studio {
  return loyaltyStudio({
    now: '2026-03-01T09:00:00Z',
    settings: { ...SETTINGS, 'rollups.enabled': String(rollups) },
    clients: [client('C-1'), client('C-2')],
    orders: [
      order('O-1', 'C-1', 100, 'completed', '2023-05-10T12:00:00Z'),
      order('O-2', 'C-1', 250, 'completed', '2024-11-20T12:00:00Z'),
      order('O-3', 'C-1', 60, 'completed', '2025-06-10T12:00:00Z'),
      order('O-4', 'C-2', 80, 'completed', '2024-02-15T12:00:00Z'),
      order('O-5', 'C-2', 30, 'cancelled', '2024-03-01T12:00:00Z'),
      order('O-6', 'C-2', 40, 'completed', '2026-02-20T12:00:00Z'),
    ],
  });
}

function nightly(s: Studio): void {
  // This bare studio has no Requests or Segments sheet: the analysis step (the first) fails, the rest run.
  expect(() => s.app.run('runNightly', [], { kind: 'trigger' })).toThrow('Failed steps: analysis');
  s.emu.advance(10 * 60_000);
}

function advanceTo(s: Studio, iso: string): void {
  s.emu.advance(Date.parse(iso) - s.emu.clock.now());
}

/** Types a Settings value as staff would. */
function setSetting(s: Studio, key: string, value: string): void {
  const name = s.sheetName('settings');
  const [header = [], ...rows] = s.emu.spreadsheet.values(name);
  const column = header.findIndex((cell) => cell === columnTitle('settings', 'value', s.locale));
  const row = rows.findIndex(
    (cells) => cells[header.findIndex((c) => c === columnTitle('settings', 'key', s.locale))] === key,
  );
  if (column === -1 || row === -1) throw new Error(`no setting ${key}`);
  s.emu.spreadsheet.edit(name, `${String.fromCharCode(65 + column)}${row + 2}`, [[value]]);
}

interface Seen {
  balances: unknown[];
  tiers: unknown[];
  ledgerRows: number;
}

/**
 * By hand (roll-up boundary on the first night, 1 Mar 2026, keeping 1 closed year: 1 Jan 2025):
 *   1 Mar 2026: O-1 100, O-2 250 (C-1) and O-4 80 (C-2) are before it; O-5 is cancelled (earns nothing);
 *     O-3 60 (2025) and O-6 40 (2026) are after it. Balances C-1 100 + 250 + 60 = 410, C-2 80 + 40 = 120.
 *     Per order: 5 rows. Direct: C-1 one credit of 350 + O-3's 60, C-2 one credit of 80 + O-6's 40 = 4 rows.
 *   2 Mar 2026: nothing new (the settled orders earn nothing twice).
 *   3 Mar 2026: O-3 edited 60 → 90 (+30), O-6 cancelled (−40, from its own lot): C-1 440, C-2 80; 7 / 6 rows.
 *   2 Mar 2027: every lot of 1 Mar 2026 is 12 months old: C-1 loses 100 + 250 + 60 (per order: 3 expiries;
 *     direct: 350 + 60, 2 expiries), keeps the +30 of 3 Mar; C-2 loses 80 (1 expiry) → C-1 30, C-2 0; 11 / 9 rows.
 *   2 Jan 2028: the +30 lot expires (1 row) → 0, 0. The roll-up (boundary 1 Jan 2027) takes every 2026 entry:
 *     all of C-1's lots were open at the boundary, so a roll-up entry (0) and its 4 / 3 lots replace 4 / 3 rows
 *     (+1); C-2's only open lot is O-4's / the credit, so a roll-up entry and it replace 3 rows (−1): 12 / 10 rows.
 *   3 Jan 2028: nothing changes (each client rolled up already, the credit among its lots).
 */
function live(s: Studio, firstNightRollups: boolean): Seen[] {
  const seen: Seen[] = [];
  const look = () =>
    seen.push({
      balances: ['C-1', 'C-2'].map((id) => s.clientRow(id).pointsBalance),
      tiers: ['C-1', 'C-2'].map((id) => s.clientRow(id).tier),
      ledgerRows: s.ledger().filter((row) => row.id !== '').length,
    });
  nightly(s);
  look();
  if (!firstNightRollups) setSetting(s, 'rollups.enabled', 'true');
  advanceTo(s, '2026-03-02T09:00:00Z');
  nightly(s);
  look();
  advanceTo(s, '2026-03-03T09:00:00Z');
  s.edit('orders', 'O-3', 'amount', 90);
  s.edit('orders', 'O-6', 'status', 'Отменён');
  nightly(s);
  look();
  advanceTo(s, '2027-03-02T09:00:00Z');
  nightly(s);
  look();
  advanceTo(s, '2028-01-02T09:00:00Z');
  nightly(s);
  look();
  advanceTo(s, '2028-01-03T09:00:00Z');
  nightly(s);
  look();
  return seen;
}

describe('first loyalty night over closed years', () => {
  it('credits settled orders in one entry per client: the same balances, expiry and tier as a row per order', () => {
    const perOrder = live(studio(false), false);
    const direct = live(studio(true), true);
    const expectedBalances = [
      [410, 120],
      [410, 120],
      [440, 80],
      [30, 0],
      [0, 0],
      [0, 0],
    ];
    expect(perOrder.map((step) => step.balances)).toEqual(expectedBalances);
    expect(direct.map((step) => step.balances)).toEqual(expectedBalances);
    expect(direct.map((step) => step.tiers)).toEqual(perOrder.map((step) => step.tiers));
    expect(perOrder.map((step) => step.ledgerRows)).toEqual([5, 5, 7, 11, 12, 12]);
    expect(direct.map((step) => step.ledgerRows)).toEqual([4, 4, 6, 9, 10, 10]);
  });

  it('writes the credit as the roll-up does: tonight, the sentence in Reason, the settled earn keys in Reason code', () => {
    const s = studio(true);
    nightly(s);
    const credits = s
      .ledger()
      .filter((row) => String(row.key).startsWith('rollup:'))
      .map((row) => [row.clientId, row.kind, row.points, (row.date as Date).toISOString(), row.reason, row.reasonCode]);
    // Dated the moment the loyalty step ran (its own execution, a minute after the nightly's first: 09:01 UTC), an earn; "until" is the day before the boundary (1 Jan 2025).
    expect(credits).toEqual([
      [
        'C-1',
        'Начисление',
        350,
        '2026-03-01T09:01:00.000Z',
        'Итог закрытых лет по 31 декабря 2024 г. (свёрнуто записей: 2)',
        'rolledUp until=2024-12-31 entries=2 keys=order:O-1:earn,order:O-2:earn',
      ],
      [
        'C-2',
        'Начисление',
        80,
        '2026-03-01T09:01:00.000Z',
        'Итог закрытых лет по 31 декабря 2024 г. (свёрнуто записей: 1)',
        'rolledUp until=2024-12-31 entries=1 keys=order:O-4:earn',
      ],
    ]);
    // An order of a closed year edited later is settled: it is not re-priced (as after a roll-up).
    s.emu.advance(24 * 3_600_000);
    s.edit('orders', 'O-1', 'amount', 500);
    nightly(s);
    expect(s.clientRow('C-1').pointsBalance).toBe(410);
  });
});
