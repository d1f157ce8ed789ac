// Setup / repair: the migration plan applied, then the documented Settings defaults seeded once.
import { missingSettings, planMigration, renamesFromSettings, SCHEMA, settingsSeed } from '../domain/schema';
import { translate } from '../i18n';
import { withLock } from '../services/locks';
import { applyMigration, workbookShape } from './migrate';
import { readTable, settingEntries } from './table';
import { appendRows } from './write';
import type { Workbook } from './workbook';

export interface SetupReport {
  sheetsCreated: string[];
  columnsAdded: number;
  settingsAdded: number;
}

/** Creates what is missing, never touching what is there; a second run reports and changes nothing. */
export function setUpWorkbook(book: Workbook): SetupReport {
  return withLock('database', () => {
    const settings = settingEntries(book);
    const renames = Object.fromEntries(SCHEMA.map((sheet) => [sheet.key, renamesFromSettings(settings, sheet.key)]));
    const plan = planMigration(workbookShape(book), { renames });
    applyMigration(book, plan);
    delete book.settingsCache;
    const report: SetupReport = { sheetsCreated: [], columnsAdded: 0, settingsAdded: 0 };
    for (const step of plan.steps) {
      if (step.kind === 'createSheet') report.sheetsCreated.push(step.name);
      if (step.kind === 'appendColumns') report.columnsAdded += step.columns.length;
    }
    report.settingsAdded = seedSettings(book);
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
