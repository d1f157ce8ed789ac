// Gamma-Gamma model of spend per order (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"),
// and the discounted lifetime value that combines it with the BG/NBD purchase forecast.
import { finiteOr, logGamma } from './special';
import { nelderMead } from './optimise';

export interface SpendHistory {
  /** x, repeat purchases; only x > 0 carries spend information. */
  frequency: number;
  /** m̄, the mean value of the repeat purchases. */
  monetaryValue: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  converged: boolean;
  atBound: boolean;
}

export const GAMMA_GAMMA_BOUNDS = { low: 1e-4, high: 1e8 } as const;

/** Only repeat buyers with a positive mean spend enter the fit: ln m̄ is undefined at 0. */
export function isSpendInformative(history: SpendHistory): boolean {
  return Math.round(history.frequency) > 0 && history.monetaryValue > 0 && Number.isFinite(history.monetaryValue);
}

/** Total log-likelihood of the informative clients' mean spends (Fader & Hardie 2013, eq. 3). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, histories: readonly SpendHistory[]): number {
  return likelihoodOver(histories.filter(isSpendInformative))(params);
}

/** The Γ terms depend on x only, so they are computed once per distinct x per evaluation. */
function likelihoodOver(histories: readonly SpendHistory[]): (params: GammaGammaParams) => number {
  const size = histories.length;
  const distinctFrequencies: number[] = [];
  const slotOf = new Map<number, number>();
  const slot = new Int32Array(size);
  const frequency = new Float64Array(size);
  const value = new Float64Array(size);
  const logValue = new Float64Array(size);
  const logFrequency = new Float64Array(size);
  histories.forEach((history, i) => {
    const x = Math.round(history.frequency);
    let index = slotOf.get(x);
    if (index === undefined) {
      index = distinctFrequencies.length;
      slotOf.set(x, index);
      distinctFrequencies.push(x);
    }
    slot[i] = index;
    frequency[i] = x;
    value[i] = history.monetaryValue;
    logValue[i] = Math.log(history.monetaryValue);
    logFrequency[i] = Math.log(x);
  });
  const gammaRatio = new Float64Array(distinctFrequencies.length); // ln Γ(px+q) − ln Γ(px)
  return ({ p, q, v }) => {
    distinctFrequencies.forEach((x, index) => {
      gammaRatio[index] = logGamma(p * x + q) - logGamma(p * x);
    });
    const logV = Math.log(v);
    let total = size * (q * logV - logGamma(q));
    for (let i = 0; i < size; i++) {
      const x = frequency[i] as number;
      const shape = p * x;
      total +=
        (gammaRatio[slot[i] as number] as number) +
        (shape - 1) * (logValue[i] as number) +
        shape * (logFrequency[i] as number) -
        (shape + q) * Math.log(x * (value[i] as number) + v);
    }
    return total;
  };
}

/** Maximum-likelihood fit on the repeat buyers, Nelder–Mead on log-parameters. */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  const informative = histories.filter(isSpendInformative);
  const logLikelihood = likelihoodOver(informative);
  const lowLog = Math.log(GAMMA_GAMMA_BOUNDS.low);
  const highLog = Math.log(GAMMA_GAMMA_BOUNDS.high);
  const margin = 0.01;
  const nearBound = (point: readonly number[]): boolean =>
    point.some((coordinate) => coordinate < lowLog + margin || coordinate > highLog - margin);
  const objective = (point: readonly number[]): number => {
    for (const coordinate of point) if (coordinate < lowLog || coordinate > highLog) return Infinity;
    const [p, q, v] = point.map(Math.exp) as [number, number, number];
    return -logLikelihood({ p, q, v });
  };
  let meanSpend = 0;
  for (const history of informative) meanSpend += history.monetaryValue / Math.max(informative.length, 1);
  meanSpend = Math.max(meanSpend, 1e-3);
  // Start at p = q = 2 with the population mean p·v/(q−1) equal to the observed mean spend.
  const starts = [
    [Math.log(2), Math.log(2), Math.log(meanSpend / 2)],
    [Math.log(5), Math.log(4), Math.log((meanSpend * 3) / 5)],
  ];
  // The second start is a second opinion, needed only when the first run stalled or ran to a bound.
  let best = nelderMead(objective, starts[0] as number[]);
  for (const start of starts.slice(1)) {
    if (best.converged && !nearBound(best.point)) break;
    const attempt = nelderMead(objective, start);
    if (attempt.value < best.value) best = attempt;
  }
  const [p, q, v] = best.point.map(Math.exp) as [number, number, number];
  return {
    p,
    q,
    v,
    logLikelihood: -best.value,
    converged: informative.length > 0 && best.converged && best.value < 1e300,
    atBound: nearBound(best.point),
  };
}

/**
 * E[M | x, m̄]: expected value of the client's future orders, a weighted mean of the population mean
 * p·v/(q−1) and the client's own m̄ (Fader & Hardie 2013, eq. 5). Needs q > 1 (a finite population
 * mean); returns 0 otherwise, which fitClvModels never lets happen.
 */
export function expectedOrderValue(params: GammaGammaParams, history: SpendHistory): number {
  const { p, q, v } = params;
  if (!(q > 1)) return 0;
  const x = Math.max(0, Math.round(finiteOr(history.frequency, 0)));
  const spend = x > 0 ? Math.max(0, finiteOr(history.monetaryValue, 0)) : 0;
  return Math.max(0, finiteOr((p * (v + x * spend)) / (p * x + q - 1), 0));
}

export interface LifetimeValueOptions {
  /** Discount rate per month, e.g. 0.01. */
  monthlyDiscountRate: number;
  /** Share of revenue kept as profit, 0..1; 1 gives revenue. */
  margin: number;
  months: number;
  /** Model time units per month: 30 for days, 4.345 for weeks (as lifetimes). */
  unitsPerMonth: number;
}

/**
 * Discounted value over the next `months` (lifetimes' `customer_lifetime_value`): for each month i,
 * the purchases expected in that month × expected order value × margin / (1 + rate)^i.
 * `cumulativePurchases(t)` is E[Y(t)] for the client, in the model's time unit.
 */
export function discountedValue(
  cumulativePurchases: (t: number) => number,
  orderValue: number,
  options: LifetimeValueOptions,
): number {
  let total = 0;
  let previous = 0;
  for (let month = 1; month <= options.months; month++) {
    const cumulative = cumulativePurchases(month * options.unitsPerMonth);
    total += ((cumulative - previous) * orderValue * options.margin) / Math.pow(1 + options.monthlyDiscountRate, month);
    previous = cumulative;
  }
  return finiteOr(total, 0);
}
