// Dates as people type them. Date cells pass through; strings are read in the script's time zone.
import type { Locale } from '../types';
import { accept, isDate, reject, type CellResult } from './result';

export interface DateOptions {
  /** The spreadsheet's locale: "11/24/2026" is month-first only in en. */
  locale: Locale;
}

// Stems match every case: "ноября", "ноябрь", "нояб.", "November", "Nov".
const MONTH_STEMS: readonly (readonly string[])[] = [
  ['янв', 'jan'],
  ['фев', 'feb'],
  ['мар', 'mar'],
  ['апр', 'apr'],
  ['мая', 'май', 'may'],
  ['июн', 'jun'],
  ['июл', 'jul'],
  ['авг', 'aug'],
  ['сен', 'sep'],
  ['окт', 'oct'],
  ['ноя', 'nov'],
  ['дек', 'dec'],
];

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}(Z|[+-]\d{2}:?\d{2})?$`, 'i');
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s*г\.?)?${TIME}$`, 'i');
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})${TIME}$`, 'i');
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})\s+([\p{L}.]+)\s+(\d{4})(?:\s*(?:г\.?|года))?${TIME}$`, 'iu');
const MONTH_NAME_DAY = new RegExp(String.raw`^([\p{L}.]+)\s+(\d{1,2}),?\s+(\d{4})${TIME}$`, 'iu');

export function parseDate(raw: unknown, options: DateOptions): CellResult<Date | null> {
  if (raw === null || raw === undefined || raw === '') return accept(null);
  if (isDate(raw))
    return Number.isNaN(raw.getTime()) ? reject('cells.notADate', raw, { value: 'Invalid Date' }) : accept(raw);
  if (typeof raw !== 'string') return reject('cells.notADate', raw, { value: String(raw) });
  const text = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (text === '') return accept(null);
  const notADate = reject<Date | null>('cells.notADate', raw, { value: raw });

  const iso = ISO.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, zone] = iso;
    if (zone) {
      const instant = new Date(text.replace(' ', 'T'));
      return Number.isNaN(instant.getTime()) ? notADate : accept(instant);
    }
    return build(Number(year), Number(month), Number(day), hour, minute, second) ?? notADate;
  }
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const [, day, month, year, hour, minute, second] = dotted;
    return build(fullYear(year), Number(month), Number(day), hour, minute, second) ?? notADate;
  }
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [, first, second, year, hour, minute, sec] = slashed;
    const monthFirst = build(fullYear(year), Number(first), Number(second), hour, minute, sec);
    const dayFirst = build(fullYear(year), Number(second), Number(first), hour, minute, sec);
    if (monthFirst && dayFirst && first !== second) {
      // Both readings are real dates: only an en spreadsheet says which one is meant.
      return options.locale === 'en' ? monthFirst : reject('cells.dateAmbiguous', raw, { value: raw });
    }
    return monthFirst ?? dayFirst ?? notADate;
  }
  const dayName = DAY_MONTH_NAME.exec(text);
  if (dayName) {
    const [, day, name, year, hour, minute, second] = dayName;
    const month = monthFromName(name ?? '');
    return month === null ? notADate : (build(Number(year), month, Number(day), hour, minute, second) ?? notADate);
  }
  const nameDay = MONTH_NAME_DAY.exec(text);
  if (nameDay) {
    const [, name, day, year, hour, minute, second] = nameDay;
    const month = monthFromName(name ?? '');
    return month === null ? notADate : (build(Number(year), month, Number(day), hour, minute, second) ?? notADate);
  }
  return notADate;
}

/** Two-digit years: 00–69 are this century, 70–99 the last (as Sheets reads them). */
function fullYear(year: string | undefined): number {
  const value = Number(year);
  if ((year ?? '').length === 4) return value;
  return value < 70 ? 2000 + value : 1900 + value;
}

function monthFromName(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return null;
  const index = MONTH_STEMS.findIndex((stems) => stems.some((stem) => lower.startsWith(stem)));
  return index === -1 ? null : index + 1;
}

/** A date-time on the studio's clock, or null when a part is out of range (31.02, 25:00). */
function build(
  year: number,
  month: number,
  day: number,
  hour?: string,
  minute?: string,
  second?: string,
): CellResult<Date> | null {
  const h = Number(hour ?? 0);
  const m = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (month < 1 || month > 12 || day < 1 || h > 23 || m > 59 || s > 59) return null;
  const date = zonedDate(year, month - 1, day, h, m, s);
  const parts = wallParts(date);
  if (parts.year !== year || parts.month !== month - 1 || parts.day !== day) return null;
  return accept(date);
}

/**
 * The studio's time zone as calendar math needs it: minutes east of UTC at an instant (DST included). The
 * server sets it once per execution from the spreadsheet's zone (src/sheets/workbook.ts); until then it is
 * the runtime's own zone, which in Apps Script is the script's.
 */
export type ZoneOffset = (instantMs: number) => number;

const runtimeZone: ZoneOffset = (instantMs) => -new Date(instantMs).getTimezoneOffset();
let studioZone: ZoneOffset = runtimeZone;

/** Every day, hour and birthday below is counted in this zone from now on (null: the runtime's again). */
export function useStudioZone(offset: ZoneOffset | null): void {
  studioZone = offset ?? runtimeZone;
}

export interface WallClock {
  year: number;
  /** 0–11, as Date's. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** What a clock on the studio's wall shows at `date`. */
export function wallParts(date: Date): WallClock {
  const shifted = new Date(date.getTime() + studioZone(date.getTime()) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth(),
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
  };
}

/**
 * The instant the studio's clock shows this wall time; parts overflow as Date's do (day 0 is the last day of
 * the month before). A wall time skipped by a DST change lands an hour later, as Sheets reads it.
 */
export function zonedDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const wall = Date.UTC(year, month, day, hour, minute, second, ms);
  // The offset depends on the instant being found: a second pass settles it (offsets change at most once nearby).
  const first = wall - studioZone(wall) * 60_000;
  return new Date(wall - studioZone(first) * 60_000);
}
