// Finding each schema column in a header row staff may have reordered, renamed or extended.
import type { MessageKey } from '../../i18n';
import { catalogEntry } from '../../i18n/labels';
import type { Locale } from '../types';
import type { SheetKey, SheetSpec } from './types';

export interface SchemaProblem {
  code: MessageKey;
  params: Record<string, string | number>;
}

export interface ExtraColumn {
  header: string;
  /** 0-based position in the row. */
  index: number;
}

export interface HeaderMapping {
  sheet: SheetKey;
  /** 0-based position of every schema column found. */
  indexes: Record<string, number>;
  /** Schema columns not found, required or not (migration appends them). */
  missing: string[];
  missingRequired: string[];
  /** Later copies of a column already found; the first one is used. */
  duplicates: { key: string; index: number }[];
  /** Staff's own columns: kept and passed through, never written by the add-on. */
  extra: ExtraColumn[];
  problems: SchemaProblem[];
  /** The language most headers are written in; null when no header tells. */
  headerLocale: Locale | null;
}

/** Lower case, ё as е, letters and digits only: "E-mail " = "email", "ID клиента" = "idклиента". */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface MappingOptions {
  /** The user's language, for the problem messages. */
  locale: Locale;
  /** Headers staff renamed columns to, by column key (kept in Settings). */
  renames?: Readonly<Record<string, readonly string[]>>;
}

export function mapHeaders(spec: SheetSpec, headerRow: readonly unknown[], options: MappingOptions): HeaderMapping {
  const indexes: Record<string, number> = {};
  const duplicates: { key: string; index: number }[] = [];
  const unmatched: number[] = [];
  const votes: Record<Locale, number> = { en: 0, ru: 0 };
  const headers = headerRow.map((cell) => (cell === null || cell === undefined ? '' : String(cell).trim()));

  // Exact names (renames, either language, the key) first, so a loose alias never steals a column.
  headers.forEach((header, index) => {
    const folded = normaliseHeader(header);
    if (folded === '') return;
    const column = spec.columns.find((candidate) =>
      [
        ...(options.renames?.[candidate.key] ?? []),
        ...Object.values(catalogEntry(candidate.header)),
        candidate.key,
      ].some((name) => normaliseHeader(name) === folded),
    );
    if (!column) {
      unmatched.push(index);
      return;
    }
    if (column.key in indexes) {
      duplicates.push({ key: column.key, index });
      return;
    }
    indexes[column.key] = index;
    const names = catalogEntry(column.header);
    const en = normaliseHeader(names.en);
    const ru = normaliseHeader(names.ru);
    if (en !== ru && (folded === en || folded === ru)) votes[folded === en ? 'en' : 'ru'] += 1;
  });

  const extra: ExtraColumn[] = [];
  for (const index of unmatched) {
    const header = headers[index] ?? '';
    const folded = normaliseHeader(header);
    const column = spec.columns.find(
      (candidate) =>
        !(candidate.key in indexes) && (candidate.aliases ?? []).some((alias) => normaliseHeader(alias) === folded),
    );
    if (column) indexes[column.key] = index;
    else extra.push({ header, index });
  }

  const missing = spec.columns.filter((column) => !(column.key in indexes));
  const missingRequired = missing.filter((column) => column.required);
  const sheetName = catalogEntry(spec.name)[options.locale];
  const headerOf = (key: string) => {
    const header = spec.columns.find((column) => column.key === key)?.header;
    return header ? catalogEntry(header)[options.locale] : key;
  };
  const problems: SchemaProblem[] = [
    ...missingRequired.map((column) => ({
      code: 'schema.missingColumn' as const,
      params: { sheet: sheetName, column: catalogEntry(column.header)[options.locale] },
    })),
    ...duplicates.map((duplicate) => ({
      code: 'schema.duplicateColumn' as const,
      params: { sheet: sheetName, column: headerOf(duplicate.key) },
    })),
  ];
  const headerLocale = votes.en === 0 && votes.ru === 0 ? null : votes.ru > votes.en ? 'ru' : 'en';
  return {
    sheet: spec.key,
    indexes,
    missing: missing.map((column) => column.key),
    missingRequired: missingRequired.map((column) => column.key),
    duplicates,
    extra,
    problems,
    headerLocale,
  };
}

/** Settings rows `header.<sheet>.<column>` = "My header | Other spelling" become renames for that sheet. */
export function renamesFromSettings(
  settings: readonly { key: string; value: unknown }[],
  sheet: SheetKey,
): Record<string, string[]> {
  const prefix = `header.${sheet}.`;
  const renames: Record<string, string[]> = {};
  for (const setting of settings) {
    if (!setting.key.startsWith(prefix) || typeof setting.value !== 'string') continue;
    const names = setting.value
      .split('|')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (names.length > 0) renames[setting.key.slice(prefix.length)] = names;
  }
  return renames;
}
