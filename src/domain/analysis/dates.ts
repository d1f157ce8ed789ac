// Calendar arithmetic for analysis. Days and months are counted on the studio's calendar (the spreadsheet's
// time zone, src/domain/cells/dates.ts useStudioZone), so a DST change never makes a day 23 hours long.
import { wallParts, zonedDate } from '../cells/dates';

export const DAY_MS = 86_400_000;

export { isValidDate } from '../cells/result';

/** The calendar day of a date in the studio's time zone, as a day count. */
export function calendarDay(date: Date): number {
  const { year, month, day } = wallParts(date);
  return Math.round(Date.UTC(year, month, day) / DAY_MS);
}

/** Whole calendar days from `earlier` to `later` (negative when `later` is before). */
export function calendarDaysBetween(earlier: Date, later: Date): number {
  return calendarDay(later) - calendarDay(earlier);
}

/** The same wall-clock time `days` calendar days later (fractions are rounded to whole days). */
export function addDays(date: Date, days: number): Date {
  const wall = wallParts(date);
  return zonedDate(
    wall.year,
    wall.month,
    wall.day + Math.round(days),
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
  );
}

/** The studio's midnight starting the day of `date`. */
export function startOfDay(date: Date): Date {
  const { year, month, day } = wallParts(date);
  return zonedDate(year, month, day);
}

/** The studio's midnight on the 1st of the month `months` after the month of `date` (negative: before). */
export function monthStart(date: Date, months = 0): Date {
  const { year, month } = wallParts(date);
  return zonedDate(year, month + months, 1);
}

/** Whether `date` is exactly the studio's midnight on a 1st. */
export function isMonthStart(date: Date): boolean {
  return monthStart(date).getTime() === date.getTime();
}

/** Months since year 0, so month differences are plain subtraction. */
export function monthIndex(date: Date): number {
  const { year, month } = wallParts(date);
  return year * 12 + month;
}

/** `2026-03` for a month index. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `2026-03-09` on the studio's calendar. */
export function isoDay(date: Date): string {
  const { year, month, day } = wallParts(date);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `09:05`: the hour and minute on the studio's clock. */
export function clockTime(date: Date): string {
  const { hour, minute } = wallParts(date);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** How far before a midnight a birthday may sit and still be that day (see birthdayParts). */
const BIRTHDAY_SLACK_MS = 3 * 3_600_000;

/**
 * The year, month (0–11) and day of a birthday: a date cell, the sheet's midnight in the birth year. Read with
 * the zone's offset on that day of `referenceYear` (a year the run counts in anyway), not the birth year's:
 * asking every birth year's rules would cost Apps Script calls per distinct year (src/services/time-zone.ts).
 * The birth year's offset may differ (daylight saving time, a zone's changes since), so a time up to three hours
 * before a midnight counts as that midnight's day.
 */
export function birthdayParts(birthday: Date, referenceYear: number): { year: number; month: number; day: number } {
  const utcDay = new Date(birthday.getTime());
  const reference = Date.UTC(referenceYear, utcDay.getUTCMonth(), Math.min(utcDay.getUTCDate(), 28), 12);
  const wall = wallParts(new Date(reference));
  const offsetMs = Date.UTC(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second) - reference;
  const shifted = new Date(birthday.getTime() + offsetMs + BIRTHDAY_SLACK_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate() };
}

/** The studio's midnight on a birthday's day and month in `year` (28 February for 29 February in a common year). */
export function birthdayIn(year: number, birthday: Date): Date {
  const born = birthdayParts(birthday, year);
  const day = zonedDate(year, born.month, born.day);
  return wallParts(day).month === born.month ? day : zonedDate(year, born.month + 1, 0);
}

/** The studio's midnight of a `YYYY-MM-DD` text, or null when it is not a real day. */
export function parseIsoDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = zonedDate(year, month - 1, day);
  const wall = wallParts(date);
  return wall.year === year && wall.month === month - 1 && wall.day === day ? date : null;
}
