// Setting up and repairing the database sheets from a migration plan, in batched calls.
import { translate } from '../i18n';
import { enumLabels, moneyNumberFormat } from '../domain/cells';
import {
  chosenSheetNames,
  planMigration,
  renamesFromSettings,
  SCHEMA,
  type MigrationPlan,
  type PlannedColumn,
  FORMATS,
  type WorkbookShape,
} from '../domain/schema';
import { findSheet, readTable } from './table';
import { withLock } from '../services/locks';
import { rememberLocale, type Workbook } from './workbook';
import { trimGrid } from './write';

/** Tabs and their header rows (one getValues of row 1 per tab). */
export function workbookShape(book: Workbook): WorkbookShape {
  const sheets = book.spreadsheet.getSheets().map((sheet) => {
    const width = sheet.getLastColumn();
    const headers = width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [];
    return { name: sheet.getName(), headers, frozenRows: sheet.getFrozenRows() };
  });
  return { locale: book.spreadsheetLocale, sheets };
}

/** Plans against the workbook as it is now, with column renames from Settings. */
export function planWorkbookMigration(
  book: Workbook,
  settings: readonly { key: string; value: unknown }[] = [],
): MigrationPlan {
  const renames = Object.fromEntries(SCHEMA.map((sheet) => [sheet.key, renamesFromSettings(settings, sheet.key)]));
  return planMigration(workbookShape(book), { renames, sheetNames: chosenSheetNames(settings) });
}

/** The studio's currency when Settings already names one (a repair); RUB, the default, on a first setup. */
function setupCurrency(book: Workbook): string {
  if (!findSheet(book, 'settings')) return 'RUB';
  const row = readTable(book, 'settings').rows.find((candidate) => candidate.values.key === 'core.currency');
  const value = row?.values.value;
  return typeof value === 'string' && value.trim() !== '' ? value : 'RUB';
}

export function applyMigration(book: Workbook, plan: MigrationPlan): void {
  if (plan.steps.length === 0) return;
  const money = moneyNumberFormat(setupCurrency(book));
  // The one place headers are written: the headers read before are stale now.
  delete book.headerCache;
  withLock('database', () => {
    for (const step of plan.steps) {
      if (step.kind === 'freezeHeader') {
        book.spreadsheet.getSheetByName(step.name)?.setFrozenRows(1);
        continue;
      }
      const sheet =
        step.kind === 'createSheet'
          ? book.spreadsheet.insertSheet(step.name, book.spreadsheet.getSheets().length)
          : book.spreadsheet.getSheetByName(step.name);
      if (!sheet) throw new Error(`sheet ${step.name} disappeared during setup`);
      // Before the columns are formatted, so only the kept grid gets formats and lists.
      if (step.kind === 'createSheet') trimGrid(sheet, 1, step.columns.length);
      writeColumns(sheet, step.columns, step.locale, money);
      if (step.kind === 'createSheet') sheet.setFrozenRows(1);
    }
  });
  book.locale = plan.locale;
  rememberLocale(book);
}

/** Headers in one setValues, then format and validation per column range. */
function writeColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: readonly PlannedColumn[],
  locale: 'ru' | 'en',
  money: string,
): void {
  const first = columns[0];
  if (!first) return;
  const last = first.position + columns.length - 1;
  if (last > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), last - sheet.getMaxColumns());
  const header = sheet.getRange(1, first.position, 1, columns.length);
  header.setValues([columns.map((column) => column.header)]).setFontWeight('bold');
  const derivedNote = translate(locale, 'database.derivedColumnNote');
  header.setNotes([columns.map((column) => (column.derived ? derivedNote : ''))]);
  header.setBackgrounds([columns.map((column) => (column.derived ? '#eeeeee' : '#ffffff'))]);
  const bodyRows = Math.max(sheet.getMaxRows() - 1, 1);
  for (const column of columns) {
    const body = sheet.getRange(2, column.position, bodyRows, 1);
    // Money columns show the studio's currency sign (the refresh keeps them in step with Settings).
    const format = column.numberFormat === FORMATS.money ? money : column.numberFormat;
    if (format) body.setNumberFormat(format);
    const rule = validationRule(column, locale);
    if (rule) body.setDataValidation(rule);
  }
}

export function validationRule(
  column: PlannedColumn,
  locale: 'ru' | 'en',
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const validation = column.validation;
  if (!validation) return null;
  // Invalid entries are allowed with a warning: the reader reports them, and pasting never fails.
  const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
  switch (validation.kind) {
    case 'list':
      return builder.requireValueInList(enumLabels(validation.enumKey, locale), true).build();
    case 'checkbox':
      return builder.requireCheckbox().build();
    case 'date':
      return builder.requireDate().build();
    case 'email':
      return builder.requireTextIsEmail().build();
    case 'number':
      if (validation.min !== undefined && validation.max !== undefined)
        return builder.requireNumberBetween(validation.min, validation.max).build();
      if (validation.min !== undefined) return builder.requireNumberGreaterThanOrEqualTo(validation.min).build();
      if (validation.max !== undefined) return builder.requireNumberLessThanOrEqualTo(validation.max).build();
      return builder.requireNumberBetween(-1e15, 1e15).build();
  }
}
