// Merged cells: only the top-left cell of a merge keeps a value.
import { AppsScriptError } from '../runtime';
import { boxContains, boxesOverlap, type Box } from './a1';
import { cellAt, type SheetState } from './state';

const PARTIAL = 'You must select all cells in a merged range to merge or unmerge them.';

export function mergeBox(sheet: SheetState, box: Box): void {
  if (box.nr === 1 && box.nc === 1) return;
  if (sheet.merges.some((m) => boxesOverlap(m, box) && !boxContains(box, m))) throw new AppsScriptError(PARTIAL);
  if (sheet.frozenRows > 0 && box.r <= sheet.frozenRows && box.r + box.nr - 1 > sheet.frozenRows) {
    throw new AppsScriptError("You can't merge frozen and non-frozen rows.");
  }
  if (sheet.frozenCols > 0 && box.c <= sheet.frozenCols && box.c + box.nc - 1 > sheet.frozenCols) {
    throw new AppsScriptError("You can't merge frozen and non-frozen columns.");
  }
  sheet.merges = sheet.merges.filter((m) => !boxContains(box, m));
  for (let r = box.r; r < box.r + box.nr; r += 1) {
    for (let c = box.c; c < box.c + box.nc; c += 1) {
      if (r === box.r && c === box.c) continue;
      const cell = cellAt(sheet, r, c);
      if (cell) {
        delete cell.v;
        delete cell.f;
      }
    }
  }
  sheet.merges.push({ ...box });
}

export function breakApartBox(sheet: SheetState, box: Box): void {
  if (sheet.merges.some((m) => boxesOverlap(m, box) && !boxContains(box, m))) throw new AppsScriptError(PARTIAL);
  sheet.merges = sheet.merges.filter((m) => !boxContains(box, m));
}
