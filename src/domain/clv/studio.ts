// The studio's CLV run: orders → summaries → fit (or fallback) → one score per client, as facts for analysis.
import type { ClientFacts } from '../analysis/facts';
import type { ClientId, Order } from '../types';
import { summariseHistory } from './history';
import { isSpendInformative } from './gamma-gamma';
import { fitClvModels, scoreClients, type ClientClvScore, type ClvModels } from './score';

export interface StudioClvOptions {
  minRepeatBuyers: number;
  /** Share of revenue that is profit: predicted value is profit, like the KPIs. */
  margin: number;
  monthlyDiscountRate: number;
}

export interface StudioClv {
  models: ClvModels;
  /** Clients with a repeat order and positive spend: what the fit learns from. */
  repeatBuyers: number;
  scores: Map<ClientId, ClientClvScore>;
  /** What lifecycle and segments read: churn risk, predicted value, expected next order. */
  facts: Map<ClientId, ClientFacts>;
}

/** Fits on counted orders only (cancelled and future-dated ones left out), in days. */
export function studioClv(orders: readonly Order[], asOf: Date, options: StudioClvOptions): StudioClv {
  const counted = orders.filter(
    (order) => order.status !== 'cancelled' && order.clientId !== '' && order.date.getTime() <= asOf.getTime(),
  );
  const summaries = summariseHistory(counted, asOf, 'days');
  const models = fitClvModels(summaries, { unit: 'days', minRepeatBuyers: options.minRepeatBuyers });
  const scored = scoreClients(summaries, models, {
    asOf,
    margin: options.margin,
    monthlyDiscountRate: options.monthlyDiscountRate,
    months: 12,
  });
  const scores = new Map<ClientId, ClientClvScore>();
  const facts = new Map<ClientId, ClientFacts>();
  for (const score of scored) {
    scores.set(score.clientId, score);
    facts.set(score.clientId, {
      churnRisk: Number.isFinite(score.churnRisk) ? score.churnRisk : null,
      predictedValue12m: Number.isFinite(score.predictedValue12m) ? score.predictedValue12m : null,
      expectedNextOrder: score.expectedNextOrder,
    });
  }
  return { models, repeatBuyers: summaries.filter(isSpendInformative).length, scores, facts };
}
