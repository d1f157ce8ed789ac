// Chooses between a fitted BG/NBD + Gamma-Gamma pair and a documented fallback, and scores each client.
import type { ClientId } from '../types';
import {
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  timeToNextPurchase,
  type BgNbdFit,
  type BgNbdParams,
  type PurchaseHistory,
} from './bgnbd';
import {
  discountedValue,
  expectedOrderValue,
  fitGammaGamma,
  isSpendInformative,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendHistory,
} from './gamma-gamma';
import { DAY_MS } from '../analysis/dates';
import { daysPerUnit, type TimeUnit } from './history';
import { clamp, finiteOr } from './special';

export interface ClvClientSummary extends PurchaseHistory, SpendHistory {
  clientId: ClientId;
  /** Mean value per purchase day, first included (from summariseHistory); scales the fallback's spend. */
  meanDayValue?: number;
}

/** Published CDNOW estimates (time in weeks, dollars): the shape of the fallback's priors. */
export const CDNOW_REFERENCE = {
  purchases: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  spend: { p: 6.25, q: 3.74, v: 15.44 },
} as const;

/** Message keys (src/i18n) saying why the fallback is in use; params: repeatBuyers, minRepeatBuyers. */
export const CLV_FALLBACK_REASONS = [
  'clv.fallback.tooFewRepeatBuyers',
  'clv.fallback.purchasesNotConverged',
  'clv.fallback.purchasesAtBound',
  'clv.fallback.spendNotConverged',
  'clv.fallback.spendAtBound',
  'clv.fallback.spendUnbounded',
] as const;
export type ClvFallbackReason = (typeof CLV_FALLBACK_REASONS)[number];

export type ClvModels =
  | { kind: 'fitted'; unit: TimeUnit; purchases: BgNbdFit; spend: GammaGammaFit }
  | {
      kind: 'fallback';
      unit: TimeUnit;
      reason: ClvFallbackReason;
      /** Key parameters for the sidebar's message, e.g. the count of repeat buyers. */
      params: Record<string, number>;
      purchases: BgNbdParams;
      spend: GammaGammaParams;
    };

export interface FitClvOptions {
  unit?: TimeUnit;
  /** Fewer repeat buyers (x > 0 with positive spend) than this: do not fit, use the fallback. */
  minRepeatBuyers?: number;
}

/**
 * Fits both models, or explains why not. A fit that did not converge, ended on a search bound, or
 * gives spend an infinite population mean (q ≤ 1) is not used: the fallback is returned instead.
 */
export function fitClvModels(summaries: readonly ClvClientSummary[], options: FitClvOptions = {}): ClvModels {
  const unit = options.unit ?? 'days';
  const minRepeatBuyers = options.minRepeatBuyers ?? 20;
  const repeatBuyers = summaries.filter(isSpendInformative).length;
  const fallback = (reason: ClvFallbackReason): ClvModels => ({
    kind: 'fallback',
    unit,
    reason,
    params: { repeatBuyers, minRepeatBuyers },
    ...fallbackParams(summaries, unit),
  });

  if (repeatBuyers < minRepeatBuyers) return fallback('clv.fallback.tooFewRepeatBuyers');
  const purchases = fitBgNbd(summaries);
  if (!purchases.converged) return fallback('clv.fallback.purchasesNotConverged');
  if (purchases.atBound) return fallback('clv.fallback.purchasesAtBound');
  const spend = fitGammaGamma(summaries);
  if (!spend.converged) return fallback('clv.fallback.spendNotConverged');
  if (spend.atBound) return fallback('clv.fallback.spendAtBound');
  if (!(spend.q > 1)) return fallback('clv.fallback.spendUnbounded');
  return { kind: 'fitted', unit, purchases, spend };
}

/**
 * The fallback keeps the CDNOW fit's shape parameters (r, a, b, p, q) and rescales the two scale
 * parameters to this studio: α so that the mean purchase rate r/α equals the pooled repeat rate
 * Σx / ΣT, and v so that the mean order value p·v/(q−1) equals the studio's mean purchase-day value.
 * With no repeat purchases at all, α is the CDNOW one converted to `unit`.
 */
