// What mail needs from other features, in one place: segment membership (analysis), loyalty merge
// fields (loyalty) and prefilled feedback links (forms). Each is the owner's function; this file only
// adapts failures to what a mail run can live with (a campaign pauses, a field stays empty).
import { pointsExpiringSoon, tiersReachedFromLedger } from '../../domain/loyalty';
import type { FieldValue } from '../../domain/campaigns/fields';
import type { Client, ClientId } from '../../domain/types';
import type { Workbook } from '../../sheets';
import { readLedger, readLoyaltySettings } from '../../sheets/loyalty';
import { feedbackLinker } from '../intake/forms';
import { loyaltyFieldsFor as loyaltyFields, type LoyaltyFieldOptions } from '../loyalty/loyalty-fields';
import { segmentClientIds as analysisSegment } from '../analysis/segments';

/** Every client: a campaign to the whole base needs no segment row. */
export const ALL_CLIENTS_SEGMENT = 'all';

/** Client ids of a segment, or null when it is unknown or its rules can't be read. */
export function segmentClientIds(
  book: Workbook,
  segmentId: string,
  clients: readonly Client[],
  asOf: Date,
): ClientId[] | null {
  if (segmentId.trim().toLowerCase() === ALL_CLIENTS_SEGMENT) return clients.map((client) => client.id);
  try {
    return analysisSegment(book, segmentId, asOf);
  } catch (error) {
    console.warn(`segment ${segmentId}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export const LOYALTY_MERGE_FIELDS = [
  'points',
  'tier',
  'discount',
  'discount_code',
  'recommendation',
  'referral_code',
] as const;
/** Values as data: the merge writes the number and the list in each mail's language. */
export type LoyaltyMergeFields = Partial<Record<(typeof LOYALTY_MERGE_FIELDS)[number], FieldValue>>;

/** Loyalty merge fields by client; none when loyalty can't be read (preview reports the holes). */
export function loyaltyFieldsFor(
  book: Workbook,
  clientIds: readonly ClientId[],
  campaignId?: string,
  tables?: LoyaltyFieldOptions['tables'],
): Map<ClientId, LoyaltyMergeFields> {
  const fields = new Map<ClientId, LoyaltyMergeFields>();
  try {
    const options = { ...(campaignId ? { campaignId } : {}), ...(tables ? { tables } : {}) };
    for (const [id, loyalty] of loyaltyFields(book, clientIds, options)) {
      fields.set(id, {
        points: loyalty.points,
        tier: loyalty.tier,
        // A number: the merge writes it as each mail's language does ("10 %" / "10%").
        ...(loyalty.discount > 0 ? { discount: loyalty.discount } : {}),
        ...(loyalty.discount_code ? { discount_code: loyalty.discount_code } : {}),
        ...(loyalty.recommendations.length > 0 ? { recommendation: loyalty.recommendations } : {}),
        ...(loyalty.referral_code ? { referral_code: loyalty.referral_code } : {}),
      });
    }
  } catch (error) {
    console.warn(`loyalty fields: ${error instanceof Error ? error.message : String(error)}`);
  }
  return fields;
}

export interface LoyaltyOccasions {
  /** Points that will expire within loyalty's reminder window, per client (the first expiry date). */
  pointsExpiring: { clientId: ClientId; points: number; expiresAt: Date }[];
  /** Tiers every client holds from the start (threshold 0): reaching one is no news. */
  startingTiers: Set<string>;
  /** `clientId|tier` → when the client's spend crossed the tier's threshold, as the ledger recorded it. */
  tiersReachedAt: Map<string, Date>;
}

/** What the points-expiry and tier-reached flows need from loyalty; nothing when loyalty can't be read. */
export function loyaltyOccasions(
  book: Workbook,
  asOf: Date,
  options: { pointsExpiry: boolean; tierReached: boolean },
): LoyaltyOccasions {
  try {
    const settings = readLoyaltySettings(book);
    const startingTiers = new Set(settings.tiers.filter((tier) => tier.threshold <= 0).map((tier) => tier.name));
    // The ledger is the biggest loyalty sheet: read only when a flow that needs it is on.
    const ledger = options.pointsExpiry || options.tierReached ? readLedger(book) : [];
    const pointsExpiring = options.pointsExpiry
      ? pointsExpiringSoon(ledger, settings, asOf).map((lot) => ({
          clientId: lot.clientId,
          points: lot.points,
          expiresAt: lot.firstExpiresAt,
        }))
      : [];
    return { pointsExpiring, startingTiers, tiersReachedAt: tiersReachedFromLedger(ledger) };
  } catch (error) {
    console.warn(`loyalty occasions: ${error instanceof Error ? error.message : String(error)}`);
    return { pointsExpiring: [], startingTiers: new Set(), tiersReachedAt: new Map() };
  }
}

/** Feedback-form links prefilled per order, for a whole run: the stored form is read once; empty links before the forms exist. */
export function feedbackLinks(): (orderId: string, email: string) => string {
  let link: ((orderId: string, email: string) => string) | null = null;
  return (orderId, email) => {
    if (!link) {
      try {
        link = feedbackLinker();
      } catch {
        link = () => '';
      }
    }
    return link(orderId, email);
  };
}
