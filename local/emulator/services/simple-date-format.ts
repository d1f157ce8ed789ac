// Java SimpleDateFormat patterns, as Utilities.formatDate takes them (English names, like Apps Script).
import { localTime, offsetMinutes } from './zoned-time';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export class PatternError extends Error {}

export function formatSimpleDate(utcMs: number, timeZone: string, pattern: string): string {
  const local = localTime(utcMs, timeZone);
  const offset = offsetMinutes(timeZone, utcMs);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      // Quoted text; a doubled quote is a literal quote, inside quotes or out.
      let j = i + 1;
      let literal = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          literal += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else literal += pattern[j++];
      }
      if (j === i + 1 && pattern[j] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      if (j >= pattern.length) throw new PatternError(`Unterminated quote in pattern: ${pattern}`);
      out += literal;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === ch) run += 1;
    out += field(ch, run, local, offset, utcMs, timeZone);
    i += run;
  }
  return out;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function field(
  ch: string,
  run: number,
  local: ReturnType<typeof localTime>,
  offset: number,
  utcMs: number,
  timeZone: string,
): string {
  switch (ch) {
    case 'G':
      return local.year > 0 ? 'AD' : 'BC';
    case 'y':
      return run === 2 ? pad(local.year % 100, 2) : pad(local.year, run);
    case 'Y': {
      // Java's week year: the last days of December in week 1 belong to the next year (the `YYYY` bug).
      const year = local.month === 12 && weekOfYear(local) === 1 ? local.year + 1 : local.year;
      return run === 2 ? pad(year % 100, 2) : pad(year, run);
    }
    case 'M':
    case 'L':
      if (run >= 4) return MONTHS[local.month - 1] as string;
      if (run === 3) return (MONTHS[local.month - 1] as string).slice(0, 3);
      return pad(local.month, run);
    case 'd':
      return pad(local.day, run);
    case 'D':
      return pad(dayOfYear(local), run);
    case 'E':
      return run >= 4 ? (WEEKDAYS[local.weekday] as string) : (WEEKDAYS[local.weekday] as string).slice(0, 3);
    case 'u':
      return pad(local.weekday === 0 ? 7 : local.weekday, run);
    case 'a':
      return local.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(local.hour, run);
    case 'k':
      return pad(local.hour === 0 ? 24 : local.hour, run);
    case 'K':
      return pad(local.hour % 12, run);
    case 'h':
      return pad(local.hour % 12 === 0 ? 12 : local.hour % 12, run);
    case 'm':
      return pad(local.minute, run);
    case 's':
      return pad(local.second, run);
    case 'S':
      return pad(local.millisecond, 3).slice(0, Math.max(run, 3)).padEnd(run, '0');
    case 'z':
      return shortZoneName(utcMs, timeZone, offset);
    case 'Z':
      return offsetText(offset, false);
    case 'X':
      if (offset === 0) return 'Z';
      if (run === 1) return offsetText(offset, false).slice(0, 3);
      return offsetText(offset, run >= 3);
    case 'w':
      return pad(weekOfYear(local), run);
    default:
      throw new PatternError(`Illegal pattern character '${ch}'`);
  }
}

function offsetText(offset: number, withColon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${withColon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function shortZoneName(utcMs: number, timeZone: string, offset: number): string {
  if (offset === 0 && /^(GMT|UTC|Etc\/(GMT|UTC))/.test(timeZone)) return timeZone.startsWith('UTC') ? 'UTC' : 'GMT';
  const javaName = JAVA_ZONE_NAMES[timeZone];
  if (javaName) return javaName;
  for (const locale of ['en-US', 'en-GB']) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
        .formatToParts(new Date(utcMs))
        .find((p) => p.type === 'timeZoneName');
      if (part && !/^(GMT|UTC)[+-]/.test(part.value)) return part.value;
    } catch {
      // a fixed-offset id Intl does not know: fall through to Java's GMT+hh:mm
    }
  }
  return `GMT${offsetText(offset, true)}`;
}

/** Java's abbreviations where Intl only knows `GMT+3` (zones without DST, so one name fits all year). */
const JAVA_ZONE_NAMES: Record<string, string> = {
  'Europe/Moscow': 'MSK',
  'Europe/Minsk': 'MSK',
  'Europe/Simferopol': 'MSK',
  'Europe/Volgograd': 'MSK',
  'Asia/Yekaterinburg': 'YEKT',
  'Asia/Novosibirsk': 'NOVT',
  'Asia/Vladivostok': 'VLAT',
  'Asia/Almaty': 'ALMT',
  'Asia/Tbilisi': 'GET',
  'Asia/Dubai': 'GST',
  'Asia/Tokyo': 'JST',
  'Asia/Kolkata': 'IST',
  'Asia/Shanghai': 'CST',
};

function dayOfYear(local: { year: number; month: number; day: number }): number {
  return Math.round((Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(local.year, 0, 1)) / 86400000) + 1;
}

/** Java's WEEK_OF_YEAR in the US convention: weeks start on Sunday, week 1 holds January 1. */
export function weekOfYear(local: { year: number; month: number; day: number }): number {
  const jan1Weekday = new Date(Date.UTC(local.year, 0, 1)).getUTCDay();
  const week = Math.floor((dayOfYear(local) - 1 + jan1Weekday) / 7) + 1;
  // The last days of December belong to week 1 of the next year when that week holds its January 1.
  const dec31 = new Date(Date.UTC(local.year, 11, 31)).getUTCDay();
  if (local.month === 12 && local.day > 31 - (dec31 + 1) && dec31 < 6) return 1;
  return week;
}
