// What every loyalty entry point reads: settings, clients with their rows, orders, feedback and the
// ledger, each sheet in one getValues; and how ledger entries become Loyalty rows.
import { hmacSigner } from '../domain/hmac';
import { isDate } from '../domain/cells';
import { loyaltySettings, DEFAULT_LOYALTY_SETTINGS, referralCode, type LoyaltyClient, type LoyaltySettings } from '../domain/loyalty';
import { clientFromRow, feedbackFromRow, ledgerEntryFromRow, orderFromRow, recordsFrom, type TypedRow } from '../domain/schema';
import type { Client, ClientId, Feedback, LedgerEntry, Order } from '../domain/types';
import { readSettingsFor, readTable, type RowValues, type Table, type Workbook } from '../sheets';
import type { ReadTables } from './analysis-data';
import { segmentsByClient } from './segments';
import { signingSecret } from '../services/signer';

export function readLoyaltySettings(book: Workbook): LoyaltySettings {
  const read = readSettingsFor(book, DEFAULT_LOYALTY_SETTINGS, 'loyalty');
  for (const problem of read.problems) console.warn(`loyalty setting ignored: ${JSON.stringify(problem.params)}`);
  return loyaltySettings(read.overrides);
}

/** A Clients row as loyalty sees it: the record, its derived columns as read, and where it is. */
export interface LoyaltyClientRow extends LoyaltyClient {
  client: Client;
  rowNumber: number;
  pointsBalance: number | null;
  referralCode: string;
}

function loyaltyClientFrom(row: TypedRow, rowNumber: number): LoyaltyClientRow {
  const client = clientFromRow(row);
  const tierSince = row.values.tierSince;
  const balance = row.values.pointsBalance;
  return {
    id: client.id,
    birthday: client.birthday,
    referredBy: client.referredBy,
    tier: typeof row.values.tier === 'string' ? row.values.tier.trim() : '',
    tierSince: isDate(tierSince) ? new Date(tierSince.getTime()) : null,
    client,
    rowNumber,
    pointsBalance: typeof balance === 'number' ? balance : null,
    referralCode: client.referralCode.trim(),
  };
}

export function readLoyaltyClients(book: Workbook, table: Table = readTable(book, 'clients')): LoyaltyClientRow[] {
  const clients: LoyaltyClientRow[] = [];
  table.rows.forEach((row, position) => {
    const client = loyaltyClientFrom(row, table.rowNumbers[position] ?? 0);
    if (client.id) clients.push(client);
  });
  return clients;
}

/** Orders with a blank client id are matched to the client by email. */
export function readLoyaltyOrders(book: Workbook, clients: readonly LoyaltyClientRow[], table: Table = readTable(book, 'orders')): Order[] {
  const byEmail = new Map(clients.filter((row) => row.client.email).map((row) => [row.client.email, row.id]));
  return recordsFrom(table.rows, (row) => orderFromRow(row, byEmail));
}

/**
 * The segments with a personal discount in Settings that each client is in, for `personalDiscount`.
 * Only those segments are computed, once for all clients; none (and no read) when no segment has one.
 */
export function readDiscountSegments(book: Workbook, settings: LoyaltySettings, asOf: Date, tables: ReadTables = {}): Map<ClientId, string[]> {
  const segmentIds = Object.entries(settings.discountBySegment).filter(([, percent]) => percent > 0).map(([segmentId]) => segmentId);
  return segmentsByClient(book, segmentIds, asOf, tables);
}

export function readFeedback(book: Workbook): Feedback[] {
  return recordsFrom(readTable(book, 'feedback').rows, feedbackFromRow);
}

export function readLedger(book: Workbook): LedgerEntry[] {
  return recordsFrom(readTable(book, 'loyalty').rows, ledgerEntryFromRow);
}

export function ledgerRow(entry: LedgerEntry): RowValues {
  return { id: entry.id, date: entry.date, clientId: entry.clientId, kind: entry.kind, points: entry.points, key: entry.key, orderId: entry.orderId, reason: entry.reason, by: entry.by };
}

export function sumFor(ledger: readonly LedgerEntry[], clientId: ClientId): number {
  let total = 0;
  for (const entry of ledger) if (entry.clientId === clientId) total += entry.points;
  return total;
}

/** The client's referral code: the Clients column, or the one the nightly run will write there. */
export function referralCodeOf(client: LoyaltyClientRow, settings: LoyaltySettings, sign: () => (text: string) => string): string {
  return client.referralCode || referralCode(client.id, settings, sign());
}

/**
 * One signer per execution, made on first use: it reads the secret from script properties once and
 * signs in memory (same codes as Utilities' HMAC), so signing codes for every client costs no calls per client.
 */
export function lazySigner(): () => (text: string) => string {
  let signer: ((text: string) => string) | null = null;
  return () => (signer ??= hmacSigner(signingSecret()));
}
