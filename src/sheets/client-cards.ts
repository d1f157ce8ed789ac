// The client cards' store: a hidden tab the nightly run fills with what each client's card needs from the
// whole studio (their history, their place among all clients), one row per client at a row its id names,
// so the card reads one row instead of every sheet. Rows appended to a sheet since then are read from its
// tail (readRowsAfter).
import { mapHeaders, parseRows, renamesFromSettings, sheetSpec, type SheetKey, type TypedRow } from '../domain/schema';
import type { ClientId } from '../domain/types';
import { decodeKept, encodeKept, keptRowOf } from '../domain/schema/kept-records';
import { translate } from '../i18n';
import { catalogEntry } from '../i18n/labels';
import { findSheet, headerRow, settingEntries } from './table';
import type { Workbook } from './workbook';

const SHEET_NAME = 'sheet.clientCards' as const;
/** Google holds at most 50,000 characters in a cell: a long history is split over the next cells. */
const CHUNK = 45_000;
/** A history longer than this many cells is not kept: that client's card reads the sheets instead. */
const MAX_CHUNKS = 20;
/** Rows per write: about 5 MB of text at a few kilobytes a client. */
const WRITE_BLOCK_ROWS = 1_000;

/** The Client cards tab (either language's name), or null before the first night kept the cards. */
export function clientCardsSheet(book: Workbook): GoogleAppsScript.Spreadsheet.Sheet | null {
  const names = catalogEntry(SHEET_NAME);
  const preferred = book.spreadsheet.getSheetByName(names[book.locale]);
  if (preferred) return preferred;
  const other = names[book.locale === 'ru' ? 'en' : 'ru'];
  return book.spreadsheet.getSheetByName(other);
}

/**
 * Writes every client's kept figures (one write) over what an earlier night left. A row past twice the
 * clients (ids far apart) or taken by an equal number goes below the rest.
 */
export function writeClientCards(book: Workbook, kept: readonly { clientId: ClientId; figures: unknown }[]): void {
  let sheet = clientCardsSheet(book);
  const name = translate(book.locale, SHEET_NAME);
  if (!sheet) {
    sheet = book.spreadsheet.insertSheet(name, book.spreadsheet.getSheets().length);
    sheet.hideSheet();
  } else if (sheet.getName() !== name) sheet.setName(name);
  const limit = 2 * kept.length + 1;
  const rows = new Map<number, string[]>();
  const spill: string[][] = [];
  let width = 2;
  for (const { clientId, figures } of kept) {
    const text = encodeKept(figures);
    if (Math.ceil(text.length / CHUNK) > MAX_CHUNKS) continue;
    const row = [clientId];
    for (let at = 0; at < text.length; at += CHUNK) row.push(text.slice(at, at + CHUNK));
    width = Math.max(width, row.length);
    const at = keptRowOf(clientId);
    if (at !== null && at <= limit && !rows.has(at)) rows.set(at, row);
    else spill.push(row);
  }
  let lastRow = 1;
  for (const at of rows.keys()) lastRow = Math.max(lastRow, at);
  for (const row of spill) rows.set(++lastRow, row);
  const header = [
    translate(book.locale, 'column.clientCards.clientId'),
    translate(book.locale, 'column.clientCards.figures'),
  ];
  const matrix: string[][] = [];
  for (let rowNumber = 1; rowNumber <= lastRow; rowNumber += 1) {
    const row = rowNumber === 1 ? header : (rows.get(rowNumber) ?? []);
    matrix.push(Array.from({ length: width }, (_, column) => row[column] ?? ''));
  }
  if (sheet.getMaxRows() < lastRow) sheet.insertRowsAfter(sheet.getMaxRows(), lastRow - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // In blocks: a client's history is kilobytes of text, and one write of every row would be tens of
  // megabytes. A run cut off between blocks leaves rows of an earlier night, which say so (their night).
  for (let first = 0; first < matrix.length; first += WRITE_BLOCK_ROWS) {
    const block = matrix.slice(first, first + WRITE_BLOCK_ROWS);
    sheet.getRange(first + 1, 1, block.length, width).setValues(block);
  }
  // Google counts every cell of the grid against the spreadsheet's 10 million, and nobody types here: the
  // grid ends with the kept rows (an earlier night's longer rows go with it).
  if (sheet.getMaxRows() > lastRow) sheet.deleteRows(lastRow + 1, sheet.getMaxRows() - lastRow);
  if (sheet.getMaxColumns() > width) sheet.deleteColumns(width + 1, sheet.getMaxColumns() - width);
}

/** The figures kept for `clientId`: its own row (keptRowOf) when it holds them, else found by the id column. */
export function readClientCard(sheet: GoogleAppsScript.Spreadsheet.Sheet, clientId: ClientId): unknown {
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 2);
  const figuresOf = (cells: unknown[]): unknown => {
    const text = cells
      .slice(1)
      .map((cell) => String(cell ?? ''))
      .join('');
    return text === '' ? null : decodeKept(text);
  };
  const at = keptRowOf(clientId);
  if (at !== null && at <= lastRow) {
    const cells: unknown[] = sheet.getRange(at, 1, 1, width).getValues()[0] ?? [];
    if (String(cells[0] ?? '') === clientId) return figuresOf(cells);
  }
  if (lastRow < 2) return null;
  const ids = sheet.getRange(2, 1, lastRow - 1, 1).getValues();
  const found = ids.findIndex((cells: unknown[]) => String(cells[0] ?? '') === clientId);
  if (found < 0) return null;
  return figuresOf(sheet.getRange(found + 2, 1, 1, width).getValues()[0] ?? []);
}

