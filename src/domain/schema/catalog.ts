// The whole database: every sheet the add-on knows, and lookups by key and by localised name.
import { normaliseHeader } from './headers';
import { catalogEntry } from '../../i18n/labels';
import { CAMPAIGNS, DISCOUNT_CODES, SEGMENTS, SEND_TOTALS, SENDS, TEMPLATES } from './marketing';
import { CLIENTS, FEEDBACK, LOYALTY, ORDERS, REQUESTS } from './people';
import { PROBLEMS, SETTINGS } from './system';
import type { ColumnSpec, SheetKey, SheetSpec } from './types';

/** In the order the sheets are created (tabs left to right). */
export const SCHEMA: readonly SheetSpec[] = [
  CLIENTS,
  ORDERS,
  FEEDBACK,
  REQUESTS,
  LOYALTY,
  SEGMENTS,
  CAMPAIGNS,
  SENDS,
  SEND_TOTALS,
  TEMPLATES,
  DISCOUNT_CODES,
  SETTINGS,
  PROBLEMS,
];

export function sheetSpec(key: SheetKey): SheetSpec {
  const spec = SCHEMA.find((sheet) => sheet.key === key);
  if (!spec) throw new Error(`unknown sheet ${key}`);
  return spec;
}

export function columnSpec(sheet: SheetSpec, key: string): ColumnSpec {
  const spec = sheet.columns.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`sheet ${sheet.key} has no column ${key}`);
  return spec;
}

/**
 * Which schema sheet a tab name means, in either language: a workbook set up in ru keeps
 * working when the user's locale is en, and "clients " or "КЛИЕНТЫ" still match.
 */
export function sheetKeyForName(name: string): SheetKey | null {
  const folded = normaliseHeader(name);
  const match = SCHEMA.find((sheet) =>
    [...Object.values(catalogEntry(sheet.name)), sheet.key, ...(sheet.aliases ?? [])].some(
      (candidate) => normaliseHeader(candidate) === folded,
    ),
  );
  return match?.key ?? null;
}

/** The sheets a studio may keep under a name of its own ("Клиенты 2025", "Customers"), chosen in Settings. */
export const CHOSEN_SHEETS: readonly SheetKey[] = ['clients', 'orders'];

/** The Settings key naming the tab that holds `key`'s sheet. */
export function chosenSheetSetting(key: SheetKey): string {
  return `sheets.${key}`;
}

/** Per sheet, the tab Settings names for it (`sheets.clients`, `sheets.orders`); blank settings name none. */
export function chosenSheetNames(
  settings: readonly { key: string; value: unknown }[],
): Partial<Record<SheetKey, string>> {
  const chosen: Partial<Record<SheetKey, string>> = {};
  for (const key of CHOSEN_SHEETS) {
    const value = settings.find((setting) => setting.key === chosenSheetSetting(key))?.value;
    if (typeof value === 'string' && value.trim() !== '') chosen[key] = value.trim();
  }
  return chosen;
}

/**
 * The tab among `names` that holds the sheet: the one Settings chose when it exists, else exact localised
 * names first, then looser spellings.
 */
export function findSheetName(key: SheetKey, names: readonly string[], chosen?: string): string | null {
  const spec = sheetSpec(key);
  return (
    (chosen !== undefined && names.includes(chosen) ? chosen : undefined) ??
    names.find((name) => Object.values(catalogEntry(spec.name)).includes(name)) ??
    names.find((name) => sheetKeyForName(name) === key) ??
    null
  );
}