export function fallbackParams(
  summaries: readonly ClvClientSummary[],
  unit: TimeUnit,
): { purchases: BgNbdParams; spend: GammaGammaParams } {
  const { r, a, b } = CDNOW_REFERENCE.purchases;
  const { p, q } = CDNOW_REFERENCE.spend;
  let repeats = 0;
  let exposure = 0;
  let spendTotal = 0;
  let spendDays = 0;
  for (const summary of summaries) {
    const x = Math.max(0, Math.round(finiteOr(summary.frequency, 0)));
    repeats += x;
    exposure += Math.max(0, finiteOr(summary.age, 0));
    if (summary.meanDayValue !== undefined) {
      spendTotal += Math.max(0, finiteOr(summary.meanDayValue, 0)) * (x + 1);
      spendDays += x + 1;
    } else if (x > 0) {
      spendTotal += Math.max(0, finiteOr(summary.monetaryValue, 0)) * x;
      spendDays += x;
    }
  }
  const referenceAlpha = (CDNOW_REFERENCE.purchases.alpha * 7) / daysPerUnit(unit);
  const alpha = repeats > 0 && exposure > 0 ? clamp((r * exposure) / repeats, 1e-3, 1e6) : referenceAlpha;
  const meanSpend = spendDays > 0 ? spendTotal / spendDays : 0;
  return { purchases: { r, alpha, a, b }, spend: { p, q, v: (meanSpend * (q - 1)) / p } };
}

export interface ClientClvScore {
  clientId: ClientId;
  probabilityAlive: number;
  churnRisk: number;
  /** Expected orders in the next 30, 90 and 365 days. */
  expected30: number;
  expected90: number;
  expected365: number;
  /** When one more order is expected (E[Y(t)] reaches 1), or null if not within the horizon. */
  expectedNextOrder: Date | null;
  /** Discounted expected revenue × margin over the next 12 months. */
  predictedValue12m: number;
  model: 'bgnbd' | 'fallback';
}

export interface ScoreClvOptions {
  /** End of the calibration period: the day the forecasts start from. */
  asOf: Date;
  monthlyDiscountRate?: number;
  margin?: number;
  months?: number;
  /** Look for the next expected order this far ahead (days). */
  nextOrderHorizonDays?: number;
}

const DAYS_PER_MONTH = 30; // as lifetimes' customer_lifetime_value with freq="D"; used for weeks too (30/7)

export function scoreClients(
  summaries: readonly ClvClientSummary[],
  models: ClvModels,
  options: ScoreClvOptions,
): ClientClvScore[] {
  const perUnit = daysPerUnit(models.unit);
  const valueOptions = {
    monthlyDiscountRate: Math.max(0, finiteOr(options.monthlyDiscountRate ?? 0.01, 0)),
    margin: finiteOr(options.margin ?? 1, 1),
    months: Math.max(0, Math.round(finiteOr(options.months ?? 12, 12))),
    unitsPerMonth: DAYS_PER_MONTH / perUnit,
  };
  const horizon = Math.max(1, finiteOr(options.nextOrderHorizonDays ?? 730, 730)) / perUnit;
  const asOfMs = options.asOf.getTime();
  const model = models.kind === 'fitted' ? 'bgnbd' : 'fallback';
  const { purchases, spend } = models;

  return summaries.map((summary) => {
    const alive = probabilityAlive(purchases, summary);
    const wait = timeToNextPurchase(purchases, summary, horizon);
    return {
      clientId: summary.clientId,
      probabilityAlive: alive,
      churnRisk: 1 - alive,
      expected30: expectedPurchases(purchases, summary, 30 / perUnit),
      expected90: expectedPurchases(purchases, summary, 90 / perUnit),
      expected365: expectedPurchases(purchases, summary, 365 / perUnit),
      expectedNextOrder:
        wait === null || !Number.isFinite(asOfMs) ? null : new Date(asOfMs + Math.ceil(wait * perUnit) * DAY_MS),
      predictedValue12m: discountedValue(
        (t) => expectedPurchases(purchases, summary, t),
        expectedOrderValue(spend, summary),
        valueOptions,
      ),
      model,
    };
  });
}
