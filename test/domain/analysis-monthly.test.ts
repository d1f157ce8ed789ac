import { describe, expect, it } from 'vitest';
import { breakdownBy } from '../../src/domain/analysis/breakdowns';
import { cohortTable, npsByMonth, revenueByMonth } from '../../src/domain/analysis/monthly';
import { buildClientProfiles } from '../../src/domain/analysis/profiles';
import { client, day, feedback, order } from './analysis-fixtures';

const asOf = day('2026-03-31');
const orders = [
  // January cohort: a, b, c. February cohort: d, e. March cohort: f.
  order('a', '2026-01-05', 100),
  order('a', '2026-01-20', 50),
  order('a', '2026-02-03', 70),
  order('a', '2026-03-01', 30),
  order('b', '2026-01-10', 40),
  order('b', '2026-03-15', 60),
  order('c', '2026-01-31', 20),
  order('d', '2026-02-14', 80),
  order('d', '2026-03-14', 90),
  order('e', '2026-02-28', 10, { status: 'cancelled' }),
  order('e', '2026-02-28', 15),
  order('f', '2026-03-30', 25),
  order('f', '2026-04-02', 999), // after asOf
];

describe('cohortTable', () => {
  it('shares of each cohort ordering k months after its first month', () => {
    // Jan (3): month 0 all 3 (a twice counts once); month 1 (Feb) a → 1/3; month 2 (Mar) a, b → 2/3.
    // Feb (2): month 0 d, e; month 1 d → 1/2. Mar (1): month 0 f.
    expect(cohortTable(orders, asOf)).toEqual([
      { month: '2026-01', size: 3, active: [3, 1, 2], retention: [1, 1 / 3, 2 / 3] },
      { month: '2026-02', size: 2, active: [2, 1], retention: [1, 0.5] },
      { month: '2026-03', size: 1, active: [1], retention: [1] },
    ]);
  });

  it('is empty without orders', () => {
    expect(cohortTable([], asOf)).toEqual([]);
  });
});

describe('revenueByMonth', () => {
  it('splits each month between clients new that month and returning ones', () => {
    // Jan: all new (a 150, b 40, c 20). Feb: a 70 returning; d 80, e 15 new. Mar: a 30, b 60, d 90 returning; f 25 new.
    expect(revenueByMonth(orders, asOf)).toEqual([
      { month: '2026-01', orders: 4, revenue: 210, newRevenue: 210, returningRevenue: 0, newClients: 3 },
      { month: '2026-02', orders: 3, revenue: 165, newRevenue: 95, returningRevenue: 70, newClients: 2 },
      { month: '2026-03', orders: 4, revenue: 205, newRevenue: 25, returningRevenue: 180, newClients: 1 },
    ]);
  });

  it('fills months without orders from `since`', () => {
    const rows = revenueByMonth(orders, asOf, day('2025-12-01'));
    expect(rows.map((row) => [row.month, row.revenue])).toEqual([
      ['2025-12', 0],
      ['2026-01', 210],
      ['2026-02', 165],
      ['2026-03', 205],
    ]);
  });
});

describe('npsByMonth', () => {
  it('scores each month on its own answers', () => {
    // Jan: 10, 9, 3 → (2 − 1) / 3; Feb: none; Mar: 6 → −100.
    const rows = npsByMonth(
      [
        feedback('2026-01-02', 10, 5),
        feedback('2026-01-09', 9),
        feedback('2026-01-20', 3, 2),
        feedback('2026-03-03', 6),
      ],
      asOf,
    );
    expect(rows.map((row) => row.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(rows[0]!.nps).toBeCloseTo(100 / 3, 10);
    expect(rows[0]!.averageRating).toBe(3.5);
    expect(rows[1]).toMatchObject({ npsResponses: 0, nps: null });
    expect(rows[2]!.nps).toBe(-100);
  });
});

describe('breakdownBy', () => {
  const clients = [
    client('a', { country: 'RU', city: 'Moscow', topic: 'gaming' }),
    client('b', { country: 'ru ', city: 'moscow', topic: 'art' }),
    client('c', { country: 'KZ', city: 'Almaty', topic: 'gaming' }),
    client('d', { country: '', city: '', topic: '' }),
    client('e', { country: 'KZ', city: 'Astana', topic: 'gaming' }),
    client('f', { country: 'DE', city: 'Berlin', topic: 'music' }),
  ];
  const profiles = buildClientProfiles(clients, orders, asOf);

  it('groups countries case-insensitively and sums orders and revenue', () => {
    // RU: a 250 + b 100 = 350 (6 orders); KZ: c 20 + e 15 = 35 (2); empty: d 170 (2); DE: f 25 (1).
    expect(breakdownBy(profiles, 'country')).toEqual([
      { key: 'RU', clients: 2, buyers: 2, orders: 6, revenue: 350 },
      { key: '', clients: 1, buyers: 1, orders: 2, revenue: 170 },
      { key: 'KZ', clients: 2, buyers: 2, orders: 2, revenue: 35 },
      { key: 'DE', clients: 1, buyers: 1, orders: 1, revenue: 25 },
    ]);
  });

  it('breaks down by topic and city too', () => {
    expect(breakdownBy(profiles, 'topic').map((row) => [row.key, row.clients, row.revenue])).toEqual([
      ['gaming', 3, 285],
      ['', 1, 170],
      ['art', 1, 100],
      ['music', 1, 25],
    ]);
    expect(breakdownBy(profiles, 'city')[0]).toEqual({ key: 'Moscow', clients: 2, buyers: 2, orders: 6, revenue: 350 });
  });
});
