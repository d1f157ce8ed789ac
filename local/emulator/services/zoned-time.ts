// Wall-clock time in a named time zone (IANA or Java's `GMT+03:00`): formatDate, trigger schedules, and Sheets' dates.

export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const FIXED_OFFSET = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for zone ids Java and Apps Script accept. */
export function isKnownTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  if (FIXED_OFFSET.test(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Milliseconds east of UTC in `timeZone` at instant `utcMs`, to the second: before standard time a zone keeps its
 * local mean time (Moscow in 1899 is +2:30:17), which Sheets' time-only cells (30 Dec 1899) carry.
 */
export function offsetMs(timeZone: string, utcMs: number): number {
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed) {
    if (!fixed[1]) return 0;
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return (fixed[1] === '-' ? -minutes : minutes) * 60000;
  }
  const whole = Math.floor(utcMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - whole;
}

/** Minutes east of UTC, rounded, as formatDate's `Z`/`X` show it. */
export function offsetMinutes(timeZone: string, utcMs: number): number {
  return Math.round(offsetMs(timeZone, utcMs) / 60000);
}

export function localTime(utcMs: number, timeZone: string): LocalTime {
  const shifted = new Date(utcMs + offsetMs(timeZone, utcMs));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant whose wall-clock time in `timeZone` is the given one (the later reading across a DST gap). */
export function instantOf(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  let guess = asUtc - offsetMs(timeZone, asUtc);
  guess = asUtc - offsetMs(timeZone, guess);
  return guess;
}
