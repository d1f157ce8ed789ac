// The Segments sheet's rows: saved segments by id (name and rules text). Every change is made under
// the database lock with the rows read inside it, so the row found is the row written.
import { nextId } from '../domain/schema';
import { withLock } from '../services/locks';
import { readTable } from './table';
import { findSheet } from './table';
import type { Workbook } from './workbook';
import { appendRows, updateRows } from './write';

/**
 * Writes the segment: the row with `id` gets these values, or, without an id, a new row with the next
 * id. Answers the id, or null when `id` names no row.
 */
export function saveSegmentRow(
  book: Workbook,
  id: string | undefined,
  values: { name: string; rules?: string },
): string | null {
  return withLock('database', () => {
    const segments = readTable(book, 'segments');
    if (id !== undefined) {
      const position = segments.rows.findIndex((row) => row.values.id === id);
      if (position === -1) return null;
      updateRows(
        book,
        'segments',
        [{ rowNumber: segments.rowNumbers[position] ?? 0, identity: { id }, values }],
        segments,
      );
      return id;
    }
    const newId = nextId(
      'S',
      segments.rows.map((row) => String(row.values.id ?? '')),
    );
    appendRows(book, 'segments', [{ id: newId, ...values }]);
    return newId;
  });
}

/** Deletes the segment's row; false when there is none. */
export function deleteSegmentRow(book: Workbook, id: string): boolean {
  return withLock('database', () => {
    const segments = readTable(book, 'segments');
    const position = segments.rows.findIndex((row) => row.values.id === id);
    const sheet = findSheet(book, 'segments');
    if (position === -1 || !sheet) return false;
    sheet.deleteRow(segments.rowNumbers[position] ?? 0); // found under the lock, so the row number is current
    return true;
  });
}
