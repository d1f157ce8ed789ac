import { describe, expect, it } from 'vitest';
import { clientStats } from '../../src/domain/analysis/client-stats';
import {
  DEFAULT_LIFECYCLE_SETTINGS,
  expectedNextOrder,
  lifecycleStage,
  lifecycleStages,
} from '../../src/domain/analysis/lifecycle';
import { client, day, order } from './analysis-fixtures';

// Defaults: loyal from 5 orders, tolerance ×1.5, gap floor 14 days, one-order clients late after 90 days,
// churned after 365 days or churn risk > 0.8.
const asOf = day('2026-06-30');
const orders = [
  // Quick regular: every 20 days, last 11 May (50 days ago). Due 11 May + 20 × 1.5 = 10 Jun → lapsing.
  order('quick', '2026-04-01', 10),
  order('quick', '2026-04-21', 10),
  order('quick', '2026-05-11', 10),
  // Slow regular: 1 Jul 2025 → 1 Jan 2026, gap 184 days; 180 days quiet but due only 1 Jan + 276 days.
  order('slow', '2025-07-01', 10),
  order('slow', '2026-01-01', 10),
  // One order 100 days ago: past the 90-day global threshold.
  order('once-old', '2026-03-22', 10),
  order('once-recent', '2026-05-31', 10),
  // Same-day pair: gap 0 is floored to 14 days → due 20 Jun + 21 = 11 Jul.
  order('twin', '2026-06-20', 10),
  order('twin', '2026-06-20', 10),
  order('gone', '2025-05-31', 10), // 395 days ago
  ...['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'].map((date) => order('loyal', date, 10)),
  order('risky', '2026-06-20', 10),
];
const ids = ['quick', 'slow', 'once-old', 'once-recent', 'twin', 'gone', 'loyal', 'risky', 'lead'];
const stats = clientStats(
  ids.map((id) => client(id)),
  orders,
  asOf,
);

describe('lifecycle stages', () => {
  const stages = lifecycleStages(stats.values(), asOf, new Map([['risky', { churnRisk: 0.85 }]]));

  it.each([
    ['quick', 'lapsing'], // late against own 20-day rhythm though only 50 days quiet
    ['slow', 'repeat'], // 180 days quiet, but that is their rhythm
    ['once-old', 'lapsing'],
    ['once-recent', 'new'],
    ['twin', 'repeat'],
    ['gone', 'churned'],
    ['loyal', 'loyal'], // gap 30 → due 1 Jul + 45 days
    ['risky', 'churned'],
    ['lead', 'lead'],
  ])('%s is %s', (id, stage) => {
    expect(stages.get(id)).toBe(stage);
  });

  it('prefers the CLV model’s expected next order to the own-rhythm estimate', () => {
    const slow = stats.get('slow')!;
    expect(lifecycleStage(slow, asOf, { expectedNextOrder: day('2026-06-01') })).toBe('lapsing');
    expect(lifecycleStage(stats.get('quick')!, asOf, { expectedNextOrder: day('2026-07-15') })).toBe('repeat');
  });

  it('reads its thresholds from settings', () => {
    const strict = { ...DEFAULT_LIFECYCLE_SETTINGS, churnedAfterDays: 150, loyalMinOrders: 2 };
    expect(lifecycleStage(stats.get('slow')!, asOf, {}, strict)).toBe('churned');
    expect(lifecycleStage(stats.get('twin')!, asOf, {}, strict)).toBe('loyal');
    expect(
      lifecycleStage(
        stats.get('risky')!,
        asOf,
        { churnRisk: 0.85 },
        { ...DEFAULT_LIFECYCLE_SETTINGS, churnRiskThreshold: 0.9 },
      ),
    ).toBe('new');
  });

  it('computes the expected next order', () => {
    expect(expectedNextOrder(stats.get('quick')!)).toEqual(day('2026-06-10'));
    expect(expectedNextOrder(stats.get('once-old')!)).toEqual(day('2026-06-20'));
    expect(expectedNextOrder(stats.get('twin')!)).toEqual(day('2026-07-11'));
    expect(expectedNextOrder(stats.get('lead')!)).toBeNull();
  });
});
