// Clients keyed by email: answers from forms and imports land on the one row for that address.
import { parseEmail, type CellValue } from '../domain/cells';
import { mergeClientAnswer, sheetSpec, type ClientAnswer } from '../domain/schema';
import { withLock } from '../services/locks';
import { findRowsWhere, issueId, newestValuesWhere } from './lookup';
import { readTable, type Table } from './table';
import { appendRowsAsTable, updateRows } from './write';
import type { Workbook } from './workbook';

export interface UpsertResult {
  clientId: string;
  created: boolean;
  /** The client's sheet row as written. */
  rowNumber: number;
  /** Column keys written. */
  changed: string[];
  /** A new client's row as written, for a caller going on with it (loyalty's welcome) instead of reading it. */
  written?: Table;
}

const DERIVED = new Set(
  sheetSpec('clients')
    .columns.filter((column) => column.derived)
    .map((column) => column.key),
);

/** Creates or updates the client with the answer's email; blanks never erase, older answers only fill gaps. */
export function upsertClientByEmail(
  book: Workbook,
  answer: ClientAnswer,
  /** Further cells of a new client's row (loyalty's referral code), written with it in the one append. */
  newClientValues?: (clientId: string) => Record<string, CellValue>,
): UpsertResult {
  const email = parseEmail(answer.email);
  if (!email.ok || email.value === '') throw new Error(`not an email address: ${answer.email}`);
  const normalised: ClientAnswer = { ...answer, email: email.value };
  return withLock('database', () => {
    // Found under the lock: a concurrent submission of the same email finds this one's row.
    const table = findRowsWhere(book, 'clients', 'email', email.value, (stored) => stored === email.value);
    const position = table.rows.findIndex((row) => row.values.email === email.value);
    const existing = position === -1 ? null : (table.rows[position] ?? null);
    const changes: Record<string, CellValue> = mergeClientAnswer(existing?.values ?? null, normalised, DERIVED);
    if (!existing) {
      const clientId = issueId(book, 'clients', 'C', table);
      const extra = newClientValues?.(clientId) ?? {};
      const written = appendRowsAsTable(book, 'clients', [{ ...extra, ...changes, id: clientId }]);
      const rowNumber = written.lastRow;
      return { clientId, created: true, rowNumber, changed: ['id', ...Object.keys(changes)], written };
    }
    const clientId = String(existing.values.id ?? '');
    const rowNumber = table.rowNumbers[position] ?? 0;
    if (Object.keys(changes).length > 0)
      updateRows(book, 'clients', [{ rowNumber, identity: { id: clientId }, values: changes }], table);
    return { clientId, created: false, rowNumber, changed: Object.keys(changes) };
  });
}

/** Client id → name, for lists that show who a row is about. */
export function readClientNames(book: Workbook): Map<string, string> {
  return new Map(
    readTable(book, 'clients').rows.map((row) => [String(row.values.id ?? ''), String(row.values.name ?? '')] as const),
  );
}

/** The order's client: its client id, else the client with the order's email; '' when unknown. */
export function clientIdOfOrder(book: Workbook, orderId: string): string {
  return orderClientOf(book, orderId).clientId;
}

/**
 * Whether the order is on the Orders sheet, and its client as clientIdOfOrder gives it. A recent order costs
 * one block of its id, client and email columns read from the bottom, and no row read.
 */
export function orderClientOf(book: Workbook, orderId: string): { known: boolean; clientId: string } {
  if (orderId === '') return { known: false, clientId: '' };
  const wanted = orderId.toLowerCase();
  const order = newestValuesWhere(book, 'orders', 'id', (id) => id.toLowerCase() === wanted, [
    'clientId',
    'clientEmail',
  ]);
  if (!order) return { known: false, clientId: '' };
  const clientId = String(order.clientId ?? '');
  if (clientId !== '') return { known: true, clientId };
  const email = String(order.clientEmail ?? '');
  const [client] =
    email === '' ? [] : findRowsWhere(book, 'clients', 'email', email, (stored) => stored === email).rows;
  return { known: true, clientId: String(client?.values.id ?? '') };
}
