// The `Date` a bundle sees: `new Date()` and `Date.now()` read the emulator clock, and every local-time reading
// (getHours, setDate, toString, new Date(y, m, d), parsing a string without a zone) is in the script's time zone,
// as on Google, whatever the Node process's own zone is. UTC methods, getTime and toISOString are Date's own.
import type { Clock } from './runtime';
import { offsetMs } from './services/zoned-time';

// Offsets change only at transitions, which fall on whole quarter hours: one lookup per zone and quarter hour.
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const offsetCache = new Map<string, Map<number, number>>();
function zoneOffset(timeZone: string, utcMs: number): number {
  let byQuarter = offsetCache.get(timeZone);
  if (!byQuarter) offsetCache.set(timeZone, (byQuarter = new Map()));
  const quarter = Math.floor(utcMs / QUARTER_HOUR_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    if (byQuarter.size > 50_000) byQuarter.clear();
    offset = offsetMs(timeZone, utcMs);
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** The instant whose wall clock in `timeZone` reads `wallMs` (a UTC-coded wall time); the later one across a gap. */
function instantOfWall(wallMs: number, timeZone: string): number {
  let guess = wallMs - zoneOffset(timeZone, wallMs);
  guess = wallMs - zoneOffset(timeZone, guess);
  return guess;
}

const nativeParse = Date.parse;
/** A string naming its zone (Z, ±hh:mm, GMT/UTC) or an ISO date alone (UTC by the standard) is an instant already. */
const ZONED = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC)\b.*)$|^\d{4}-\d{2}-\d{2}$|^[+-]\d{6}-\d{2}-\d{2}$/i;

