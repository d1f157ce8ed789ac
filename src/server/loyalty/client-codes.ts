// What loyalty derives per client beyond the sheets: the signed referral code and the discount segments.
import { referralCode, type LoyaltySettings } from '../../domain/loyalty';
import type { ClientId } from '../../domain/types';
import type { LoyaltyClientRow } from '../../sheets/loyalty';
import type { ReadTables } from '../../sheets/studio';
import type { Workbook } from '../../sheets';
import { segmentsByClient } from '../analysis/segments';

/**
 * The segments with a personal discount in Settings that each client is in, for `personalDiscount`.
 * Only those segments are computed, once for all clients; none (and no read) when no segment has one.
 */
export function readDiscountSegments(
  book: Workbook,
  settings: LoyaltySettings,
  asOf: Date,
  tables: ReadTables = {},
): Map<ClientId, string[]> {
  const segmentIds = Object.entries(settings.discountBySegment)
    .filter(([, percent]) => percent > 0)
    .map(([segmentId]) => segmentId);
  return segmentsByClient(book, segmentIds, asOf, tables);
}

/** The client's referral code: the Clients column, or the one the nightly run will write there. */
export function referralCodeOf(
  client: LoyaltyClientRow,
  settings: LoyaltySettings,
  sign: () => (text: string) => string,
): string {
  return client.referralCode || referralCode(client.id, settings, sign());
}
