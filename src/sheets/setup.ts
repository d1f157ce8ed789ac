// Setup / repair: the migration plan applied, then the documented Settings defaults seeded once.
import {
  chosenSheetNames,
  missingSettings,
  planIdAdoption,
  planMigration,
  renamesFromSettings,
  SCHEMA,
  settingsSeed,
  sheetKeyForName,
  type SettingEntry,
  type SheetKey,
} from '../domain/schema';
import { translate } from '../i18n';
import { withLock } from '../services/locks';
import { applyMigration, workbookShape } from './migrate';
import { readTable, settingEntries } from './table';
import { findSheet } from './table';
import { appendRows, trimGrid } from './write';
import type { Workbook } from './workbook';

export interface SetupReport {
  sheetsCreated: string[];
  columnsAdded: number;
  settingsAdded: number;
  /** Records of a hand-kept sheet that had no id and got one. */
  idsAssigned: number;
}

/** The sheets staff may bring their own rows to, and the prefix of the ids setup gives those rows. */
const ADOPTED: readonly { sheet: SheetKey; prefix: string }[] = [
  { sheet: 'clients', prefix: 'C' },
  { sheet: 'orders', prefix: 'O' },
];

/** Creates what is missing, never touching what is there; a second run reports and changes nothing. */
export function setUpWorkbook(book: Workbook): SetupReport {
  return withLock('database', () => {
    const settings = settingEntries(book);
    const renames = Object.fromEntries(SCHEMA.map((sheet) => [sheet.key, renamesFromSettings(settings, sheet.key)]));
    const plan = planMigration(workbookShape(book), { renames, sheetNames: chosenSheetNames(settings) });
    applyMigration(book, plan);
    delete book.settingsCache;
    const report: SetupReport = { sheetsCreated: [], columnsAdded: 0, settingsAdded: 0, idsAssigned: 0 };
    for (const step of plan.steps) {
      if (step.kind === 'createSheet') report.sheetsCreated.push(step.name);
      if (step.kind === 'appendColumns') report.columnsAdded += step.columns.length;
    }
    report.settingsAdded = seedSettings(book);
    for (const { sheet, prefix } of ADOPTED) report.idsAssigned += adoptRows(book, sheet, prefix);
    tidyGrid(book, settings);
    return report;
  });
}

/** Adds the default Settings rows that are missing, in one append; returns how many. */
export function seedSettings(book: Workbook): number {
  // Raw key cells, so a row whose value is unreadable still counts as present and is never re-added.
  const table = readTable(book, 'settings');
  const keyIndex = table.mapping?.indexes.key ?? 0;
  const missing = missingSettings(
    settingsSeed(),
    table.values.slice(1).map((cells) => String(cells[keyIndex] ?? '').trim()),
  );
  appendRows(
    book,
    'settings',
    missing.map(({ key, value, valueKey, description }) => ({
      key,
      value: valueKey ? translate(book.locale, valueKey) : value,
      description: translate(book.locale, description),
    })),
  );
  if (missing.length > 0) delete book.settingsCache;
  return missing.length;
}

/**
 * Ids for the rows of a hand-kept sheet that have none, so every record is read (a row without its
 * identity is skipped as a title). One setValues per run of adjacent rows; returns how many.
 */
function adoptRows(book: Workbook, key: SheetKey, prefix: string): number {
  const table = readTable(book, key);
  const idIndex = table.mapping?.indexes.id;
  const sheet = findSheet(book, key);
  if (idIndex === undefined || !sheet) return 0;
  const assignments = planIdAdoption(table.values, idIndex, prefix);
  let start = 0;
  while (start < assignments.length) {
    let end = start + 1;
    while (end < assignments.length && assignments[end]?.row === (assignments[end - 1]?.row ?? 0) + 1) end += 1;
    const run = assignments.slice(start, end);
    sheet.getRange(run[0]?.row ?? 2, idIndex + 1, run.length, 1).setValues(run.map((assignment) => [assignment.id]));
    start = end;
  }
  return assignments.length;
}

/** The name Google gives a new spreadsheet's first sheet, in the languages the add-on meets. */
const DEFAULT_FIRST_SHEETS: readonly string[] = ['Sheet1', 'Лист1', 'Аркуш1', 'Tabellenblatt1'];

/**
 * Google counts every grid cell against the workbook's 10 M: the add-on's sheets keep no empty grid
 * beyond their margin (a workbook set up before trimming shrinks on its next repair), and the new
 * spreadsheet's first sheet goes when nothing was ever put in it. Staff's other sheets are left alone.
 */
function tidyGrid(book: Workbook, settings: readonly SettingEntry[]): void {
  const chosen = new Set(Object.values(chosenSheetNames(settings)));
  const sheets = book.spreadsheet.getSheets();
  let count = sheets.length;
  for (const sheet of sheets) {
    const name = sheet.getName();
    if (chosen.has(name) || sheetKeyForName(name) !== null) trimGrid(sheet, sheet.getLastRow(), sheet.getLastColumn());
    else if (
      DEFAULT_FIRST_SHEETS.includes(name) &&
      count > 1 &&
      sheet.getLastRow() === 0 &&
      sheet.getLastColumn() === 0 &&
      sheet.getCharts().length === 0
    ) {
      book.spreadsheet.deleteSheet(sheet);
      count -= 1;
    }
  }
}
