// Special functions for the lifetime-value models. Pure number crunching, no allocation per call.

const LANCZOS_G = 7;
// Lanczos coefficients for g = 7, n = 9 (relative error about 1e-15 for x > 0).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.9189385332046727; // ln(2π) / 2 to double precision

/** ln Γ(x) for x > 0 (reflection for 0 < x < 0.5). Returns Infinity at x ≤ 0: callers guard. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Infinity;
  if (x < 0.5) {
    // Reflection keeps the Lanczos sum away from its inaccurate region near 0.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

// A module constant, not the global `Infinity`: in a node:vm context (the emulator) every global read is an
// interceptor call, and this runs once per client per likelihood evaluation.
const MINUS_INFINITY = -1 / 0;

/** ln(e^u + e^v) without overflow; either side may be −Infinity. */
export function logSumExp(u: number, v: number): number {
  if (u === MINUS_INFINITY) return v;
  if (v === MINUS_INFINITY) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** Series terms allowed before giving up on 2F1; reached only when z is within ~1e-4 of 1. */
export const HYPERGEOMETRIC_MAX_TERMS = 200_000;

/**
 * Gauss hypergeometric 2F1(a, b; c; z) by its power series, for 0 ≤ z < 1 and c not a non-positive integer.
 * Converges slowly as z → 1; the BG/NBD code uses an Euler-transformed series instead (see bgnbd.ts),
 * this one is the reference it is tested against.
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < HYPERGEOMETRIC_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum)) break;
  }
  return sum;
}

/** The number, or the fallback when it is NaN or ±Infinity: the last guard before a value reaches a caller. */
export function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
