// What every loyalty entry point reads: settings, clients with their rows, orders, feedback and the
// ledger, each sheet in one getValues; and how ledger entries become Loyalty rows.
import { isDate } from '../domain/cells';
import { loyaltySettings, DEFAULT_LOYALTY_SETTINGS, type LoyaltyClient, type LoyaltySettings } from '../domain/loyalty';
import {
  clientFromRow,
  feedbackFromRow,
  ledgerEntryFromRow,
  orderFromRow,
  recordsFrom,
  type TypedRow,
} from '../domain/schema';
import type { Client, ClientId, Feedback, LedgerEntry, Order } from '../domain/types';
import { readSettingsFor } from './settings';
import { readRowAt, readTable, readTableWhere, type Table } from './table';
import { findRowsWhere } from './lookup';
import type { Workbook } from './workbook';
import type { RowValues } from './write';

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
export function readLoyaltyOrders(
  book: Workbook,
  clients: readonly LoyaltyClientRow[],
  table: Table = readTable(book, 'orders'),
): Order[] {
  const byEmail = new Map(clients.filter((row) => row.client.email).map((row) => [row.client.email, row.id]));
  return recordsFrom(table.rows, (row) => orderFromRow(row, byEmail));
}

export function readFeedback(book: Workbook): Feedback[] {
  return recordsFrom(readTable(book, 'feedback').rows, feedbackFromRow);
}

export function readLedger(book: Workbook): LedgerEntry[] {
  return recordsFrom(readTable(book, 'loyalty').rows, ledgerEntryFromRow);
}

/** One client's ledger entries, reading the client-id column and their rows only (a form answer's path). */
export function readLedgerOf(book: Workbook, clientId: ClientId): LedgerEntry[] {
  // A search of the client-id column, not a read of it: the ledger grows by every order's points.
  return recordsFrom(
    findRowsWhere(book, 'loyalty', 'clientId', clientId, (id) => id === clientId).rows,
    ledgerEntryFromRow,
  );
}

/**
 * The Clients rows of one client id, as a Table writers accept: the id column and the row only, or the row
 * alone where the caller knows its number (`rowHint`, checked).
 */
export function readClientRowOf(book: Workbook, clientId: ClientId, rowHint?: number): Table {
  if (rowHint !== undefined) return readRowAt(book, 'clients', rowHint, 'id', clientId);
  return readTableWhere(book, 'clients', 'id', (id) => id === clientId);
}

export function ledgerRow(entry: LedgerEntry): RowValues {
  return {
    id: entry.id,
    date: entry.date,
    clientId: entry.clientId,
    kind: entry.kind,
    points: entry.points,
    key: entry.key,
    orderId: entry.orderId,
    reason: entry.reason,
    by: entry.by,
  };
}

export function sumFor(ledger: readonly LedgerEntry[], clientId: ClientId): number {
  let total = 0;
  for (const entry of ledger) if (entry.clientId === clientId) total += entry.points;
  return total;
}
