// Special functions and the optimiser behind the lifetime-value models.
import { describe, expect, it } from 'vitest';
import { clamp, finiteOr, hypergeometric2F1, logBeta, logGamma, logSumExp } from '../../src/domain/clv/special';
import { nelderMead } from '../../src/domain/clv/optimise';

describe('logGamma', () => {
  it('matches exact values to ~1e-12', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-13);
    expect(Math.abs(logGamma(10) - Math.log(362880))).toBeLessThan(1e-12);
    // ln 99! summed term by term.
    let logFactorial = 0;
    for (let k = 2; k <= 99; k++) logFactorial += Math.log(k);
    expect(Math.abs(logGamma(100) - logFactorial) / logFactorial).toBeLessThan(1e-13);
  });

  it('satisfies Γ(x+1) = xΓ(x) across small, reflected and large x', () => {
    for (const x of [1e-8, 1e-3, 0.1, 0.3, 0.7, 1.5, 3.3, 25.5, 1e3, 1e7]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(logGamma(x))),
      );
    }
  });

  it('returns Infinity (never NaN) at and below 0', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1.5)).toBe(Infinity);
    expect(logGamma(NaN)).toBe(Infinity);
  });
});

describe('logBeta, logSumExp, guards', () => {
  it('logBeta(a, b) = ln(Γ(a)Γ(b)/Γ(a+b))', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 13);
  });

  it('logSumExp does not overflow and handles −Infinity', () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logSumExp(-1000, -Infinity)).toBe(-1000);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logSumExp(0, Math.log(3))).toBeCloseTo(Math.log(4), 14);
  });

  it('finiteOr and clamp', () => {
    expect(finiteOr(NaN, 0)).toBe(0);
    expect(finiteOr(Infinity, 1)).toBe(1);
    expect(finiteOr(2.5, 0)).toBe(2.5);
    expect(clamp(5, 0, 1)).toBe(1);
    expect(clamp(-5, 0, 1)).toBe(0);
  });
});

describe('hypergeometric2F1', () => {
  it('matches closed forms', () => {
    // 2F1(1, 1; 2; z) = −ln(1−z)/z
    for (const z of [0.1, 0.5, 0.9]) expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    // 2F1(a, b; b; z) = (1−z)^(−a)
    expect(hypergeometric2F1(2.5, 1.3, 1.3, 0.4)).toBeCloseTo(Math.pow(0.6, -2.5), 12);
    // 2F1(1/2, 1; 3/2; −z²) = arctan(z)/z, here z² = 0.25 (negative argument)
    expect(hypergeometric2F1(0.5, 1, 1.5, -0.25)).toBeCloseTo(Math.atan(0.5) / 0.5, 12);
    expect(hypergeometric2F1(3, 4, 5, 0)).toBe(1);
  });
});

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum from the textbook start', () => {
    const rosenbrock = ([x, y]: readonly number[]) =>
      100 * ((y as number) - (x as number) ** 2) ** 2 + (1 - (x as number)) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
  });

  it('is deterministic and treats non-finite values as a wall', () => {
    const bowl = (point: readonly number[]) => (point[0]! < 0 ? NaN : (point[0]! - 2) ** 2 + (point[1]! + 1) ** 2);
    const first = nelderMead(bowl, [1, 1]);
    const second = nelderMead(bowl, [1, 1]);
    expect(first).toEqual(second);
    expect(first.point[0]).toBeCloseTo(2, 5);
    expect(first.point[1]).toBeCloseTo(-1, 5);
  });

  it('reports non-convergence when the iteration budget runs out', () => {
    const slope = (point: readonly number[]) => point[0]!; // no minimum
    const result = nelderMead(slope, [0], { maxIterations: 50, restarts: 0 });
    expect(result.converged).toBe(false);
    expect(Number.isFinite(result.value)).toBe(true);
  });
});
