// How a kept value becomes cell text and back: JSON whose dates survive, and records of one shape packed as a
// table (keys once). Pure: the Client cards tab (src/sheets/client-cards.ts) stores what this makes.
import { isDate } from '../cells';

/** Dates survive the JSON as `{"$d": ms}` (JSON would make them strings the reader cannot tell apart). */
const DATE = '$d';

export function encodeKept(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded: unknown) {
    const raw = this[key];
    if (isDate(raw)) return { [DATE]: Number.isNaN(raw.getTime()) ? null : raw.getTime() };
    return encoded;
  });
}

export function decodeKept(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && DATE in value) {
      const ms = (value as Record<string, unknown>)[DATE];
      return typeof ms === 'number' ? new Date(ms) : new Date(NaN);
    }
    return value;
  });
}

/** Records of one shape as a table: their keys once, then each record's values (dates as milliseconds). */
export interface PackedRecords {
  keys: string[];
  /** Which keys hold dates. */
  dates: number[];
  rows: unknown[][];
}

/** Packs records without the keys in `omit` (the client id every kept record shares): about a third the JSON. */
export function packRecords(records: readonly object[], omit: readonly string[] = []): PackedRecords {
  const keys: string[] = [];
  for (const record of records)
    for (const key of Object.keys(record)) if (!omit.includes(key) && !keys.includes(key)) keys.push(key);
  const dates = new Set<number>();
  const rows = records.map((record) =>
    keys.map((key, index) => {
      const value = (record as Record<string, unknown>)[key];
      if (!isDate(value)) return value === undefined ? null : value;
      dates.add(index);
      return Number.isNaN(value.getTime()) ? null : value.getTime();
    }),
  );
  return { keys, dates: [...dates].sort((a, b) => a - b), rows };
}

/** The records packRecords packed, each with `fixed` (the omitted keys' values) added. */
export function unpackRecords<T>(packed: PackedRecords, fixed: Readonly<Record<string, unknown>> = {}): T[] {
  const dates = new Set(packed.dates);
  return packed.rows.map((row) => {
    const record: Record<string, unknown> = { ...fixed };
    packed.keys.forEach((key, index) => {
      const value = row[index];
      record[key] = dates.has(index) && typeof value === 'number' ? new Date(value) : value;
    });
    return record as T;
  });
}

/**
 * Where a client's kept row is: the add-on's ids `C-<n>` on row n + 1, so the card finds it without
 * searching (whatever order Clients is sorted in). Null for other ids: those rows follow, found by search.
 */
export function keptRowOf(clientId: string): number | null {
  const match = /^C-(\d+)$/.exec(clientId);
  const n = match?.[1] ? Number(match[1]) : 0;
  return n >= 1 ? n + 1 : null;
}
