// Range.sort: reading Google's sort specs (a column number, {column, ascending}, or a list of them) and
// reordering the block's rows in place: numbers and dates, then text, then booleans, blanks always last.
import { AppsScriptError } from '../runtime';
import type { Box } from './a1';
import { signatureError } from './args';
import { cellAt, type SheetState } from './state';

export interface SortSpec {
  column: number;
  ascending: boolean;
}

/** The specs of `Range.sort(sortSpecObj)`; columns are sheet columns and must lie inside the range. */
export function sortSpecs(box: Box, sortSpecObj: unknown): SortSpec[] {
  const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((spec) => {
    if (typeof spec === 'number') return { column: spec, ascending: true };
    if (spec && typeof spec === 'object' && typeof (spec as { column?: unknown }).column === 'number') {
      return {
        column: (spec as { column: number }).column,
        ascending: (spec as { ascending?: boolean }).ascending !== false,
      };
    }
    throw signatureError('Range', 'sort', [sortSpecObj]);
  });
  for (const spec of specs) {
    if (spec.column < box.c || spec.column >= box.c + box.nc) {
      throw new AppsScriptError(`Column specified for sort is out of range: ${spec.column}`);
    }
  }
  return specs;
}

function sortKey(value: unknown): [number, number | string] {
  if (value === undefined || value === '') return [3, 0];
  if (typeof value === 'number') return [0, value];
  if (typeof value === 'object') return [0, (value as { d: number }).d];
  if (typeof value === 'boolean') return [2, value ? 1 : 0];
  return [1, String(value).toLowerCase()];
}

export function sortRows(sheet: SheetState, box: Box, specs: SortSpec[]): void {
  const rows = Array.from({ length: box.nr }, (_, i) =>
    Array.from({ length: box.nc }, (_, j) => cellAt(sheet, box.r + i, box.c + j)),
  );
  rows.sort((a, b) => {
    for (const spec of specs) {
      const [ka, va] = sortKey(a[spec.column - box.c]?.v);
      const [kb, vb] = sortKey(b[spec.column - box.c]?.v);
      if (ka === 3 || kb === 3) {
        if (ka !== kb) return ka === 3 ? 1 : -1; // blanks always last
        continue;
      }
      const order = ka !== kb ? ka - kb : va < vb ? -1 : va > vb ? 1 : 0;
      if (order !== 0) return spec.ascending ? order : -order;
    }
    return 0;
  });
  rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      const line = sheet.rows[box.r + i - 1] ?? (sheet.rows[box.r + i - 1] = []);
      line[box.c + j - 1] = cell;
    }),
  );
}
