// Switching the add-on's own words on a sheet to another language: its headers (never one staff renamed or
// added) and its list cells (statuses, channels, topics: a known option written in the other words). Pure.
import { catalogEntry } from '../../i18n/labels';
import { enumLabel, parseEnum } from '../cells/enums';
import type { Locale } from '../types';
import { mapHeaders } from './headers';
import type { SheetSpec } from './types';

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
  options: { renames?: Readonly<Record<string, readonly string[]>>; formulas?: readonly (readonly string[])[] } = {},
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
    if (column.type !== 'enum' || !column.enumKey) continue;
    for (let row = 1; row < out.length; row++) {
      const cells = out[row]!;
      const value = cells[index];
      if (typeof value !== 'string' || value.trim() === '' || hasFormula(row, index)) continue;
      const parsed = parseEnum(value, column.enumKey, target);
      if (!parsed.ok) continue;
      const label = enumLabel(column.enumKey, parsed.value, target);
      if (label !== value) {
        cells[index] = label;
        bodies.add(index);
      }
    }
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { rows: out, headerColumns: sorted(headers), bodyColumns: sorted(bodies) };
}
