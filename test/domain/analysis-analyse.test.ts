import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyseStudio,
  builtInSegments,
  checkSegmentText,
  lastFullMonth,
  RFM_SEGMENTS,
} from '../../src/domain/analysis';
import type { Client, Order } from '../../src/domain/types';
import { client, day, feedback, order } from './analysis-fixtures';

describe('analyseStudio', () => {
  const asOf = day('2026-03-10');
  const clients = [client('a', { country: 'RU' }), client('b', { country: 'KZ' }), client('lead')];
  const orders = [order('a', '2026-01-05', 100), order('a', '2026-02-05', 50), order('b', '2026-02-20', 30)];
  const result = analyseStudio(
    { clients, orders, feedback: [feedback('2026-02-01', 10)], requests: [], segments: builtInSegments() },
    asOf,
  );

  it('defaults the KPI period to the last full month', () => {
    expect(lastFullMonth(asOf)).toEqual({ from: day('2026-02-01'), to: day('2026-03-01') });
    expect(result.kpis.current).toMatchObject({ orders: 2, revenue: 80, newClients: 1, activeClients: 2 });
    expect(result.kpis.previous).toMatchObject({ orders: 1, revenue: 100 });
  });

  it('counts lifecycle stages and RFM segments over every client', () => {
    expect(result.lifecycleCounts).toEqual({ lead: 1, new: 1, repeat: 1, loyal: 0, lapsing: 0, churned: 0 });
    expect(Object.values(result.rfmCounts).reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(result.segments.get('lifecycle:lead')).toEqual({ ok: true, clientIds: ['lead'] });
    expect(result.breakdowns.country.map((row) => row.key)).toEqual(['RU', 'KZ', '']);
    expect(result.npsByMonth.map((row) => row.month)).toEqual(['2026-02', '2026-03']);
  });
});

describe('checkSegmentText', () => {
  it('returns the group for good text', () => {
    expect(checkSegmentText('Discord is not empty AND order_count ≥ 1', ['Discord'])).toMatchObject({ ok: true });
  });
  it('returns parse errors and rule problems alike', () => {
    expect(checkSegmentText('order_count ≥')).toEqual({
      ok: false,
      problems: [
        { key: 'analysis.segment.parse.unexpectedEnd', params: { position: 14 }, path: [], rule: 'order_count ≥' },
      ],
    });
    const unknown = checkSegmentText('Discord is not empty');
    expect(!unknown.ok && unknown.problems.map((problem) => problem.key)).toEqual(['analysis.segment.unknownField']);
  });
});

describe('on the CDNOW transactions (23,570 clients, 69,659 orders)', () => {
  const lines = readFileSync(new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const orders: Order[] = lines.map((line, index) => {
    const [id, date, quantity, amount] = line.trim().split(/\s+/);
    return order(`C${id}`, `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}`, Number(amount), {
      id: `O${index}`,
      quantity: Number(quantity),
    });
  });
  const clients: Client[] = [...new Set(orders.map((o) => o.clientId))].map((id) => client(id));

  it('runs the whole analysis on CDNOW (speed is measured in local/bench)', () => {
    const result = analyseStudio(
      { clients, orders, feedback: [], requests: [], segments: builtInSegments() },
      day('1998-07-01'),
    );
    expect(result.profiles).toHaveLength(23_570);
    // Everyone's first order is in Jan–Mar 1997 (the data set's cohorts), so there are exactly three cohorts.
    expect(result.cohorts.map((row) => row.month)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(result.cohorts.reduce((sum, row) => sum + row.size, 0)).toBe(23_570);
    const scored = result.profiles.filter((profile) => profile.rfm);
    expect(scored).toHaveLength(23_570);
    const scores = new Set(scored.flatMap(({ rfm }) => [rfm!.recency, rfm!.frequency, rfm!.monetary]));
    expect([...scores].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(result.rfmCounts).sort()).toEqual([...RFM_SEGMENTS].sort());
    const revenue = orders.reduce((sum, o) => sum + o.amount, 0);
    expect(result.revenueByMonth.reduce((sum, row) => sum + row.revenue, 0)).toBeCloseTo(revenue, 2);
  });
});
