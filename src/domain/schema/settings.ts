// Settings rows (key, value) read into typed values: each area keeps its own defaults object and
// takes overrides from the keys `<area>.<field>`; a bad value is reported and the default kept.
import { parseCell, quoteCell, type CellType, type CellValue } from '../cells';
import type { Locale } from '../types';
import type { SchemaProblem } from './headers';
import { parseReadableSetting } from './readable-settings';

export interface SettingEntry {
  key: string;
  /** The cell as read (text for the Settings sheet). */
  value: CellValue;
}

export interface SettingsOverrides<T> {
  overrides: Partial<T>;
  problems: SchemaProblem[];
}

/**
 * Overrides for the primitive fields of `defaults` (number, boolean, string) and, given as JSON,
 * its arrays and objects. Keys are `<prefix>.<field>`; blank values are "not set".
 */
export function overridesFrom<T extends object>(
  entries: readonly SettingEntry[],
  defaults: T,
  prefix: string,
  locale: Locale,
): SettingsOverrides<T> {
  const overrides: Partial<T> = {};
  const problems: SchemaProblem[] = [];
  for (const field of Object.keys(defaults) as (keyof T & string)[]) {
    const key = `${prefix}.${field}`;
    const entry = entries.find((candidate) => candidate.key === key);
    if (!entry || entry.value === null || entry.value === '') continue;
    const parsed = settingValue(entry.value, defaults[field], locale);
    if (parsed === undefined)
      problems.push({ code: 'settings.invalid', params: { key, value: quoteCell(entry.value) } });
    else overrides[field] = parsed as T[keyof T & string];
  }
  return { overrides, problems };
}

/** The value in the default's type, or undefined when it cannot be read as one. */
export function settingValue(raw: CellValue, fallback: unknown, locale: Locale): unknown {
  const type: CellType | 'json' | null =
    typeof fallback === 'number'
      ? 'number'
      : typeof fallback === 'boolean'
        ? 'boolean'
        : typeof fallback === 'string'
          ? 'text'
          : typeof fallback === 'object' && fallback !== null
            ? 'json'
            : null;
  if (type === null) return undefined;
  if (type === 'json') {
    // Tables (tiers, discounts) are stored as readable text; JSON from older sheets still reads.
    if (typeof raw === 'string' && !/^\s*[[{]/.test(raw)) return parseReadableSetting(raw, fallback, locale);
    try {
      const value: unknown = JSON.parse(String(raw));
      return Array.isArray(value) === Array.isArray(fallback) && typeof value === 'object' && value !== null
        ? value
        : undefined;
    } catch {
      return undefined;
    }
  }
  const result = parseCell(raw, { type }, { locale });
  return result.ok && result.value !== null ? result.value : undefined;
}

/** The settings every area shares. */
export interface CoreSettings {
  /** The language the workbook and staff messages use. */
  locale: Locale;
  studioName: string;
  currency: string;
  /** Version of the consent text clients agree to; stored with each consent. */
  consentVersion: string;
}

export const DEFAULT_CORE_SETTINGS: Readonly<CoreSettings> = {
  locale: 'ru',
  studioName: 'Studio',
  currency: 'RUB',
  consentVersion: '1',
};

export function coreSettings(
  entries: readonly SettingEntry[],
  spreadsheetLocale: Locale,
): SettingsOverrides<CoreSettings> & { settings: CoreSettings } {
  const read = overridesFrom(
    entries,
    { ...DEFAULT_CORE_SETTINGS, locale: spreadsheetLocale },
    'core',
    spreadsheetLocale,
  );
  const locale = read.overrides.locale;
  if (locale !== undefined && locale !== 'ru' && locale !== 'en') {
    read.problems.push({ code: 'settings.invalid', params: { key: 'core.locale', value: String(locale) } });
    delete read.overrides.locale;
  }
  return { ...read, settings: { ...DEFAULT_CORE_SETTINGS, locale: spreadsheetLocale, ...read.overrides } };
}
