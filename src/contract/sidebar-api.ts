// The one contract between the sidebar and the server: every function the sidebar may call through
// google.script.run, with its arguments and answer. The server's functions are checked against it
// (`satisfies`), and the sidebar calls only through the typed wrapper in src/ui/server.ts, so a renamed
// or reshaped server function fails type-checking, not at run time. Plain JSON-safe types only:
// google.script.run passes no Date objects, so times travel as ISO strings.
import type { Locale } from '../domain/types';

/** Where the sidebar opens; the menu's openers pick one. */
export type SidebarSection = 'overview' | 'clients' | 'segments' | 'campaigns' | 'automations' | 'forms' | 'settings' | 'help';

export interface Boot {
  locale: Locale;
  section: SidebarSection;
  /** Whether the database sheets exist; the sidebar offers setup when not. */
  ready: boolean;
  userEmail: string;
}

/** One row of the Settings sheet as staff edit it: known keys show their default and type. */
export interface SettingRowView {
  key: string;
  value: string;
  description: string;
  /** The built-in default as text, or null for a key no area reads. */
  defaultValue: string | null;
  kind: 'number' | 'boolean' | 'text' | 'json' | 'unknown';
  /** Why the stored value is not used (in the staff's language), or null. */
  problem: string | null;
}

export interface SidebarApi {
  getBoot(): Boot;
  listSettings(): SettingRowView[];
  /** Validates and stores one setting; answers the row as now stored. */
  saveSetting(key: string, value: string): SettingRowView;
}

export type SidebarFunction = keyof SidebarApi;

// ---- Loyalty: the client card, adjustments, redemptions, discount codes (declarations merge into SidebarApi).

export interface LoyaltyLedgerLine {
  /** ISO time. */
  date: string;
  kind: 'earn' | 'bonus' | 'redeem' | 'expire' | 'adjust' | 'reverse';
  points: number;
  /** Translated into the staff's language. */
  reason: string;
  orderId: string;
  by: string;
}

export interface LoyaltyCard {
  clientId: string;
  /** The sum of the ledger, now (not the Clients column, which is refreshed nightly). */
  balance: number;
  tier: string;
  /** ISO day the client last qualified for the tier, or null before the first nightly run. */
  tierSince: string | null;
  expiringSoon: { points: number; firstExpiresAt: string } | null;
  /** Newest first. */
  lastEntries: LoyaltyLedgerLine[];
  referralCode: string;
  /** Personal discount in percent (0 when none) and where it comes from. */
  discount: { percent: number; source: string };
  recommendations: { product: string; basis: 'co-purchase' | 'popular'; because: string }[];
}

export interface PointsAdjustment {
  clientId: string;
  /** Whole points, negative to take points away. */
  points: number;
  reason: string;
  /** Made once per submit by the sidebar, so a double click records one entry. */
  requestId: string;
}

export interface PointsRedemption {
  clientId: string;
  orderId: string;
  points: number;
  requestId: string;
}

export interface PointsChange {
  clientId: string;
  balance: number;
  /** False when the same request was already recorded. */
  recorded: boolean;
}

export interface DiscountCodeView {
  code: string;
  campaignId: string;
  clientId: string;
  percent: number;
  usedAt: string | null;
  orderId: string;
}

export interface LoyaltyRunSummary {
  appended: number;
  clients: number;
}

export interface SidebarApi {
  getLoyaltyCard(clientId: string): LoyaltyCard;
  adjustPoints(adjustment: PointsAdjustment): PointsChange;
  redeemPoints(redemption: PointsRedemption): PointsChange;
  /** Issues codes for the clients that have none for the campaign yet; answers every client's code. */
  issueDiscountCodes(campaignId: string, clientIds: string[], percent: number): DiscountCodeView[];
  lookupDiscountCode(code: string): DiscountCodeView | null;
  markDiscountCodeUsed(code: string, clientId: string, orderId: string): DiscountCodeView;
  /** The nightly loyalty step, now. */
  runLoyaltyNow(): LoyaltyRunSummary;
}
