// The add-on's own tabs, headers and list cells in the staff's new language, after core.locale changes.
// Staff's columns, renamed headers, chosen tabs and every other value stay as they are (src/domain/schema/relabel.ts).
import { catalogEntry } from '../i18n/labels';
import type { Locale } from '../domain/types';
import {
  relabelTable,
  renamesFromSettings,
  SCHEMA,
  sheetSpec,
  type ColumnSpec,
  type RelabelResult,
  type SettingEntry,
  type SheetSpec,
} from '../domain/schema';
import { chosenSheetNames } from '../domain/schema';
import { withLock } from '../services/locks';
import { validationRule } from './migrate';
import { findSheet, settingEntries } from './table';
import type { Workbook } from './workbook';

export interface RelabelReport {
  renamedTabs: number;
  changedSheets: number;
}

/**
 * `sentence` renders a ledger Reason code in the target language (the server's words for it).
 * One read of values and formulas per sheet. Writes: the header row's changed span, and each list column's
 * changed rows. Never the whole sheet: writing back a value read as text ("1", "007") would turn it into a number.
 */
export function relabelWorkbook(
  book: Workbook,
  target: Locale,
  sentence?: (code: string) => string | null,
): RelabelReport {
  const report: RelabelReport = { renamedTabs: 0, changedSheets: 0 };
  const settings = settingEntries(book);
  const chosen = chosenSheetNames(settings);
  withLock('database', () => {
    for (const spec of SCHEMA) {
      const sheet = findSheet(book, spec.key);
      if (!sheet) continue;
      const names = catalogEntry(spec.name);
      // A tab staff chose (Settings sheets.*) or named themselves keeps its name; the add-on's own follows the language.
      const own = chosen[spec.key] !== sheet.getName() && [names.ru, names.en].includes(sheet.getName());
      if (own && sheet.getName() !== names[target] && !book.spreadsheet.getSheetByName(names[target])) {
        sheet.setName(names[target]);
        report.renamedTabs += 1;
      }
      if (relabelCells(sheet, spec, target, settings, sentence)) report.changedSheets += 1;
    }
  });
  // The Dashboard and the client cards' store are the add-on's tabs too (not schema sheets).
  for (const key of ['analysis.dashboard.sheetName', 'sheet.clientCards'] as const) {
    const names = catalogEntry(key);
    const old = book.spreadsheet.getSheetByName(names[target === 'ru' ? 'en' : 'ru']);
    if (old && !book.spreadsheet.getSheetByName(names[target])) {
      old.setName(names[target]);
      report.renamedTabs += 1;
    }
  }
  delete book.headerCache;
  book.locale = target;
  return report;
}

/** One sheet's headers and words in the target language; true when a cell changed. */
function relabelCells(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  spec: SheetSpec,
  target: Locale,
  settings: readonly SettingEntry[],
  sentence?: (code: string) => string | null,
): boolean {
  if (sheet.getLastRow() === 0 || sheet.getLastColumn() === 0) return false;
  const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
  const values = range.getValues();
  const formulas = range.getFormulas();
  const result = relabelTable(spec, values, target, {
    renames: renamesFromSettings(settings, spec.key),
    formulas,
    ...(sentence ? { sentence } : {}),
  });
  if (result.headerColumns.length === 0 && result.bodyColumns.length === 0) return false;
  writeChanged(sheet, values, result);
  // The dropdowns offer the new words, so the rewritten cells are valid ones.
  const header = result.rows[0] ?? [];
  for (const column of spec.columns) relistColumn(sheet, header, column, target);
  return true;
}

/**
 * After a repair added the ledger's Reason code column: the old Reason cells' bracketed machine part moves into
 * it and the cell keeps the sentence alone (rendered again in the workbook's language). True when a cell changed.
 */
export function moveLedgerCodes(book: Workbook, sentence: (code: string) => string | null): boolean {
  return withLock('database', () => {
    const sheet = findSheet(book, 'loyalty');
    return sheet ? relabelCells(sheet, sheetSpec('loyalty'), book.locale, settingEntries(book), sentence) : false;
  });
}

function writeChanged(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  before: readonly (readonly unknown[])[],
  result: RelabelResult,
): void {
  const header = result.rows[0] ?? [];
  const first = result.headerColumns[0];
  const last = result.headerColumns.at(-1);
  if (first !== undefined && last !== undefined)
    sheet.getRange(1, first + 1, 1, last - first + 1).setValues([header.slice(first, last + 1)]);
  for (const column of result.bodyColumns) {
    const rows = result.rows.map((row, index) => (index > 0 && row[column] !== before[index]?.[column] ? index : -1));
    const changed = rows.filter((index) => index > 0);
    const top = Math.min(...changed);
    const bottom = Math.max(...changed);
    sheet
      .getRange(top + 1, column + 1, bottom - top + 1, 1)
      .setValues(result.rows.slice(top, bottom + 1).map((row) => [row[column]]));
  }
}

function relistColumn(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  header: readonly unknown[],
  column: ColumnSpec,
  target: Locale,
): void {
  if (column.validation?.kind !== 'list') return;
  const index = header.indexOf(catalogEntry(column.header)[target]);
  if (index < 0) return;
  // Only a dropdown the add-on put there (setup's own columns): a column staff made keeps its validation or none.
  const existing = sheet.getRange(2, index + 1).getDataValidation();
  if (!existing || existing.getCriteriaType() !== SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST) return;
  const rule = validationRule(
    { key: column.key, header: '', position: index + 1, validation: column.validation },
    target,
  );
  if (rule) sheet.getRange(2, index + 1, Math.max(sheet.getMaxRows() - 1, 1), 1).setDataValidation(rule);
}
