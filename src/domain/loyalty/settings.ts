// The loyalty program's knobs, as a typed object. The Settings sheet supplies overrides;
// everything not overridden falls back to the documented defaults below.

export interface TierRule {
  /** Shown to staff and clients, and stored in the Clients sheet. */
  name: string;
  /** Spend over the rolling window that reaches this tier; exactly the threshold counts. */
  threshold: number;
  /** Earned points are multiplied by this while the client holds the tier. */
  multiplier: number;
  /** One-time points for reaching this tier for the first time. */
  upBonus: number;
}

export interface LoyaltySettings {
  /** Points earned per unit of the studio's currency, before the tier multiplier. */
  pointsPerCurrencyUnit: number;
  bonusFeedback: number;
  bonusRegistration: number;
  bonusBirthday: number;
  /** A birthday bonus is still given this many days after the birthday (a missed nightly run). */
  birthdayWindowDays: number;
  /** Credited to the client who referred a newcomer, after the newcomer's first completed order. */
  bonusReferrer: number;
  /** Credited to the newcomer at the same moment. */
  bonusReferee: number;
  /** Points not spent this many months after they were credited expire. 0 turns expiry off. */
  expiryMonths: number;
  /** Reminder mails mention points expiring within this many days. */
  expiryReminderDays: number;
  /** Ascending by threshold; the first tier's threshold should be 0. */
  tiers: TierRule[];
  /** Days used for the spend that decides the tier. */
  tierWindowDays: number;
  /** A client keeps a tier this many days after last qualifying for it. */
  tierGraceDays: number;
  /** Personal discount in percent by tier name. */
  discountByTier: Record<string, number>;
  /** Personal discount in percent by segment id. */
  discountBySegment: Record<string, number>;
  /** Characters of a campaign discount code, without dashes. */
  discountCodeLength: number;
  /** Characters of a client's referral code. */
  referralCodeLength: number;
  /** Share of clients (0..1) that must have bought both products for a rule to count. */
  recommendationMinSupport: number;
  /** Share of buyers of A (0..1) that must also have bought B for "A → B" to count. */
  recommendationMinConfidence: number;
  /** Products recommended per client. */
  recommendationCount: number;
}

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettings = {
  pointsPerCurrencyUnit: 1,
  bonusFeedback: 50,
  bonusRegistration: 100,
  bonusBirthday: 200,
  birthdayWindowDays: 7,
  bonusReferrer: 300,
  bonusReferee: 150,
  expiryMonths: 12,
  expiryReminderDays: 30,
  tiers: [
    { name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 },
    { name: 'Silver', threshold: 300, multiplier: 1.25, upBonus: 100 },
    { name: 'Gold', threshold: 1000, multiplier: 1.5, upBonus: 250 },
    { name: 'VIP', threshold: 3000, multiplier: 2, upBonus: 500 },
  ],
  tierWindowDays: 365,
  tierGraceDays: 30,
  discountByTier: { Bronze: 0, Silver: 5, Gold: 10, VIP: 15 },
  discountBySegment: {},
  discountCodeLength: 8,
  referralCodeLength: 6,
  recommendationMinSupport: 0.05,
  recommendationMinConfidence: 0.2,
  recommendationCount: 3,
};

/** Defaults overlaid with the given overrides (undefined ones ignored); tiers come back sorted by threshold. */
export function loyaltySettings(overrides: Partial<LoyaltySettings> = {}): LoyaltySettings {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const merged: LoyaltySettings = { ...DEFAULT_LOYALTY_SETTINGS, ...given };
  return {
    ...merged,
    tiers: [...merged.tiers].sort((a, b) => a.threshold - b.threshold),
    discountByTier: { ...merged.discountByTier },
    discountBySegment: { ...merged.discountBySegment },
  };
}
