// Tiers by spend over a rolling window, re-evaluated nightly. Moving up is immediate and pays a
// one-time bonus per tier; moving down waits out a grace period so one quiet month costs nothing.

import type { ClientId, LedgerEntry, Order } from '../types';
import { addDays, calendarDaysBetween } from '../analysis/dates';
import { awardBonus, ledgerReason } from './ledger';
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
  /** Tiers passed on the way up that pay a bonus (each at most once per client, see tierUpBonuses). */
  upBonuses: { tier: string; points: number }[];
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
      .filter((tier) => tier.upBonus > 0)
      .map((tier) => ({ tier: tier.name, points: tier.upBonus }));
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

/** The ledger credits for a decision's up-bonuses, once per client and tier (`tier:C-3:Gold`). */
export function tierUpBonuses(
  entries: readonly LedgerEntry[],
  clientId: ClientId,
  decision: TierDecision,
  asOf: Date,
): LedgerEntry[] {
  const appended: LedgerEntry[] = [];
  for (const bonus of decision.upBonuses) {
    const reason = ledgerReason('loyalty.reason.tierUp', { tier: bonus.tier });
    appended.push(
      ...awardBonus(
        [...entries, ...appended],
        { clientId, key: `tier:${clientId}:${bonus.tier}`, points: bonus.points, reason },
        asOf,
      ),
    );
  }
  return appended;
}
