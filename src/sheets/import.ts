// Merging imported rows into Clients or Orders: one read of each sheet, one append, one batch of updates.
import type { CellValue } from '../domain/cells';
import { importedChanges, nextId, sheetSpec, type ImportKind, type RowProblem, type TypedRow } from '../domain/schema';
import { withLock } from '../services/locks';
import { idCells, readTable, type Table } from './table';
import { appendRows, updateRows, type RowUpdate } from './write';
import type { Workbook } from './workbook';

export interface ImportOutcome {
  added: number;
  updated: number;
  unchanged: number;
  /** Rows merged but with something to check (an order whose client is unknown). */
  problems: RowProblem[];
}

const DERIVED: Record<ImportKind, Set<string>> = {
  clients: new Set(
    sheetSpec('clients')
      .columns.filter((column) => column.derived)
      .map((column) => column.key),
  ),
  orders: new Set(
    sheetSpec('orders')
      .columns.filter((column) => column.derived)
      .map((column) => column.key),
  ),
};

/** Clients merge by email, orders by id; blanks never erase; `rowNumbers` are the import's own lines. */
export function mergeImport(
  book: Workbook,
  kind: ImportKind,
  rows: readonly TypedRow[],
  rowNumbers: readonly number[],
  now: Date,
): ImportOutcome {
  return withLock('database', () => {
    const table = readTable(book, kind);
    const clients = kind === 'clients' ? table : readTable(book, 'clients');
    const keyColumn = kind === 'clients' ? 'email' : 'id';
    const untouchable = new Set([...DERIVED[kind], 'id', keyColumn]);
    const positionByKey = new Map<string, number>();
    table.rows.forEach((row, position) => {
      const key = String(row.values[keyColumn] ?? '');
      if (key !== '' && !positionByKey.has(key)) positionByKey.set(key, position);
    });
    const usedIds = new Set(idCells(table));
    const clientIds = new Set(idCells(clients));
    const clientIdByEmail = new Map(
      clients.rows.map((row) => [String(row.values.email ?? ''), String(row.values.id ?? '')] as const),
    );
    const outcome: ImportOutcome = { added: 0, updated: 0, unchanged: 0, problems: [] };
    const appended = new Map<string, Record<string, CellValue>>();
    const updates = new Map<number, Record<string, CellValue>>();

    rows.forEach((row, index) => {
      const incoming: Record<string, CellValue> = { ...row.values };
      const key = String(incoming[keyColumn] ?? '');
      if (kind === 'orders')
        linkClient(incoming, clientIds, clientIdByEmail, () =>
          outcome.problems.push({
            sheet: 'orders',
            row: rowNumbers[index] ?? 0,
            column: '',
            value: String(incoming.clientId || incoming.clientEmail || ''),
            code: 'database.import.unknownClient',
          }),
        );
      const fresh = appended.get(key);
      const position = positionByKey.get(key);
      if (fresh) {
        Object.assign(fresh, importedChanges(fresh, incoming, untouchable));
        outcome.unchanged += 1;
      } else if (position !== undefined) {
        const pending = updates.get(position) ?? {};
        const changes = importedChanges({ ...(table.rows[position]?.values ?? {}), ...pending }, incoming, untouchable);
        if (Object.keys(changes).length === 0) outcome.unchanged += 1;
        else {
          updates.set(position, { ...pending, ...changes });
          outcome.updated += 1;
        }
      } else {
        const record: Record<string, CellValue> = Object.fromEntries(
          Object.entries(incoming).filter(
            ([column, value]) => !DERIVED[kind].has(column) && value !== null && value !== '',
          ),
        );
        if (kind === 'clients') {
          const wanted = String(incoming.id ?? '').trim();
          record.id = wanted !== '' && !usedIds.has(wanted) ? wanted : nextId('C', usedIds);
          record.createdAt = record.createdAt ?? now;
        }
        usedIds.add(String(record.id));
        appended.set(key, record);
        outcome.added += 1;
      }
    });
    appendRows(book, kind, [...appended.values()]);
    const rowUpdates: RowUpdate[] = [...updates].map(([position, values]) => ({
      rowNumber: table.rowNumbers[position] ?? 0,
      identity: { id: String(table.rows[position]?.values.id ?? '') },
      values,
    }));
    updateRows(book, kind, rowUpdates, table);
    return outcome;
  });
}

/** Every id cell, also of rows skipped as unreadable, so a new id never repeats one. */
/** An order names its client by id or by email; the id is filled from the email when it can be. */
function linkClient(
  order: Record<string, CellValue>,
  clientIds: ReadonlySet<string>,
  clientIdByEmail: ReadonlyMap<string, string>,
  unknown: () => void,
): void {
  const id = String(order.clientId ?? '');
  if (id !== '' && clientIds.has(id)) return;
  const byEmail = clientIdByEmail.get(String(order.clientEmail ?? ''));
  if (byEmail) order.clientId = byEmail;
  else unknown();
}
