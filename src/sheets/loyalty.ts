// What every loyalty entry point reads: settings, clients with their rows, orders, feedback and the
// ledger, each sheet in one getValues; how ledger entries become Loyalty rows; and the ledger roll-up's
// writes (the sort by client, one run of rows rewritten at a time).
import { isDate } from '../domain/cells';
import {
  loyaltySettings,
  splitLedgerReason,
  DEFAULT_LOYALTY_SETTINGS,
  type LoyaltyClient,
  type LoyaltySettings,
} from '../domain/loyalty';
import {
  cellForWrite,
  clientFromRow,
  feedbackFromRow,
  foldMissingColumns,
  ledgerEntryFromRow,
  orderFromRow,
  mapHeaders,
  recordsFrom,
  renamesFromSettings,
  sheetSpec,
  type TypedRow,
} from '../domain/schema';
import { withLock } from '../services/locks';
import type { Client, ClientId, Feedback, LedgerEntry, Order } from '../domain/types';
import { readSettingsFor } from './settings';
import { findSheet, headerRow, readRowAt, readTable, readTableWhere, settingEntries, type Table } from './table';
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

/** The entry as a Loyalty row: the Reason cell the sentence alone, its machine part in Reason code. */
export function ledgerRow(entry: LedgerEntry): RowValues {
  const reason = splitLedgerReason(entry.reason);
  return {
    id: entry.id,
    date: entry.date,
    clientId: entry.clientId,
    kind: entry.kind,
    points: entry.points,
    key: entry.key,
    orderId: entry.orderId,
    reason: reason.sentence,
    by: entry.by,
    reasonCode: reason.code,
  };
}

export function sumFor(ledger: readonly LedgerEntry[], clientId: ClientId): number {
  let total = 0;
  for (const entry of ledger) if (entry.clientId === clientId) total += entry.points;
  return total;
}

/**
 * Sorts the ledger's rows by client, then date, then entry id (one Range.sort, done by Google without
 * sending the cells): each client's rows lie together, so a roll-up rewrites short runs of rows. False
 * when a column it sorts by is missing. A client's entries keep their date order; entries of one client
 * at one moment are then ordered by id (expiry replays them by date, a roll-up entry first).
 */
export function sortLedgerByClient(book: Workbook): boolean {
  return withLock('database', () => {
    const sheet = findSheet(book, 'loyalty');
    if (!sheet) return false;
    const width = sheet.getLastColumn();
    const lastRow = sheet.getLastRow();
    if (width < 1 || lastRow < 3) return true;
    const mapping = mapHeaders(sheetSpec('loyalty'), headerRow(book, 'loyalty', sheet, width), {
      locale: book.locale,
      renames: renamesFromSettings(settingEntries(book), 'loyalty'),
    });
    const columns = (['clientId', 'date', 'id'] as const).map((field) => mapping.indexes[field]);
    if (columns.some((index) => index === undefined)) return false;
    sheet
      .getRange(2, 1, lastRow - 1, width)
      .sort(columns.map((index) => ({ column: (index as number) + 1, ascending: true })));
    // Read afresh after the sort.
    book.tableCache?.delete('loyalty');
    return true;
  });
}

type Cell = string | number | boolean | Date;

/**
 * Rewrites the ledger's sheet rows `from`..`to` (as read in `table`) in one setValues: a row listed in
 * `replaced` gives way to its entries (none for the client's other replaced rows), every other row is
 * written back as read. The block is padded with blank rows to its old height and the blank rows are then
 * deleted (rows are inserted first when it grows), so the one write is the moment the rows change: cut off
 * before it nothing changed, after it only blank rows may be left. False when the sheet changed since read.
 */
export function rewriteLedgerRows(
  book: Workbook,
  table: Table,
  from: number,
  to: number,
  replaced: ReadonlyMap<number, readonly RowValues[]>,
): boolean {
  return withLock('database', () => {
    const sheet = findSheet(book, 'loyalty');
    const mapping = table.mapping;
    if (!sheet || !mapping || sheet.getLastRow() !== table.lastRow) return false;
    const spec = sheetSpec('loyalty');
    const width = table.values.reduce((widest, row) => Math.max(widest, row.length), 1);
    const lines: Cell[][] = [];
    for (let row = from; row <= to; row += 1) {
      const replacements = replaced.get(row);
      if (!replacements) {
        const cells = table.values[row - 1] ?? [];
        lines.push(Array.from({ length: width }, (_, column) => (cells[column] ?? '') as Cell));
        continue;
      }
      for (const values of replacements) {
        const cells: Cell[] = new Array<string>(width).fill('');
        // A sheet not yet repaired has no Reason code column: the code goes back into Reason, never dropped.
        for (const [column, value] of Object.entries(foldMissingColumns(spec, values, mapping.indexes))) {
          const index = mapping.indexes[column];
          if (index !== undefined && index < width) cells[index] = cellForWrite(spec, column, value, book.locale);
        }
        lines.push(cells);
      }
    }
    const height = to - from + 1;
    const written = lines.length;
    if (written > height) sheet.insertRowsAfter(to, written - height);
    while (lines.length < height) lines.push(new Array<string>(width).fill(''));
    sheet.getRange(from, 1, lines.length, width).setValues(lines);
    if (written < height) sheet.deleteRows(from + written, height - written);
    book.tableCache?.delete('loyalty');
    return true;
  });
}
