// Tiers by spend over a rolling window, re-evaluated nightly. Moving up is immediate and pays a
// one-time bonus per tier; moving down waits out a grace period so one quiet month costs nothing.

import type { ClientId, LedgerEntry, Order } from '../types';
import { addDays, calendarDaysBetween } from '../analysis/dates';
import { hasKey, ledgerEntry, ledgerReason, parseLedgerReason } from './ledger';
import type { LoyaltySettings, TierRule } from './settings';

function sortedTiers(settings: LoyaltySettings): TierRule[] {
  return [...settings.tiers].sort((a, b) => a.threshold - b.threshold);
}

/** The highest tier whose threshold the spend reaches (exactly the threshold counts); the lowest tier otherwise. */
export function tierForSpend(spend: number, settings: LoyaltySettings): TierRule {
  const tiers = sortedTiers(settings);
  let reached = tiers[0];
  if (!reached) throw new Error('Loyalty settings have no tiers.');
  for (const tier of tiers) if (spend >= tier.threshold) reached = tier;
  return reached;
}

/** The tier with this name (case-insensitive), or null for a name not in settings. */
export function tierByName(name: string, settings: LoyaltySettings): TierRule | null {
  const wanted = name.trim().toLowerCase();
  return settings.tiers.find((tier) => tier.name.toLowerCase() === wanted) ?? null;
}

/** The tier's earn multiplier; 1 for a tier not in settings. */
export function tierMultiplier(name: string, settings: LoyaltySettings): number {
  return tierByName(name, settings)?.multiplier ?? 1;
}

/** Completed orders' amounts per client, completed within `tierWindowDays` up to and including asOf's day. */
export function rollingSpend(orders: readonly Order[], settings: LoyaltySettings, asOf: Date): Map<ClientId, number> {
  const spend = new Map<ClientId, number>();
  for (const order of orders) {
    if (order.status !== 'completed') continue;
    const age = calendarDaysBetween(order.completedAt ?? order.date, asOf);
    if (age < 0 || age >= settings.tierWindowDays) continue;
    spend.set(order.clientId, (spend.get(order.clientId) ?? 0) + order.amount);
  }
  return spend;
}

export type TierChange = 'up' | 'down' | 'same' | 'held';

export interface TierDecision {
  tier: string;
  /** The last day the client reached or re-qualified for `tier`; store it and pass it back tomorrow. */
  since: Date;
  /** `held`: the spend is below the tier but the grace period has not run out. */
  change: TierChange;
  /** Tiers passed on the way up, with their bonus (0 for none); each recorded once per client, see tierUpBonuses. */
  upBonuses: { tier: string; points: number; threshold: number }[];
  /** While held, the day the client drops unless they qualify again. */
  graceEndsAt: Date | null;
}

/**
 * The tier a client holds after tonight's evaluation. `previousTierSince` is the `since` this
 * function returned last time: the grace period runs from the last day the client qualified, so
 * a client who has held a tier for years still gets the full grace period when the spend drops.
 * An empty or unknown previous tier counts as the lowest tier.
 */
export function evaluateTier(
  previousTier: string,
  previousTierSince: Date | null,
  spend365: number,
  asOf: Date,
  settings: LoyaltySettings,
): TierDecision {
  const tiers = sortedTiers(settings);
  const qualified = tierForSpend(spend365, settings);
  const qualifiedRank = tiers.indexOf(qualified);
  const previous = tierByName(previousTier, settings);
  const previousRank = previous ? tiers.indexOf(previous) : 0;
  const heldTier = tiers[previousRank] ?? qualified;

  if (qualifiedRank > previousRank) {
    const upBonuses = tiers
      .slice(previousRank + 1, qualifiedRank + 1)
      .map((tier) => ({ tier: tier.name, points: Math.max(0, Math.floor(tier.upBonus)), threshold: tier.threshold }));
    return { tier: qualified.name, since: asOf, change: 'up', upBonuses, graceEndsAt: null };
  }
  if (qualifiedRank === previousRank) {
    return { tier: qualified.name, since: asOf, change: 'same', upBonuses: [], graceEndsAt: null };
  }
  const graceEndsAt = addDays(previousTierSince ?? asOf, settings.tierGraceDays);
  if (asOf.getTime() < graceEndsAt.getTime()) {
    return { tier: heldTier.name, since: previousTierSince ?? asOf, change: 'held', upBonuses: [], graceEndsAt };
  }
  return { tier: qualified.name, since: asOf, change: 'down', upBonuses: [], graceEndsAt: null };
}

/**
 * When one client's rolling spend reached `threshold`: the completion of the order that brought the sum
 * of tonight's counted orders (oldest first) to it. Orders loaded from history give their own old dates,
 * so a tier reached by back-filled orders is dated in the past, not on the night that noticed it.
 */
export function spendReachedAt(
  clientOrders: readonly Order[],
  threshold: number,
  settings: LoyaltySettings,
  asOf: Date,
): Date {
  const counted = clientOrders
    .filter((order) => {
      if (order.status !== 'completed') return false;
      const age = calendarDaysBetween(order.completedAt ?? order.date, asOf);
      return age >= 0 && age < settings.tierWindowDays;
    })
    .map((order) => ({ at: order.completedAt ?? order.date, amount: order.amount }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  let sum = 0;
  for (const order of counted) {
    sum += order.amount;
    if (sum >= threshold) return new Date(Math.min(order.at.getTime(), asOf.getTime()));
  }
  return asOf;
}

const TIER_KEY = /^tier:(.+):([^:]+)$/;

/**
 * The ledger's record of each tier reached, `clientId|tier` → when the spend crossed its threshold
 * (the entry's `reachedAt`; the entry's own date for entries written before it was recorded).
 */
export function tiersReachedFromLedger(entries: readonly LedgerEntry[]): Map<string, Date> {
  const reached = new Map<string, Date>();
  for (const entry of entries) {
    const match = TIER_KEY.exec(entry.key);
    if (!match || match[1] !== entry.clientId) continue;
    const recorded = Date.parse(parseLedgerReason(entry.reason)?.params['reachedAt'] ?? '');
    reached.set(`${entry.clientId}|${match[2] ?? ''}`, Number.isNaN(recorded) ? entry.date : new Date(recorded));
  }
  return reached;
}

/**
 * The ledger entries for a decision's tiers passed, once per client and tier (`tier:C-3:Gold`): the
 * tier's bonus (0 points for a tier without one, still the record), with when its threshold was crossed
 * (`reachedAt`, see spendReachedAt) in the reason, for the tier-reached flow.
 */
export function tierUpBonuses(
  entries: readonly LedgerEntry[],
  clientId: ClientId,
  decision: TierDecision,
  asOf: Date,
  reachedAt: (threshold: number) => Date = () => asOf,
): LedgerEntry[] {
  const appended: LedgerEntry[] = [];
  for (const bonus of decision.upBonuses) {
    const key = `tier:${clientId}:${bonus.tier}`;
    if (hasKey(entries, key)) continue;
    const reason = ledgerReason('loyalty.reason.tierUp', {
      tier: bonus.tier,
      reachedAt: reachedAt(bonus.threshold).toISOString(),
    });
    appended.push(ledgerEntry({ clientId, kind: 'bonus', points: bonus.points, key, reason }, asOf));
  }
  return appended;
}
