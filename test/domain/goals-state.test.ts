// Goals on a hand-made studio: each KPI against the default targets, coloured by hand-worked arithmetic.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GOAL_SETTINGS, goalState, kpiGoals } from '../../src/domain/analysis';
import type { KpiReport, PeriodKpis } from '../../src/domain/analysis/kpis';

function period(values: Partial<PeriodKpis> & { averageHours?: number | null }): PeriodKpis {
  return {
    period: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') },
    orders: 10,
    revenue: 10_000,
    activeClients: 8,
    newClients: 2,
    repeatOrderRate: null,
    clientsAtStart: 6,
    clientsAtEnd: 8,
    retentionRate: null,
    returningRevenueShare: null,
    profitPerClient: null,
    averageOrderValue: 1000,
    purchaseFrequency: 1.25,
    requests: { received: 4, answered: 4, unanswered: 0, averageHours: values.averageHours ?? null, medianHours: null },
    feedback: {
      npsResponses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      ratings: 0,
      averageRating: null,
    },
    ...values,
  };
}

describe('goals against the studio targets', () => {
  it('colours each KPI of a hand-made studio against the defaults (60 %, +30 %, 2 h, 50 %, profit not down)', () => {
    const report: KpiReport = {
      // Previous month: returning revenue 10 000 × 0.4 = 4 000; profit per client 500.
      previous: period({ revenue: 10_000, returningRevenueShare: 0.4, profitPerClient: 500, repeatOrderRate: 0.5 }),
      // This month: 7 of 10 orders repeat (0.7 ≥ 0.6: green); returning revenue 12 000 × 0.4 = 4 800, +20 %
      // (short of +30 % by 0.1 ≤ band 0.3: amber); answers in 5 h (≥ 2 h × 1.2: red); retention 0.45 (short of
      // 0.5 by 0.05 ≤ 0.1: amber); profit per client 400, −20 % (short of 0 by 0.2 > band 0.1: red).
      current: period({
        revenue: 12_000,
        returningRevenueShare: 0.4,
        repeatOrderRate: 0.7,
        retentionRate: 0.45,
        profitPerClient: 400,
        averageHours: 5,
      }),
      campaigns: null,
    };
    const goals = kpiGoals(report, DEFAULT_GOAL_SETTINGS);
    expect(goals.map((goal) => [goal.key, goal.state, goal.trend])).toEqual([
      ['repeatOrderRate', 'green', 'better'],
      ['returningRevenue', 'amber', 'better'],
      ['marketingCostPerReturningOrder', null, null],
      ['averageResponseHours', 'red', null],
      ['retentionRate', 'amber', null],
      ['profitPerClient', 'red', 'worse'],
    ]);
    expect(goals[1]?.measured).toBeCloseTo(0.2, 10);
  });

  it('a lower-is-better target: at most 2 h is green at 2 h, amber to 2.4 h, red beyond; −20 % cost is green at −25 %', () => {
    expect(goalState('atMost', 2, 2)).toBe('green');
    expect(goalState('atMost', 2, 2.4)).toBe('amber');
    expect(goalState('atMost', 2, 2.5)).toBe('red');
    expect(goalState('changeAtMost', -0.2, -0.25)).toBe('green');
    expect(goalState('changeAtMost', -0.2, 0)).toBe('amber');
    expect(goalState('changeAtMost', -0.2, 0.05)).toBe('red');
    expect(goalState('atLeast', 0.6, null)).toBeNull();
  });
});
