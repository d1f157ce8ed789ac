// Loyalty merge fields for campaigns ({{points}}, {{tier}}, {{discount}}, {{discount_code}},
// {{recommendation}}, {{referral_code}}), computed from one read of each sheet for all recipients.
import {
  buildRecommendationModel,
  personalDiscount,
  recommendFor,
  rollingSpend,
  tierForSpend,
} from '../../domain/loyalty';
import type { ClientId } from '../../domain/types';
import { readTable, type Table, type Workbook } from '../../sheets';
import { readDiscountCodes } from './discount-codes';
import { readLedger, readLoyaltyClients, readLoyaltyOrders, readLoyaltySettings } from '../../sheets/loyalty';
import { readDiscountSegments, referralCodeOf } from './client-codes';
import { lazySigner } from '../../services/signer';

export interface LoyaltyFields {
  points: number;
  tier: string;
  /** Personal discount in percent; 0 when none. */
  discount: number;
  /** The client's unused code for the campaign (or any campaign when none is given). */
  discount_code?: string;
  /** Products to recommend; the mail joins them in its own language. */
  recommendations: string[];
  referral_code: string;
}

export interface LoyaltyFieldOptions {
  /** Codes issued for this campaign only. */
  campaignId?: string;
  /** Segment ids per client, for discounts by segment; without it the segments named in Settings are computed. */
  segmentsByClient?: ReadonlyMap<ClientId, readonly string[]>;
  asOf?: Date;
  /** Clients and Orders as the caller read them this execution: not read again. */
  tables?: { clients: Table; orders: Table };
}

/** Fields for the listed clients that exist; an unknown id is left out of the map. */
export function loyaltyFieldsFor(
  book: Workbook,
  clientIds: readonly ClientId[],
  options: LoyaltyFieldOptions = {},
): Map<ClientId, LoyaltyFields> {
  const asOf = options.asOf ?? new Date();
  const settings = readLoyaltySettings(book);
  const tables = options.tables ?? { clients: readTable(book, 'clients'), orders: readTable(book, 'orders') };
  const clients = readLoyaltyClients(book, tables.clients);
  const orders = readLoyaltyOrders(book, clients, tables.orders);
  const segments = options.segmentsByClient ?? readDiscountSegments(book, settings, asOf, tables);
  const wanted = new Set(clientIds);
  const points = new Map<ClientId, number>();
  for (const entry of readLedger(book))
    if (wanted.has(entry.clientId)) points.set(entry.clientId, (points.get(entry.clientId) ?? 0) + entry.points);
  const codes = new Map<ClientId, string>();
  for (const record of readDiscountCodes(book)) {
    if (
      !wanted.has(record.clientId) ||
      record.usedAt ||
      (options.campaignId && record.campaignId !== options.campaignId)
    )
      continue;
    codes.set(record.clientId, record.code);
  }
  const model = buildRecommendationModel(orders, settings);
  const spend = rollingSpend(orders, settings, asOf);
  const sign = lazySigner();

  const fields = new Map<ClientId, LoyaltyFields>();
  for (const client of clients) {
    if (!wanted.has(client.id)) continue;
    const tier = client.tier || tierForSpend(spend.get(client.id) ?? 0, settings).name;
    const code = codes.get(client.id);
    fields.set(client.id, {
      points: points.get(client.id) ?? 0,
      tier,
      discount: personalDiscount(tier, segments.get(client.id) ?? [], settings)?.percent ?? 0,
      ...(code ? { discount_code: code } : {}),
      recommendations: recommendFor(client.id, model, settings).map((recommendation) => recommendation.product),
      referral_code: referralCodeOf(client, settings, sign),
    });
  }
  return fields;
}
