// BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): how many more orders
// a client will place and whether they are still a client at all.
import { finiteOr, logSumExp } from './special';
import { nelderMead } from './optimise';

export interface PurchaseHistory {
  /** x, a whole number of repeat purchases (rounded if not). */
  frequency: number;
  /** t_x */
  recency: number;
  /** T */
  age: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
  converged: boolean;
  /** A parameter ended within 1% (in log terms) of its search bound: the data cannot pin it down. */
  atBound: boolean;
}

/** Search box for every parameter; wide because α is in the caller's time unit. */
export const BGNBD_BOUNDS = { low: 1e-4, high: 1e6 } as const;

/** Clients sharing (x, t_x, T) are one row with a weight: many one-off clients share a first-order day. */
interface HistoryColumns {
  frequency: Int32Array;
  recency: Float64Array;
  age: Float64Array;
  weight: Float64Array;
  maxFrequency: number;
}

function toColumns(histories: readonly PurchaseHistory[]): HistoryColumns {
  const rows = new Map<string, { x: number; tx: number; T: number; weight: number }>();
  for (const history of histories) {
    const x = Math.max(0, Math.round(finiteOr(history.frequency, 0)));
    const T = Math.max(0, finiteOr(history.age, 0));
    const tx = x > 0 ? Math.min(Math.max(0, finiteOr(history.recency, 0)), T) : 0;
    const key = `${x}|${tx}|${T}`;
    const row = rows.get(key);
    if (row) row.weight += 1;
    else rows.set(key, { x, tx, T, weight: 1 });
  }
  const size = rows.size;
  const columns: HistoryColumns = {
    frequency: new Int32Array(size),
    recency: new Float64Array(size),
    age: new Float64Array(size),
    weight: new Float64Array(size),
    maxFrequency: 0,
  };
  let i = 0;
  for (const row of rows.values()) {
    columns.frequency[i] = row.x;
    columns.recency[i] = row.tx;
    columns.age[i] = row.T;
    columns.weight[i] = row.weight;
    if (row.x > columns.maxFrequency) columns.maxFrequency = row.x;
    i++;
  }
  return columns;
}

/**
 * Builds the log-likelihood over a fixed set of clients. The Γ and B ratios that depend only on x
 * are tabulated once per evaluation by recursion (Γ(s+1) = sΓ(s)), so the per-client loop is two logs
 * and one log-sum-exp.
 */
function likelihoodOver(columns: HistoryColumns): (params: BgNbdParams) => number {
  const size = columns.maxFrequency + 1;
  const logGammaRatio = new Float64Array(size); // ln Γ(r+k) − ln Γ(r)
  const logBetaRatio = new Float64Array(size); // ln B(a, b+k) − ln B(a, b)
  const logDropOdds = new Float64Array(size); // ln a − ln(b + k − 1), the drop-out term's own factor
  const { frequency, recency, age, weight } = columns;
  return ({ r, alpha, a, b }) => {
    const logA = Math.log(a);
    for (let k = 1; k < size; k++) {
      logGammaRatio[k] = (logGammaRatio[k - 1] as number) + Math.log(r + k - 1);
      logBetaRatio[k] = (logBetaRatio[k - 1] as number) + Math.log((b + k - 1) / (a + b + k - 1));
      logDropOdds[k] = logA - Math.log(b + k - 1);
    }
    const logAlpha = Math.log(alpha);
    let total = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const shape = r + x;
      const common = logBetaRatio[x] as number;
      const stillAlive = common - shape * Math.log(alpha + (age[i] as number));
      // Without repeats the client cannot have dropped out: the likelihood is the still-alive term alone.
      const either =
        x > 0
          ? logSumExp(
              stillAlive,
              common + (logDropOdds[x] as number) - shape * Math.log(alpha + (recency[i] as number)),
            )
          : stillAlive;
      total += (weight[i] as number) * ((logGammaRatio[x] as number) + r * logAlpha + either);
    }
    return total;
  };
}

/** Total BG/NBD log-likelihood of the clients under the parameters (FHL 2005, eq. 6). */
export function bgNbdLogLikelihood(params: BgNbdParams, histories: readonly PurchaseHistory[]): number {
  return likelihoodOver(toColumns(histories))(params);
}

/** Maximum-likelihood fit by Nelder–Mead on the log-parameters, from two starting points. */
export function fitBgNbd(histories: readonly PurchaseHistory[]): BgNbdFit {
  const columns = toColumns(histories);
  const logLikelihood = likelihoodOver(columns);
  const lowLog = Math.log(BGNBD_BOUNDS.low);
  const highLog = Math.log(BGNBD_BOUNDS.high);
  const margin = 0.01;
  const nearBound = (point: readonly number[]): boolean =>
    point.some((value) => value < lowLog + margin || value > highLog - margin);
  const objective = (point: readonly number[]): number => {
    for (const value of point) if (value < lowLog || value > highLog) return Infinity;
    const [r, alpha, a, b] = point.map(Math.exp) as [number, number, number, number];
    return -logLikelihood({ r, alpha, a, b });
  };

  let meanAge = 0;
  let clients = 0;
  for (let i = 0; i < columns.age.length; i++) {
    meanAge += (columns.age[i] as number) * (columns.weight[i] as number);
    clients += columns.weight[i] as number;
  }
  meanAge = clients > 0 ? Math.max(meanAge / clients, 1e-3) : 1;
  const starts = [
    [0, Math.log(meanAge), 0, 0],
    [Math.log(0.3), Math.log(meanAge / 10), Math.log(0.7), Math.log(2.5)],
  ];
  // The second start is a second opinion, needed only when the first run stalled or ran to a bound.
  let best = nelderMead(objective, starts[0] as number[]);
  for (const start of starts.slice(1)) {
    if (best.converged && !nearBound(best.point)) break;
    const attempt = nelderMead(objective, start);
    if (attempt.value < best.value) best = attempt;
  }
  const [r, alpha, a, b] = best.point.map(Math.exp) as [number, number, number, number];
  const atBound = nearBound(best.point);
  return {
    r,
    alpha,
    a,
    b,
    logLikelihood: -best.value,
    converged: best.converged && Number.isFinite(best.value) && best.value < 1e300,
    atBound,
  };
}

