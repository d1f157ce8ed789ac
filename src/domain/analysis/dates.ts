// Calendar arithmetic for analysis. Days and months are counted on the local calendar
// (in Apps Script, the script's time zone), so a DST change never makes a day 23 hours long.

export const DAY_MS = 86_400_000;

export { isValidDate } from '../cells/result';

/** The calendar day of a date in the runtime's time zone (the script's, in Apps Script), as a day count. */
export function calendarDay(date: Date): number {
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
}

/** Whole calendar days from `earlier` to `later` (negative when `later` is before). */
export function calendarDaysBetween(earlier: Date, later: Date): number {
  return calendarDay(later) - calendarDay(earlier);
}

/** The same wall-clock time `days` calendar days later (fractions are rounded to whole days). */
export function addDays(date: Date, days: number): Date {
  const moved = new Date(date.getTime());
  moved.setDate(moved.getDate() + Math.round(days));
  return moved;
}

/** Local midnight starting the day of `date`. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Months since year 0, so month differences are plain subtraction. */
export function monthIndex(date: Date): number {
  return date.getFullYear() * 12 + date.getMonth();
}

/** `2026-03` for a month index. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `2026-03-09` on the local calendar. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Local midnight of a `YYYY-MM-DD` text, or null when it is not a real day. */
export function parseIsoDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}
