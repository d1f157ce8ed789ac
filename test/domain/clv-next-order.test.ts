import { describe, expect, it } from 'vitest';
import { expectedPurchases, timeToNextPurchase } from '../../src/domain/clv/bgnbd';

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const inDays = { r: 0.525, alpha: 8.68, a: 3.47, b: 30.9 };

/** The reference: plain bisection on E[Y(t)] ≥ 1 to 1e-12 of the horizon. */
function bisected(
  params: typeof cdnow,
  history: { frequency: number; recency: number; age: number },
  horizon: number,
): number | null {
  const reaches = (t: number) => expectedPurchases(params, history, t) >= 1;
  if (!reaches(horizon)) return null;
  let low = 0;
  let high = horizon;
  for (let i = 0; i < 200 && high - low > horizon * 1e-12; i++) {
    const middle = (low + high) / 2;
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  return high;
}

describe('time to next purchase', () => {
  it('lands on the root of E[Y(t)] = 1 from above, within 1e-9 of the horizon, or is null like bisection', () => {
    let found = 0;
    for (const [params, horizon] of [
      [cdnow, 104],
      [inDays, 730],
    ] as const) {
      for (const x of [0, 1, 2, 5, 12, 30]) {
        for (const T of [0, 3, 40, 200, 900]) {
          for (const share of [0, 0.5, 1]) {
            const history = { frequency: x, recency: x > 0 ? T * share : 0, age: T };
            const wait = timeToNextPurchase(params, history, horizon);
            const reference = bisected(params, history, horizon);
            if (reference === null) {
              expect(wait).toBeNull();
              continue;
            }
            found += 1;
            expect(wait).not.toBeNull();
            expect(expectedPurchases(params, history, wait as number)).toBeGreaterThanOrEqual(1);
            expect(Math.abs((wait as number) - reference)).toBeLessThanOrEqual(horizon * 1e-9);
          }
        }
      }
    }
    expect(found).toBeGreaterThan(20);
  });
});