/** P(alive | x, t_x, T) (FHL 2005, eq. 13); 1 for a client with no repeat purchase. */
export function probabilityAlive(params: BgNbdParams, history: PurchaseHistory): number {
  const { r, alpha, a, b } = params;
  const x = Math.max(0, Math.round(finiteOr(history.frequency, 0)));
  if (x === 0) return 1;
  const T = Math.max(0, finiteOr(history.age, 0));
  const tx = Math.min(Math.max(0, finiteOr(history.recency, 0)), T);
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  // 1 / (1 + e^logOdds), written so a huge logOdds gives 0 rather than NaN.
  const probability = logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
  return finiteOr(probability, 0);
}

/**
 * Expected purchases in (T, T + t] for a client known to be alive with x repeats by age T:
 * C/(a−1) · [1 − w^(r+x) ₂F₁(r+x, b+x; C; z)] with C = a+b+x−1, w = (α+T)/(α+T+t), z = 1 − w.
 * Euler's transformation turns w^(r+x) ₂F₁(r+x, b+x; C; z) into w^(a−1) ₂F₁(a+b−1−r, a−1; C; z),
 * whose series does not blow up for large x; the (a−1) factor of every term cancels the 1/(a−1)
 * exactly, so a ≈ 1 is not a singularity here.
 */
function expectedPurchasesIfAlive(params: BgNbdParams, x: number, T: number, t: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const logW = Math.log(alpha + T) - Math.log(alpha + T + t);
  const z = t / (alpha + T + t);
  const aMinusOne = a - 1;
  const leading = aMinusOne === 0 ? -logW : -Math.expm1(aMinusOne * logW) / aMinusOne;
  const shiftedA = a + b - 1 - r;
  let term = shiftedA * z;
  let series = term;
  for (let n = 1; n < 200_000 && term !== 0; n++) {
    term *= ((shiftedA + n) * (aMinusOne + n) * z) / ((c + n) * (n + 1));
    series += term;
    if (Math.abs(term) <= 1e-16 * (Math.abs(series) + Math.abs(c * leading))) break;
  }
  const expected = c * leading - Math.exp(aMinusOne * logW) * series;
  return Math.max(0, finiteOr(expected, 0));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units (FHL 2005, eq. 10). */
export function expectedPurchases(params: BgNbdParams, history: PurchaseHistory, t: number): number {
  const x = Math.max(0, Math.round(finiteOr(history.frequency, 0)));
  const T = Math.max(0, finiteOr(history.age, 0));
  return probabilityAlive(params, history) * expectedPurchasesIfAlive(params, x, T, finiteOr(t, 0));
}

/** E[X(t)]: expected purchases of a new client in their first t time units (FHL 2005, eq. 9). */
export function expectedPurchasesUnconditional(params: BgNbdParams, t: number): number {
  return expectedPurchasesIfAlive(params, 0, 0, finiteOr(t, 0));
}

/**
 * Time (in the model's unit) until the client's expected number of further purchases reaches 1,
 * i.e. the t with E[Y(t) | x, t_x, T] = 1; null when that does not happen within `horizon`.
 * E[Y(t)] grows with t, so the root is bracketed in [0, horizon] and found by false position with the
 * Illinois correction (about nine evaluations where bisection took twenty), to within horizon·1e-9;
 * the answer is the bracket's upper end, where E[Y(t)] ≥ 1 holds.
 * This is a point forecast of "the next order is about due", not a median waiting time.
 */
export function timeToNextPurchase(params: BgNbdParams, history: PurchaseHistory, horizon: number): number | null {
  const alive = probabilityAlive(params, history);
  if (alive <= 0) return null;
  const x = Math.max(0, Math.round(finiteOr(history.frequency, 0)));
  const T = Math.max(0, finiteOr(history.age, 0));
  const target = 1 / alive;
  const gap = (t: number): number => expectedPurchasesIfAlive(params, x, T, t) - target;
  let highGap = gap(horizon);
  if (!(highGap >= 0)) return null;
  let low = 0;
  let high = horizon;
  let lowGap = -target; // E[Y(0)] = 0
  const tolerance = horizon * 1e-9;
  let side = 0; // which end the last two steps kept: the Illinois halving needs a repeat
  for (let i = 0; i < 100 && high - low > tolerance; i++) {
    let next = high - (highGap * (high - low)) / (highGap - lowGap);
    // Step at least half a tolerance inside the bracket, so an end close to the root still moves past it.
    const inset = 0.5 * tolerance;
    if (!(next > low + inset)) next = low + inset;
    if (!(next < high - inset)) next = high - inset;
    const nextGap = gap(next);
    if (nextGap >= 0) {
      high = next;
      highGap = nextGap;
      if (side === 1) lowGap *= 0.5;
      side = 1;
    } else {
      low = next;
      lowGap = nextGap;
      if (side === -1) highGap *= 0.5;
      side = -1;
    }
  }
  return high;
}
