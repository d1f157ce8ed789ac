// Lifecycle stage of each client: lead → new → repeat → loyal, and lapsing / churned when they go quiet.
import type { ClientId } from '../types';
import type { ClientStats } from './client-stats';
import { addDays, calendarDaysBetween, isValidDate } from './dates';
import type { ClientFacts } from './facts';

export type LifecycleStage = 'lead' | 'new' | 'repeat' | 'loyal' | 'lapsing' | 'churned';
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['lead', 'new', 'repeat', 'loyal', 'lapsing', 'churned'];

export interface LifecycleSettings {
  /** Orders from which a client is loyal. */
  loyalMinOrders: number;
  /** A regular is late once their average gap × this factor has passed since the last order. */
  lapsingTolerance: number;
  /** Floor on the average gap, so two orders on one day don't make a client late the next day. */
  minimumGapDays: number;
  /** One-order clients have no rhythm yet: late after this many days. */
  oneOrderLapsingDays: number;
  /** No order for longer than this → churned. */
  churnedAfterDays: number;
  /** CLV churn risk above this → churned. */
  churnRiskThreshold: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: Readonly<LifecycleSettings> = {
  loyalMinOrders: 5,
  lapsingTolerance: 1.5,
  minimumGapDays: 14,
  oneOrderLapsingDays: 90,
  churnedAfterDays: 365,
  churnRiskThreshold: 0.8,
};

/** The i18n key naming a stage (keys live under `analysis.lifecycle.`). */
export function lifecycleStageKey(stage: LifecycleStage): `analysis.lifecycle.${LifecycleStage}` {
  return `analysis.lifecycle.${stage}`;
}

/**
 * When the client is due to order again: the CLV model's date when it gave one; otherwise
 * last order + own average gap × tolerance for regulars, or + the global days for one-order clients.
 */
export function expectedNextOrder(
  stats: ClientStats,
  facts: ClientFacts = {},
  settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS,
): Date | null {
  if (!stats.lastOrderAt) return null;
  if (isValidDate(facts.expectedNextOrder)) return facts.expectedNextOrder;
  if (stats.averageGapDays === null) return addDays(stats.lastOrderAt, settings.oneOrderLapsingDays);
  const gap = Math.max(stats.averageGapDays, settings.minimumGapDays);
  return addDays(stats.lastOrderAt, gap * settings.lapsingTolerance);
}

/** What the Clients sheet says about the next order: a day still ahead (or today), or how many days it is late. */
export type NextOrderCell = { kind: 'expected'; date: Date } | { kind: 'overdue'; days: number };

/** Never a day in the past: once the expected day has gone by, the number of calendar days since it. */
export function nextOrderCell(due: Date, asOf: Date): NextOrderCell {
  const late = calendarDaysBetween(due, asOf);
  return late > 0 ? { kind: 'overdue', days: late } : { kind: 'expected', date: due };
}

/**
 * The due day back from the sheet's "overdue by N days" (either language): N days before `asOf`, always past,
 * so a late client stays late between refreshes. Null when the text holds no count.
 */
export function dueFromOverdueText(text: unknown, asOf: Date): Date | null {
  if (typeof text !== 'string') return null;
  const digits = /\d[\d\s\u00a0\u202f]*/.exec(text)?.[0].replace(/\D/g, '');
  if (!digits) return null;
  return addDays(asOf, -Math.max(1, Number(digits)));
}

/** Churned beats lapsing beats the order-count stages. */
export function lifecycleStage(
  stats: ClientStats,
  asOf: Date,
  facts: ClientFacts = {},
  settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS,
): LifecycleStage {
  if (stats.orderCount === 0 || stats.daysSinceLastOrder === null) return 'lead';
  const risk = facts.churnRisk;
  if (stats.daysSinceLastOrder > settings.churnedAfterDays) return 'churned';
  if (typeof risk === 'number' && Number.isFinite(risk) && risk > settings.churnRiskThreshold) return 'churned';
  const due = expectedNextOrder(stats, facts, settings);
  if (due && due.getTime() < asOf.getTime()) return 'lapsing';
  if (stats.orderCount >= settings.loyalMinOrders) return 'loyal';
  return stats.orderCount >= 2 ? 'repeat' : 'new';
}

export function lifecycleStages(
  stats: Iterable<ClientStats>,
  asOf: Date,
  factsById: ReadonlyMap<ClientId, ClientFacts> = new Map(),
  settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS,
): Map<ClientId, LifecycleStage> {
  const stages = new Map<ClientId, LifecycleStage>();
  for (const client of stats)
    stages.set(client.clientId, lifecycleStage(client, asOf, factsById.get(client.clientId), settings));
  return stages;
}
