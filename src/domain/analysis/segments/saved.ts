// Staff's segments as kept in the Segments sheet: readable rules text, parsed back on every read.
import type { Segment } from './model';
import { checkSegmentText, type SegmentProblem } from './validate';

export interface SavedSegmentRow {
  id: string;
  name: string;
  /** The readable rules text, as in the sheet. */
  rules: string;
  /** 1-based sheet row. */
  row: number;
}

export type SavedSegment =
  (SavedSegmentRow & { ok: true; segment: Segment }) | (SavedSegmentRow & { ok: false; problems: SegmentProblem[] });

/** Every row becomes a segment or a list of problems: one bad row never hides the others. */
export function readSavedSegments(
  rows: readonly SavedSegmentRow[],
  extraHeaders: readonly string[] = [],
): SavedSegment[] {
  return rows.map((row) => {
    const checked = checkSegmentText(row.rules, extraHeaders);
    if (!checked.ok) return { ...row, ok: false, problems: checked.problems };
    return { ...row, ok: true, segment: { id: row.id, name: row.name, ...checked.group } };
  });
}
