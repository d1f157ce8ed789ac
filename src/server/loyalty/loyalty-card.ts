// The sidebar's loyalty card for one client: balance from the ledger, tier, points expiring soon,
// the last entries in the staff's language, referral code, personal discount and recommendations.
import type { LoyaltyCard } from '../../contract/sidebar-api';
import type { LedgerEntry, Locale, Order } from '../../domain/types';
import { describeLedgerReason } from './loyalty-words';
import {
  buildRecommendationModel,
  personalDiscount,
  pointsExpiringSoon,
  recommendFor,
  tierForSpend,
  rollingSpend,
  type LoyaltySettings,
  type Recommendation,
} from '../../domain/loyalty';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import { readCoreSettings, readTable, type Workbook } from '../../sheets';
import {
  readLedgerOf,
  readLoyaltyClients,
  readLoyaltyOrders,
  readLoyaltySettings,
  sumFor,
  type LoyaltyClientRow,
} from '../../sheets/loyalty';
import { readDiscountSegments, referralCodeOf } from './client-codes';
import { lazySigner } from '../../services/signer';

const LAST_ENTRIES = 10;

export function getLoyaltyCard(clientId: string): LoyaltyCard {
  return asStaff((book, locale) => loyaltyCardOf(book, locale, clientId));
}

/** The loyalty part of the card, on a workbook already open (the whole card answers it in one execution). */
export function loyaltyCardOf(book: Workbook, locale: Locale, clientId: string): LoyaltyCard {
  const asOf = new Date();
  const settings = readLoyaltySettings(book);
  const tables = { clients: readTable(book, 'clients'), orders: readTable(book, 'orders') };
  const clients = readLoyaltyClients(book, tables.clients);
  const client = clients.find((candidate) => candidate.id === String(clientId ?? '').trim());
  if (!client) throw new UserFacingError('loyalty.client.unknown', { client: String(clientId ?? '') });
  const orders = readLoyaltyOrders(book, clients, tables.orders);
  // Only this client's rows: the client-id column and their rows, not the whole ledger.
  const ledger = readLedgerOf(book, client.id);
  return loyaltyCardFrom(book, locale, {
    client,
    orders,
    ledger,
    discountSegments: readDiscountSegments(book, settings, asOf, tables).get(client.id) ?? [],
    recommendations: recommendFor(client.id, buildRecommendationModel(orders, settings), settings),
    settings,
    asOf,
  });
}

/**
 * The card from the client's row, orders and ledger, and what needs every client (their discount segments,
 * the recommendations learnt from every order): read whole above, or kept by the nightly run (client-card-store).
 */
export function loyaltyCardFrom(
  book: Workbook,
  locale: Locale,
  input: {
    client: LoyaltyClientRow;
    orders: readonly Order[];
    ledger: readonly LedgerEntry[];
    discountSegments: readonly string[];
    recommendations: readonly Pick<Recommendation, 'product' | 'basis' | 'because'>[];
    settings: LoyaltySettings;
    asOf: Date;
  },
): LoyaltyCard {
  const { client, ledger, settings, asOf } = input;
  // Before the first nightly run the tier column is blank: show what the spend reaches.
  const tier =
    client.tier || tierForSpend(rollingSpend(input.orders, settings, asOf).get(client.id) ?? 0, settings).name;
  const expiring = pointsExpiringSoon(ledger, settings, asOf)[0];
  const discount = personalDiscount(tier, [...input.discountSegments], settings);
  const newestFirst = ledger
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.date.getTime() - a.entry.date.getTime() || b.index - a.index);
  return {
    clientId: client.id,
    balance: sumFor(ledger, client.id),
    tier,
    tierSince: client.tierSince ? client.tierSince.toISOString() : null,
    expiringSoon: expiring ? { points: expiring.points, firstExpiresAt: expiring.firstExpiresAt.toISOString() } : null,
    lastEntries: newestFirst.slice(0, LAST_ENTRIES).map(({ entry }) => ({
      date: entry.date.toISOString(),
      kind: entry.kind,
      points: entry.points,
      reason: describeLedgerReason(entry.reason, locale, readCoreSettings(book).settings.currency),
      orderId: entry.orderId,
      by: entry.by,
    })),
    referralCode: referralCodeOf(client, settings, lazySigner()),
    discount: {
      percent: discount?.percent ?? 0,
      source: discount ? (discount.source.kind === 'tier' ? discount.source.tier : discount.source.segmentId) : '',
    },
    recommendations: input.recommendations.map(({ product, basis, because }) => ({ product, basis, because })),
  };
}
