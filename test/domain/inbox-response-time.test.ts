// The response-time KPI by hand: answered in 30, 90 and 200 minutes against a 120-minute target, one open
// request at 100 minutes (nearing), one open at 150 (late, counted as missed), one at 10.
import { describe, expect, it } from 'vitest';
import { responseTimeKpi } from '../../src/domain/analysis/response-time';
import type { ClientRequest } from '../../src/domain/types';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const request = (id: string, receivedAgo: number, answeredAfter: number | null): ClientRequest => ({
  id,
  clientId: `C-${id}`,
  channel: 'email',
  receivedAt: minutesAgo(receivedAgo),
  answeredAt: answeredAfter === null ? null : new Date(minutesAgo(receivedAgo).getTime() + answeredAfter * 60_000),
  summary: '',
});

describe('responseTimeKpi', () => {
  it('measures average, median, the share within target and who waits', () => {
    const kpi = responseTimeKpi(
      [
        request('1', 600, 30),
        request('2', 500, 90),
        request('3', 400, 200),
        request('4', 100, null),
        request('5', 150, null),
        request('6', 10, null),
      ],
      now,
      120,
    );
    expect(kpi.answered).toBe(3);
    expect(kpi.averageMinutes).toBeCloseTo((30 + 90 + 200) / 3, 10);
    expect(kpi.medianMinutes).toBe(90);
    // Within target: 30 and 90. Known outcomes: 3 answered + 1 open past the target.
    expect(kpi.withinTargetShare).toBe(2 / 4);
    expect(kpi.waitingLongest.map((r) => [r.id, r.waitingMinutes])).toEqual([
      ['5', 150],
      ['4', 100],
      ['6', 10],
    ]);
    expect(kpi.nearingTarget.map((r) => r.id)).toEqual(['4']);
  });

  it('has no figures with nothing answered, and takes an answer typed before the request as at once', () => {
    expect(responseTimeKpi([], now)).toMatchObject({
      averageMinutes: null,
      medianMinutes: null,
      withinTargetShare: null,
    });
    const early = { ...request('1', 60, 0), answeredAt: minutesAgo(90) };
    expect(responseTimeKpi([early], now).averageMinutes).toBe(0);
  });
});