function parseInZone(text: string, timeZone: string): number {
  const native = nativeParse(text);
  if (Number.isNaN(native) || ZONED.test(text.trim())) return native;
  // The host parsed it in the process's zone: read that wall clock back and place it in the script's zone.
  const d = new Date(native);
  const wall = Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
  return instantOfWall(wall, timeZone);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

export function createClockDate(clock: Clock, scriptTimeZone: () => string = () => 'UTC'): DateConstructor {
  /** The wall clock in the script's zone, as a Date whose UTC fields read it. */
  const wallOf = (date: Date): Date => {
    const time = date.getTime();
    return new NativeDate(Number.isNaN(time) ? NaN : time + zoneOffset(scriptTimeZone(), time));
  };
  const NativeDate = Date;

  class ClockDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else if (args.length === 1) {
        const [value] = args;
        super(typeof value === 'string' ? parseInZone(value, scriptTimeZone()) : (value as number | Date));
      } else {
        const parts = (args as number[]).map(Number);
        const year = parts[0] as number;
        const fullYear = Number.isInteger(year) && year >= 0 && year <= 99 ? 1900 + year : year;
        const wall = Date.UTC(
          fullYear,
          parts[1] as number,
          parts[2] ?? 1,
          parts[3] ?? 0,
          parts[4] ?? 0,
          parts[5] ?? 0,
          parts[6] ?? 0,
        );
        super(Number.isNaN(wall) ? NaN : instantOfWall(wall, scriptTimeZone()));
      }
    }
    static override now(): number {
      return clock.now();
    }
    static override parse(text: string): number {
      return parseInZone(String(text), scriptTimeZone());
    }

    override getFullYear(): number {
      return wallOf(this).getUTCFullYear();
    }
    override getMonth(): number {
      return wallOf(this).getUTCMonth();
    }
    override getDate(): number {
      return wallOf(this).getUTCDate();
    }
    override getDay(): number {
      return wallOf(this).getUTCDay();
    }
    override getHours(): number {
      return wallOf(this).getUTCHours();
    }
    override getMinutes(): number {
      return wallOf(this).getUTCMinutes();
    }
    override getSeconds(): number {
      return wallOf(this).getUTCSeconds();
    }
    override getMilliseconds(): number {
      return wallOf(this).getUTCMilliseconds();
    }
    override getTimezoneOffset(): number {
      const time = this.getTime();
      return Number.isNaN(time) ? NaN : -Math.round(zoneOffset(scriptTimeZone(), time) / 60000);
    }

    /** Changes the wall clock's fields with the UTC setter of the same name, then moves the instant to match. */
    private setWall(apply: (wall: Date) => number, fromNaN = false): number {
      const time = this.getTime();
      const wall = Number.isNaN(time) && fromNaN ? new NativeDate(0) : wallOf(this);
      const wallMs = apply(wall);
      return this.setTime(Number.isNaN(wallMs) ? NaN : instantOfWall(wallMs, scriptTimeZone()));
    }
    override setFullYear(year: number, month?: number, date?: number): number {
      const rest = [month, date].slice(0, Math.max(0, arguments.length - 1)) as number[];
      return this.setWall((w) => w.setUTCFullYear(year, ...(rest as [number, number])), true);
    }
    override setMonth(month: number, date?: number): number {
      const rest = [date].slice(0, Math.max(0, arguments.length - 1)) as number[];
      return this.setWall((w) => w.setUTCMonth(month, ...(rest as [number])));
    }
    override setDate(date: number): number {
      return this.setWall((w) => w.setUTCDate(date));
    }
    override setHours(hours: number, minutes?: number, seconds?: number, ms?: number): number {
      const rest = [minutes, seconds, ms].slice(0, Math.max(0, arguments.length - 1)) as number[];
      return this.setWall((w) => w.setUTCHours(hours, ...(rest as [number, number, number])));
    }
    override setMinutes(minutes: number, seconds?: number, ms?: number): number {
      const rest = [seconds, ms].slice(0, Math.max(0, arguments.length - 1)) as number[];
      return this.setWall((w) => w.setUTCMinutes(minutes, ...(rest as [number, number])));
    }
    override setSeconds(seconds: number, ms?: number): number {
      const rest = [ms].slice(0, Math.max(0, arguments.length - 1)) as number[];
      return this.setWall((w) => w.setUTCSeconds(seconds, ...(rest as [number])));
    }
    override setMilliseconds(ms: number): number {
      return this.setWall((w) => w.setUTCMilliseconds(ms));
    }

    override toString(): string {
      if (Number.isNaN(this.getTime())) return 'Invalid Date';
      return `${this.toDateString()} ${this.toTimeString()}`;
    }
    override toDateString(): string {
      if (Number.isNaN(this.getTime())) return 'Invalid Date';
      const w = wallOf(this);
      return `${WEEKDAYS[w.getUTCDay()]} ${MONTHS[w.getUTCMonth()]} ${pad(w.getUTCDate())} ${w.getUTCFullYear()}`;
    }
    override toTimeString(): string {
      if (Number.isNaN(this.getTime())) return 'Invalid Date';
      const w = wallOf(this);
      const offset = -this.getTimezoneOffset();
      const sign = offset < 0 ? '-' : '+';
      const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: scriptTimeZone(), timeZoneName: 'long' })
        .formatToParts(this)
        .find((p) => p.type === 'timeZoneName')?.value;
      const hhmmss = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
      return `${hhmmss} GMT${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}${zoneName ? ` (${zoneName})` : ''}`;
    }
    override toLocaleString(locales?: string | string[], options?: Intl.DateTimeFormatOptions): string {
      return super.toLocaleString(locales, { timeZone: scriptTimeZone(), ...options });
    }
    override toLocaleDateString(locales?: string | string[], options?: Intl.DateTimeFormatOptions): string {
      return super.toLocaleDateString(locales, { timeZone: scriptTimeZone(), ...options });
    }
    override toLocaleTimeString(locales?: string | string[], options?: Intl.DateTimeFormatOptions): string {
      return super.toLocaleTimeString(locales, { timeZone: scriptTimeZone(), ...options });
    }
  }
  // A plain function in front of the class, so `Date()` without `new` gives the current time as a string, as
  // the built-in does. (A Proxy with an apply trap did the same, but constructing through a Proxy costs ~5 µs
  // a date; every date cell read builds one.) It hands back the class's own instances, so the prototype,
  // statics and instanceof are the class's; a script's subclass goes the slow, general way.
  function DateGlobal(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new ClockDate().toString();
    if (new.target !== DateGlobal) return Reflect.construct(ClockDate, args, new.target);
    return new ClockDate(...args);
  }
  Object.setPrototypeOf(DateGlobal, ClockDate);
  Object.defineProperty(DateGlobal, 'prototype', { value: ClockDate.prototype, writable: false });
  Object.defineProperty(DateGlobal, 'name', { value: 'Date' });
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  return DateGlobal as unknown as DateConstructor;
}
