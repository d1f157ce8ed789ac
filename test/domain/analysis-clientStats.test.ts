import { describe, expect, it } from 'vitest';
import { clientStats } from '../../src/domain/analysis/client-stats';
import { client, day, order } from './analysis-fixtures';

describe('clientStats', () => {
  const asOf = day('2026-03-31');
  const clients = [client('a'), client('b'), client('lead')];
  const orders = [
    order('a', '2026-01-01', 100, { product: 'emotes' }),
    order('a', '2026-02-10', 50, { product: 'sub badges', status: 'in_progress' }),
    order('a', '2026-01-21', 30, { product: 'emotes', status: 'new' }),
    order('a', '2026-03-01', 999, { status: 'cancelled' }), // never counts
    order('a', '2026-04-05', 999), // after asOf
    order('b', '2026-03-30', 80, { product: ' stickers ' }),
    order('ghost', '2026-03-01', 70), // unknown client
  ];
  const stats = clientStats(clients, orders, asOf);

  it('counts non-cancelled orders up to asOf and their spend', () => {
    // a: 100 + 50 + 30 = 180 over 3 orders, first 1 Jan, last 10 Feb, 49 days before 31 Mar.
    expect(stats.get('a')).toMatchObject({
      orderCount: 3,
      totalSpend: 180,
      averageSpend: 60,
      daysSinceLastOrder: 49,
      firstOrderAt: day('2026-01-01'),
      lastOrderAt: day('2026-02-10'),
    });
  });

  it('measures the client’s own rhythm as span / (orders − 1)', () => {
    // 1 Jan → 10 Feb is 40 days over 2 gaps.
    expect(stats.get('a')!.averageGapDays).toBe(20);
    expect(stats.get('b')!.averageGapDays).toBeNull();
  });

  it('lists distinct products, trimmed and sorted', () => {
    expect(stats.get('a')!.products).toEqual(['emotes', 'sub badges']);
    expect(stats.get('b')!.products).toEqual(['stickers']);
  });

  it('keeps clients without orders with empty stats and ignores unknown clients', () => {
    expect(stats.get('lead')).toMatchObject({
      orderCount: 0,
      totalSpend: 0,
      averageSpend: null,
      lastOrderAt: null,
      daysSinceLastOrder: null,
    });
    expect(stats.has('ghost')).toBe(false);
    expect(stats.size).toBe(3);
  });

  it('counts calendar days, not 24-hour blocks', () => {
    const late = clientStats(
      [client('x')],
      [order('x', '2026-03-30', 1, { date: new Date(2026, 2, 30, 23, 30) })],
      new Date(2026, 2, 31, 0, 30),
    );
    expect(late.get('x')!.daysSinceLastOrder).toBe(1);
  });

  it('counts many orders per client (one pass; speed is measured in local/bench)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => client(`c${i}`));
    const manyOrders = Array.from({ length: 100_000 }, (_, i) =>
      order(`c${i % 5000}`, `2025-${String((i % 12) + 1).padStart(2, '0')}-15`, 10),
    );
    const result = clientStats(many, manyOrders, asOf);
    expect(result.get('c7')!.orderCount).toBe(20);
  });
});