/** Rows read below a mark, with their sheet row numbers. */
export interface RowsAfter {
  rows: TypedRow[];
  rowNumbers: number[];
}

/**
 * The rows below `afterRow` (appended since a read that ended there) that may be a client's, numbered as the
 * sheet numbers them; 'shrunk' when the sheet now ends above `afterRow` (rows deleted or rolled up: the rows
 * kept up to `afterRow` are no longer where they were). Nothing appended: one getLastRow. `mentions` are the
 * texts (client id, email) one of a row's cells contains, whatever the case, when the row can be the
 * client's: new rows naming none of them are not parsed, and the header is read only when one does.
 */
export function readRowsAfter(
  book: Workbook,
  key: SheetKey,
  afterRow: number,
  mentions: readonly string[],
): RowsAfter | 'shrunk' {
  const sheet = findSheet(book, key);
  const lastRow = sheet?.getLastRow() ?? 0;
  if (lastRow < afterRow) return 'shrunk';
  const first = Math.max(afterRow + 1, 2);
  if (!sheet || lastRow < first) return { rows: [], rowNumbers: [] };
  const width = Math.max(sheet.getLastColumn(), 1);
  const cells: unknown[][] = sheet.getRange(first, 1, lastRow - first + 1, width).getValues();
  // Contained, not equal: a cell read as the email may be "Name <email>" or "mailto:email" (parseEmail).
  const wanted = mentions.map((text) => text.trim().toLowerCase()).filter((text) => text !== '');
  const candidates: number[] = [];
  cells.forEach((row, offset) => {
    const names = (cell: unknown) => {
      const text = String(cell ?? '').toLowerCase();
      return wanted.some((mention) => text.includes(mention));
    };
    if (row.some(names)) candidates.push(offset);
  });
  if (candidates.length === 0) return { rows: [], rowNumbers: [] };
  const spec = sheetSpec(key);
  const header = headerRow(book, key, sheet, width);
  const renames = renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
  const parsed = parseRows(spec, [header, ...candidates.map((offset) => cells[offset] ?? [])], mapping, {
    locale: book.spreadsheetLocale,
  });
  // parseRows numbers rows by their place in what it was given (the header is 1).
  return {
    rows: parsed.rows,
    rowNumbers: parsed.rowNumbers.map((given) => first + (candidates[given - 2] ?? 0)),
  };
}
