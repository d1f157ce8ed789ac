import { describe, expect, it } from 'vitest';
import type { ClientStats } from '../../src/domain/analysis/client-stats';
import { quintileScores, RFM_SEGMENTS, rfmSegment, scoreRfm, type RfmScoreValue } from '../../src/domain/analysis/rfm';
import { seededRandom } from './analysis-fixtures';

function stats(
  clientId: string,
  daysSinceLastOrder: number | null,
  orderCount: number,
  totalSpend: number,
): ClientStats {
  return {
    clientId,
    orderCount,
    totalSpend,
    daysSinceLastOrder,
    firstOrderAt: null,
    lastOrderAt: null,
    averageSpend: null,
    averageGapDays: null,
    products: [],
  };
}

describe('scoreRfm on ten hand-scored clients', () => {
  // score = floor(5·(c + 0.5)/n) + 1 with c the average 0-based position of a run of equal values; n = 10.
  // Recency (fewer days = better), ascending by −days: c10 c09 c08 c07 c06 c05 c04 {c02 c03} c01
  //   → 1 1 2 2 3 3 4 {5 5: centre 7.5} 5
  // Frequency: {c02 c04 c06 c08 c10 = 1 order: centre 2 → 2} {c05 c09 = 2: centre 5.5 → 4} c03=3 → 4, c07 → 5, c01 → 5
  // Monetary: c10 40 → 1, c02 50 → 1, c06 80 → 2, {c04 c08 120: centre 3.5 → 3}, c05 → 3, c09 → 4, c03 → 4, c07 → 5, c01 → 5
  // FM = floor((F + M + 1) / 2), segment from the R × FM grid.
  const input = [
    stats('c01', 1, 8, 900),
    stats('c02', 5, 1, 50),
    stats('c03', 5, 3, 300),
    stats('c04', 10, 1, 120),
    stats('c05', 20, 2, 200),
    stats('c06', 30, 1, 80),
    stats('c07', 60, 5, 500),
    stats('c08', 90, 1, 120),
    stats('c09', 200, 2, 260),
    stats('c10', 400, 1, 40),
    stats('lead', null, 0, 0),
  ];
  const rfm = scoreRfm(input);
  const expected: Record<string, [string, number, string]> = {
    c01: ['555', 5, 'champions'],
    c02: ['521', 2, 'potential_loyalists'],
    c03: ['544', 4, 'champions'],
    c04: ['423', 3, 'potential_loyalists'],
    c05: ['343', 4, 'loyal'],
    c06: ['322', 2, 'about_to_sleep'],
    c07: ['255', 5, 'cant_lose_them'],
    c08: ['223', 3, 'at_risk'],
    c09: ['144', 4, 'cant_lose_them'],
    c10: ['121', 2, 'lost'],
  };

  it.each(Object.entries(expected))('%s scores %j', (id, [code, fm, segment]) => {
    expect(rfm.get(id)).toMatchObject({ code, frequencyMonetary: fm, segment });
  });

  it('gives clients without orders no RFM', () => {
    expect(rfm.has('lead')).toBe(false);
    expect(rfm.size).toBe(10);
  });

  it('is independent of input order', () => {
    const shuffled = scoreRfm([...input].reverse());
    expect([...shuffled]).toEqual([...rfm]);
  });

  it('puts a lone client in the middle', () => {
    expect(scoreRfm([stats('only', 3, 1, 10)]).get('only')).toMatchObject({ code: '333', segment: 'need_attention' });
  });
});

describe('the R × FM grid', () => {
  it('maps every cell to a known segment and uses every segment', () => {
    const used = new Set<string>();
    for (let r = 1; r <= 5; r += 1)
      for (let fm = 1; fm <= 5; fm += 1) used.add(rfmSegment(r as RfmScoreValue, fm as RfmScoreValue));
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});

describe('quintileScores properties', () => {
  const random = seededRandom(42);

  it('always scores 1–5, equal values equally, higher values never lower', () => {
    for (let trial = 0; trial < 200; trial += 1) {
      const n = 1 + Math.floor(random() * 80);
      const values = new Map(
        Array.from({ length: n }, (_, i) => [`c${i}`, Math.floor(random() * 10)] as [string, number]),
      );
      const scores = quintileScores(values);
      const byValue = new Map<number, number>();
      for (const [id, value] of values) {
        const score = scores.get(id)!;
        expect(score).toBeGreaterThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(5);
        if (byValue.has(value)) expect(score).toBe(byValue.get(value));
        byValue.set(value, score);
      }
      const ordered = [...byValue].sort((x, y) => x[0] - y[0]).map(([, score]) => score);
      expect(ordered).toEqual([...ordered].sort((x, y) => x - y));
    }
  });

  it('makes quintiles within one of each other in size when there are no ties', () => {
    for (let n = 5; n <= 120; n += 1) {
      const values = new Map(Array.from({ length: n }, (_, i) => [`c${i}`, random() + i] as [string, number]));
      const sizes = [0, 0, 0, 0, 0];
      for (const score of quintileScores(values).values()) sizes[score - 1]! += 1;
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});
