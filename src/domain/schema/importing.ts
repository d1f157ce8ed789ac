// Importing an old client list or order history: the sheet's own spec, loosened where an import may
// lack a column (clients are matched by email, so their id may be missing), and the merge rule.
import { isDate, type CellValue } from '../cells';
import { sheetSpec } from './catalog';
import type { SheetSpec } from './types';

export type ImportKind = 'clients' | 'orders';

/** Clients: keyed by email, id optional. Orders: keyed by id, as in the sheet. */
export function importSpec(kind: ImportKind): SheetSpec {
  const spec = sheetSpec(kind);
  if (kind === 'orders') return spec;
  return {
    ...spec,
    identity: ['email'],
    columns: spec.columns.map((column) =>
      column.key === 'id'
        ? { ...column, required: false }
        : column.key === 'email'
          ? { ...column, required: true }
          : column,
    ),
  };
}

const blank = (value: CellValue | undefined) => value === null || value === undefined || value === '';
const same = (a: CellValue | undefined, b: CellValue) => {
  const time = (value: unknown) => (isDate(value) ? value.getTime() : value);
  return time(a) === time(b);
};

/**
 * The cells an imported row changes on an existing record: non-blank values that differ, never the
 * identity, never derived columns. Blanks in the import never erase what the sheet has.
 */
export function importedChanges(
  existing: Readonly<Record<string, CellValue>>,
  incoming: Readonly<Record<string, CellValue>>,
  untouchable: ReadonlySet<string>,
): Record<string, CellValue> {
  const changes: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(incoming)) {
    if (untouchable.has(key) || blank(value) || same(existing[key], value)) continue;
    changes[key] = value;
  }
  return changes;
}
