import { describe, expect, it } from 'vitest';
import { feedbackSummary, median, responseTimes } from '../../src/domain/analysis/client-care';
import { computeKpis, DEFAULT_KPI_SETTINGS, previousPeriod } from '../../src/domain/analysis/kpis';
import { day, feedback, order, request } from './analysis-fixtures';

describe('KPIs on a six-client example', () => {
  // Period Q2 2026 = [1 Apr, 1 Jul); active window 90 days, margin 0.5.
  // "Active at 1 Apr" = ordered in [1 Jan, 1 Apr); "active at 1 Jul" = ordered in [2 Apr, 1 Jul).
  const orders = [
    order('A', '2026-02-10', 60),
    order('A', '2026-05-05', 100), // kept
    order('B', '2026-03-20', 40), // lost
    order('C', '2026-01-15', 30),
    order('C', '2026-06-20', 200), // kept
    order('D', '2026-05-01', 50),
    order('D', '2026-05-02', 1000, { status: 'cancelled' }), // new in Q2
    order('E', '2025-06-01', 70),
    order('E', '2026-06-01', 80), // reactivated
    order('F', '2026-01-05', 20), // lost
    order('A', '2026-07-01', 500), // on `to`: next period
  ];
  const settings = { ...DEFAULT_KPI_SETTINGS, activeWindowDays: 90, marginRate: 0.5 };
  const campaigns = { sends: 10, conversions: 2, conversionRate: 0.2, revenue: 180, cost: 30, roi: 2 };
  const report = computeKpis(
    { orders, feedback: [], requests: [], campaigns },
    { from: day('2026-04-01'), to: day('2026-07-01') },
    settings,
  );

  it('computes Q2', () => {
    // At start {A, B, C, F} = 4; at end {A, C, D, E} = 4; new {D} = 1 → retention (4 − 1) / 4.
    // Revenue 100 + 200 + 50 + 80 = 430 over 4 orders by 4 clients; returning (A, C, E) 380.
    // Repeat: A, C, E have 2 orders by 1 Jul, D has 1 → 3/4. Profit 430 × 0.5 / 4.
    expect(report.current).toMatchObject({
      orders: 4,
      revenue: 430,
      activeClients: 4,
      newClients: 1,
      clientsAtStart: 4,
      clientsAtEnd: 4,
      retentionRate: 0.75,
      repeatOrderRate: 0.75,
      averageOrderValue: 107.5,
      purchaseFrequency: 1,
      profitPerClient: 53.75,
    });
    expect(report.current.returningRevenueShare).toBeCloseTo(380 / 430, 10);
  });

  it('computes the quarter before (Q1) the same way', () => {
    // [1 Jan, 1 Apr): A 60, B 40, C 30, F 20, all first orders; nobody active in [3 Oct, 1 Jan) → no retention.
    expect(report.previous.period).toEqual({ from: day('2026-01-01'), to: day('2026-04-01') });
    expect(report.previous).toMatchObject({
      orders: 4,
      revenue: 150,
      activeClients: 4,
      newClients: 4,
      repeatOrderRate: 0,
      clientsAtStart: 0,
      clientsAtEnd: 4,
      retentionRate: null,
      returningRevenueShare: 0,
      averageOrderValue: 37.5,
    });
  });

  it('carries campaign results through untouched', () => {
    expect(report.campaigns).toEqual(campaigns);
  });

  it('reports nothing as null, not zero, for an empty period', () => {
    const empty = computeKpis(
      { orders: [], feedback: [], requests: [] },
      { from: day('2026-04-01'), to: day('2026-05-01') },
    );
    expect(empty.current).toMatchObject({
      orders: 0,
      revenue: 0,
      averageOrderValue: null,
      retentionRate: null,
      repeatOrderRate: null,
      profitPerClient: null,
    });
    expect(empty.current.feedback.nps).toBeNull();
    expect(empty.current.requests.medianHours).toBeNull();
  });
});

describe('previousPeriod', () => {
  it('steps back whole months for month-aligned periods', () => {
    expect(previousPeriod({ from: day('2026-03-01'), to: day('2026-04-01') })).toEqual({
      from: day('2026-02-01'),
      to: day('2026-03-01'),
    });
  });
  it('steps back calendar days otherwise', () => {
    expect(previousPeriod({ from: day('2026-03-10'), to: day('2026-03-17') })).toEqual({
      from: day('2026-03-03'),
      to: day('2026-03-10'),
    });
  });
});

describe('NPS and ratings', () => {
  it('scores known answers', () => {
    // Promoters 10, 9, 9, 10 = 4; passives 8, 7 = 2; detractors 6, 3, 0 = 3; one without NPS; one outside the period.
    // NPS = (4 − 3) / 9 × 100 = 11.1…; ratings 5, 4, 3, 4 → 4.
    const answers = [
      feedback('2026-03-01', 10, 5),
      feedback('2026-03-02', 9, 4),
      feedback('2026-03-03', 9),
      feedback('2026-03-04', 8, 3),
      feedback('2026-03-05', 7),
      feedback('2026-03-06', 6, 4),
      feedback('2026-03-07', 3),
      feedback('2026-03-08', 0),
      feedback('2026-03-09', 10),
      feedback('2026-03-10', null),
      feedback('2026-04-01', 0, 1),
    ];
    const summary = feedbackSummary(answers, day('2026-03-01'), day('2026-04-01'));
    expect(summary).toMatchObject({
      npsResponses: 9,
      promoters: 4,
      passives: 2,
      detractors: 3,
      ratings: 4,
      averageRating: 4,
    });
    expect(summary.nps).toBeCloseTo(100 / 9, 10);
  });

  it('ranges from −100 to 100', () => {
    expect(
      feedbackSummary([feedback('2026-03-01', 2), feedback('2026-03-02', 6)], day('2026-03-01'), day('2026-04-01')).nps,
    ).toBe(-100);
    expect(feedbackSummary([feedback('2026-03-01', 9)], day('2026-03-01'), day('2026-04-01')).nps).toBe(100);
  });
});

describe('first-response time', () => {
  it('takes average and median over answered requests and counts unanswered ones apart', () => {
    const at = (hour: number, minute = 0) => new Date(2026, 2, 10, hour, minute);
    // Answered after 2 h, 0.5 h, 5 h, 1 h → sorted 0.5, 1, 2, 5: median 1.5, average 2.125. One unanswered.
    const requests = [
      request(at(10), at(12)),
      request(at(11), at(11, 30)),
      request(at(9), at(14)),
      request(at(13), null),
      request(at(15), at(16)),
      request(new Date(2026, 3, 1), new Date(2026, 3, 2)), // next month
    ];
    expect(responseTimes(requests, day('2026-03-01'), day('2026-04-01'))).toEqual({
      received: 5,
      answered: 4,
      unanswered: 1,
      averageHours: 2.125,
      medianHours: 1.5,
    });
  });

  it('median of an odd count is the middle value', () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
