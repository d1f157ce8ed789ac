// Switching the add-on's own words on a sheet to another language: its headers (never one staff renamed or
// added) and its list cells (statuses, channels, topics, skip reasons and their counts: a known option written in
// the other words), and sentences kept apart from their machine part (the ledger's Reason) re-rendered. Pure.
import { catalogEntry } from '../../i18n/labels';
import { countsCell, enumLabel, parseCounts, parseEnum } from '../cells/enums';
import { splitLedgerReason } from '../loyalty/ledger';
import type { Locale } from '../types';
import { mapHeaders } from './headers';
import type { ColumnSpec, SheetSpec } from './types';

export interface RelabelResult {
  /** The grid with the new words; every other cell as it was. */
  rows: unknown[][];
  /** 0-based columns whose header changed. */
  headerColumns: number[];
  /** 0-based list columns where at least one body cell changed. */
  bodyColumns: number[];
}

/**
 * `rows[0]` is the header row. A header changes only when it is the add-on's own header in either language;
 * a list cell only when it reads as one of the list's options; a cell with a formula (`formulas[r][c]`) never.
 * Running it again on its own result changes nothing.
 */
export function relabelTable(
  spec: SheetSpec,
  rows: readonly (readonly unknown[])[],
  target: Locale,
  options: {
    renames?: Readonly<Record<string, readonly string[]>>;
    formulas?: readonly (readonly string[])[];
    /** A machine part (`suffixOf` columns: the ledger's Reason code) as a sentence in the target language, or null. */
    sentence?: (code: string) => string | null;
  } = {},
): RelabelResult {
  const out = rows.map((row) => [...row]);
  const header = out[0] ?? [];
  const mapping = mapHeaders(spec, header, {
    locale: target,
    ...(options.renames ? { renames: options.renames } : {}),
  });
  const headers = new Set<number>();
  const bodies = new Set<number>();
  const hasFormula = (row: number, column: number) => (options.formulas?.[row]?.[column] ?? '') !== '';
  for (const column of spec.columns) {
    const index = mapping.indexes[column.key];
    if (index === undefined) continue;
    const names = catalogEntry(column.header);
    const current = header[index];
    const own = typeof current === 'string' && [names.ru, names.en].some((name) => name === current.trim());
    if (own && current !== names[target] && !hasFormula(0, index)) {
      header[index] = names[target];
      headers.add(index);
    }
    const words = wordsIn(column, target);
    if (!words) continue;
    for (let row = 1; row < out.length; row++) {
      const cells = out[row]!;
      const value = cells[index];
      if (typeof value !== 'string' || value.trim() === '' || hasFormula(row, index)) continue;
      const label = words(value);
      if (label !== null && label !== value) {
        cells[index] = label;
        bodies.add(index);
      }
    }
  }
  for (const column of spec.columns) {
    const into = column.suffixOf === undefined ? undefined : mapping.indexes[column.suffixOf];
    if (into === undefined || !options.sentence) continue;
    const codeAt = mapping.indexes[column.key];
    for (let row = 1; row < out.length; row++) {
      const cells = out[row]!;
      const text = cells[into];
      if (typeof text !== 'string' || hasFormula(row, into)) continue;
      let code = codeAt === undefined ? '' : String(cells[codeAt] ?? '').trim();
      // A cell written before the code column keeps its machine part as a suffix: moved into the column now.
      const moved = code === '' && codeAt !== undefined && !hasFormula(row, codeAt);
      if (code === '') code = splitLedgerReason(text).code;
      if (code === '') continue;
      const sentence = options.sentence(code);
      if (sentence === null) continue;
      if (moved) {
        cells[codeAt] = code;
        bodies.add(codeAt);
      }
      const cell = codeAt === undefined ? `${sentence} [${code}]` : sentence;
      if (cell !== text) {
        cells[into] = cell;
        bodies.add(into);
      }
    }
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { rows: out, headerColumns: sorted(headers), bodyColumns: sorted(bodies) };
}

/**
 * How a column's cell reads in the target language, or null to leave it: a list cell that is one of the options,
 * a counts cell every part of which reads as `label: n`. Null for columns without list words.
 */
function wordsIn(column: ColumnSpec, target: Locale): ((value: string) => string | null) | null {
  const list = column.type === 'enum' ? column.enumKey : undefined;
  if (list)
    return (value) => {
      const parsed = parseEnum(value, list, target);
      return parsed.ok ? enumLabel(list, parsed.value, target) : null;
    };
  const counted = column.countsOf;
  if (counted)
    return (value) => {
      const parsed = parseCounts(value, counted);
      return parsed.complete ? countsCell(counted, parsed.counts, target) : null;
    };
  return null;
}
