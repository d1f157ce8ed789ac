// Where roll-ups live in the workbook: the Send totals sheet (one row per campaign, one per client), and
// rows leaving Sends or the Loyalty ledger — the rows kept moved up in one write, the grid shrunk after
// them (Google counts the grid's cells, not the filled ones).
import type { SendTotal } from '../domain/campaigns/rollup';
import { countsCell, parseCounts, type CellValue, type EnumKey } from '../domain/cells';
import type { Locale } from '../domain/types';
import {
  cellForWrite,
  foldMissingColumns,
  mapHeaders,
  parseRows,
  sheetSpec,
  type SheetKey,
  type TypedRow,
} from '../domain/schema';
import { withLock } from '../services/locks';
import { findSheet, readTable, type Table } from './table';
import type { Workbook } from './workbook';
import type { RowValues } from './write';

const REASONS_LIST: EnumKey = 'skipReason';

function text(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function count(value: CellValue | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Skips by reason as words in the sheet's language (`No consent: 3; Weekly limit: 2`); the older codes read too. */
function reasonsCell(reasons: Record<string, number>, locale: Locale): string {
  return countsCell(REASONS_LIST, reasons, locale);
}

function reasonsFrom(cell: string): Record<string, number> {
  return parseCounts(cell, REASONS_LIST).counts;
}

function totalsFrom(rows: readonly TypedRow[]): SendTotal[] {
  return rows
    .map((row) => {
      const v = row.values;
      const lastAt = v.lastAt instanceof Date ? new Date(v.lastAt.getTime()) : null;
      return {
        campaignId: text(v.campaignId),
        clientId: text(v.clientId),
        sent: count(v.sent),
        skipped: count(v.skipped),
        failed: count(v.failed),
        skippedByReason: reasonsFrom(text(v.skippedByReason)),
        orders: count(v.orders),
        revenue: count(v.revenue),
        buyers: count(v.buyers),
        lastAt,
        keys: text(v.keys) === '' ? [] : text(v.keys).split(/\s*,\s*/),
      };
    })
    .filter((total) => total.campaignId !== '' || total.clientId !== '');
}

export function readSendTotals(book: Workbook): SendTotal[] {
  return totalsFrom(readTable(book, 'sendTotals').rows);
}

/**
 * The campaigns' totals only, by campaign id: they are the sheet's first rows (writeSendTotals puts them
 * there), so the client-id column and those rows are read, not the client rows below them.
 */
export function readCampaignTotals(book: Workbook): Map<string, SendTotal> {
  const sheet = findSheet(book, 'sendTotals');
  const lastRow = sheet?.getLastRow() ?? 0;
  if (!sheet || lastRow < 2) return new Map();
  const spec = sheetSpec('sendTotals');
  const width = Math.max(sheet.getLastColumn(), 1);
  const header: unknown[] = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const mapping = mapHeaders(spec, header, { locale: book.locale });
  const column = mapping.indexes.clientId;
  if (column === undefined) return new Map();
  const clientCells = sheet.getRange(2, column + 1, lastRow - 1, 1).getValues();
  let campaignRows = 0;
  while (campaignRows < clientCells.length && String(clientCells[campaignRows]?.[0] ?? '').trim() === '')
    campaignRows += 1;
  if (campaignRows === 0) return new Map();
  const values = sheet.getRange(1, 1, campaignRows + 1, width).getValues();
  const parsed = parseRows(spec, values, mapping, { locale: book.spreadsheetLocale });
  return new Map(
    totalsFrom(parsed.rows)
      .filter((total) => total.clientId === '')
      .map((total) => [total.campaignId, total]),
  );
}

function totalRow(total: SendTotal, locale: Locale): RowValues {
  return {
    campaignId: total.campaignId,
    clientId: total.clientId,
    sent: total.sent,
    skipped: total.skipped,
    failed: total.failed,
    skippedByReason: reasonsCell(total.skippedByReason, locale),
    orders: total.orders,
    revenue: total.revenue,
    buyers: total.buyers,
    lastAt: total.lastAt,
    keys: total.keys.join(', '),
  };
}

/**
 * Replaces the Send totals rows with these (they are every total, old ones included) in one write over the
 * old rows: a run cut off here leaves the old totals or the new, never none.
 */
export function writeSendTotals(book: Workbook, totals: readonly SendTotal[]): void {
  withLock('database', () => {
    const table = readTable(book, 'sendTotals');
    if (table.sheetName === null) throw new Error('the Send totals sheet is missing: run Setup first.');
    const all = table.rows.map((_, position) => position);
    if (
      !replaceRows(
        book,
        'sendTotals',
        table,
        all,
        totals.map((total) => totalRow(total, book.locale)),
      )
    )
      throw new Error('Send totals changed during the roll-up');
  });
}

/**
 * Removes the rows at these positions of `table` (positions in table.rows) and adds `additions` after the
 * rest: the data moves up as it was read, cell for cell, in one setValues, and the emptied rows at the
 * bottom are deleted. False
 * when the sheet changed since it was read (a row appended meanwhile): nothing is touched, the next run
 * tries again.
 */
export function replaceRows(
  book: Workbook,
  key: SheetKey,
  table: Table,
  positions: readonly number[],
  additions: readonly RowValues[] = [],
): boolean {
  if (positions.length === 0 && additions.length === 0) return true;
  return withLock('database', () => {
    const sheet = findSheet(book, key);
    const mapping = table.mapping;
    if (!sheet || !mapping || sheet.getLastRow() !== table.lastRow) return false;
    const spec = sheetSpec(key);
    const gone = new Set(positions.map((position) => table.rowNumbers[position]));
    // A loop, not Math.max(...rows): a spread of 100,000 rows overflows the call stack.
    const width = table.values.reduce((widest, row) => Math.max(widest, row.length), 1);
    // Every line under the header as read (title and blank lines too), less the removed records, then the
    // additions: one write, so a run cut off midway leaves the sheet as it was or as it should be.
    type Cell = string | number | boolean | Date;
    const kept: Cell[][] = table.values
      .slice(1)
      .filter((_, offset) => !gone.has(offset + 2))
      .map((row) => Array.from({ length: width }, (_, column) => (row[column] ?? '') as Cell));
    for (const row of additions) {
      const cells: Cell[] = new Array<string>(width).fill('');
      for (const [column, value] of Object.entries(foldMissingColumns(spec, row, mapping.indexes))) {
        const index = mapping.indexes[column];
        if (index !== undefined && index < width) cells[index] = cellForWrite(spec, column, value, book.locale);
      }
      kept.push(cells);
    }
    const needed = 1 + kept.length - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
    const lastData = table.values.length;
    if (kept.length > 0) sheet.getRange(2, 1, kept.length, width).setValues(kept);
    const firstEmpty = 2 + kept.length;
    if (lastData >= firstEmpty) sheet.getRange(firstEmpty, 1, lastData - firstEmpty + 1, width).clearContent();
    // Keep a few empty rows below the data, as a fresh sheet has; the rest of the grid goes.
    const spare = 10;
    const deleteFrom = firstEmpty + spare;
    if (sheet.getMaxRows() >= deleteFrom) sheet.deleteRows(deleteFrom, sheet.getMaxRows() - deleteFrom + 1);
    return true;
  });
}
