// Display text of a cell: the number format patterns Sheets accepts (`0.00`, `#,##0`, `0%`,
// `dd.MM.yyyy`, `@`, …) applied in the spreadsheet's locale and time zone.
import { localTime as wallTime, type LocalTime as WallTime } from '../services/zoned-time';
import type { LocaleRules } from './locale';
import type { StoredValue } from './state';

/** What getNumberFormat returns for a cell nobody formatted. */
export const GENERAL_FORMAT = '0.###############';

export interface DisplayContext {
  rules: LocaleRules;
  timeZone: string;
  locale: string;
}

const DAY_MS = 86_400_000;
const SERIAL_ZERO = Date.UTC(1899, 11, 30);

export function displayText(value: StoredValue | undefined, format: string | undefined, ctx: DisplayContext): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? ctx.rules.trueWord : ctx.rules.falseWord;
  const pattern =
    format && format !== GENERAL_FORMAT && format !== '@' && format.toLowerCase() !== 'general' ? format : null;
  if (typeof value === 'object') {
    const wall = wallTime(value.d, ctx.timeZone);
    if (pattern && isDatePattern(pattern)) return formatDate(pattern, wall, ctx);
    if (pattern) return formatNumber(serialOf(wall), pattern, ctx.rules);
    return formatDate(ctx.rules.defaultDateTime, wall, ctx);
  }
  if (pattern && isDatePattern(pattern)) return formatDate(pattern, wallOfSerial(value), ctx);
  if (pattern) return formatNumber(value, pattern, ctx.rules);
  return generalNumber(value, ctx.rules);
}

function serialOf(wall: WallTime): number {
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  return (utc - SERIAL_ZERO) / DAY_MS;
}

function wallOfSerial(serial: number): WallTime {
  const at = new Date(SERIAL_ZERO + Math.round(serial * DAY_MS));
  return {
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
    millisecond: at.getUTCMilliseconds(),
    weekday: at.getUTCDay(),
  };
}

function generalNumber(value: number, rules: LocaleRules): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const text = String(Number(value.toPrecision(10)));
  return text.replace('.', rules.decimal).replace('e+', 'E+').replace('e-', 'E-');
}

/** Splits a pattern into literal text and format code, honouring quotes and backslashes. */
function tokenize(pattern: string): Array<{ literal: boolean; text: string }> {
  const tokens: Array<{ literal: boolean; text: string }> = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end < 0 ? pattern.length : end;
      tokens.push({ literal: true, text: pattern.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      tokens.push({ literal: true, text: pattern[i + 1]! });
      i += 1;
    } else {
      tokens.push({ literal: false, text: ch });
    }
  }
  return tokens;
}

function codeOnly(pattern: string): string {
  return tokenize(pattern)
    .filter((t) => !t.literal)
    .map((t) => t.text)
    .join('');
}

export function isDatePattern(pattern: string): boolean {
  return /[dyhs]|m/i.test(codeOnly(pattern).replace(/AM\/PM|A\/P/gi, ''));
}

function monthName(month: number, style: 'short' | 'long', locale: string): string {
  const tag = locale.replace('_', '-');
  return new Intl.DateTimeFormat(tag, { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

function weekdayName(weekday: number, style: 'short' | 'long', locale: string): string {
  const tag = locale.replace('_', '-');
  return new Intl.DateTimeFormat(tag, { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, 0, 2 + weekday)),
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDate(pattern: string, wall: WallTime, ctx: DisplayContext): string {
  const code = codeOnly(pattern);
  const twelveHour = /AM\/PM|A\/P/i.test(code);
  // Group consecutive equal letters into runs so `dd`, `MMM`, `yyyy` read as one field.
  const runs: Array<{ literal: boolean; text: string }> = [];
  const tokens = tokenize(pattern);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const rest = tokens
      .slice(i)
      .map((t) => (t.literal ? '\u0000' : t.text))
      .join('');
    const ampm = /^(AM\/PM|A\/P)/i.exec(rest);
    if (!token.literal && ampm) {
      runs.push({ literal: false, text: ampm[1]! });
      i += ampm[1]!.length - 1;
      continue;
    }
    const last = runs[runs.length - 1];
    if (
      !token.literal &&
      /[a-z]/i.test(token.text) &&
      last &&
      !last.literal &&
      last.text[0]!.toLowerCase() === token.text.toLowerCase()
    )
      last.text += token.text;
    else runs.push({ ...token });
  }
  const kinds = runs.map((run) => (run.literal ? '' : run.text[0]!.toLowerCase()));
  return runs
    .map((run, i) => {
      if (run.literal) return run.text;
      const n = run.text.length;
      switch (kinds[i]) {
        case 'y':
          return n <= 2 ? pad(wall.year % 100, 2) : String(wall.year);
        case 'd':
          if (n >= 4) return weekdayName(wall.weekday, 'long', ctx.locale);
          if (n === 3) return weekdayName(wall.weekday, 'short', ctx.locale);
          return n === 2 ? pad(wall.day, 2) : String(wall.day);
        case 'h': {
          const hour = twelveHour ? ((wall.hour + 11) % 12) + 1 : wall.hour;
          return n >= 2 ? pad(hour, 2) : String(hour);
        }
        case 's':
          return n >= 2 ? pad(wall.second, 2) : String(wall.second);
        case 'm': {
          const before = kinds
            .slice(0, i)
            .filter((k) => 'ydhs'.includes(k) && k !== '')
            .pop();
          const after = kinds.slice(i + 1).find((k) => 'ydhms'.includes(k) && k !== '');
          const isMinute = n <= 2 && (before === 'h' || after === 's');
          if (isMinute) return n === 2 ? pad(wall.minute, 2) : String(wall.minute);
          if (n >= 4) return monthName(wall.month, 'long', ctx.locale);
          if (n === 3) return monthName(wall.month, 'short', ctx.locale);
          return n === 2 ? pad(wall.month, 2) : String(wall.month);
        }
        case 'a':
          return run.text.length > 3 ? (wall.hour < 12 ? 'AM' : 'PM') : wall.hour < 12 ? 'A' : 'P';
        default:
          return run.text;
      }
    })
    .join('');
}

function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of pattern) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

function formatNumber(value: number, pattern: string, rules: LocaleRules): string {
  const sections = splitSections(pattern);
  let section = sections[0]!;
  let number = value;
  if (value < 0 && sections.length >= 2) {
    section = sections[1]!;
    number = -value;
  } else if (value === 0 && sections.length >= 3) section = sections[2]!;
  const tokens = tokenize(section);
  const isCore = (t: { literal: boolean; text: string }): boolean => !t.literal && /[0#?.,]/.test(t.text);
  const first = tokens.findIndex((t) => !t.literal && /[0#?]/.test(t.text));
  if (first < 0) return tokens.map((t) => t.text).join('');
  let last = first;
  while (last + 1 < tokens.length && isCore(tokens[last + 1]!)) last += 1;
  const core = tokens
    .slice(first, last + 1)
    .map((t) => t.text)
    .join('');
  const prefix = tokens
    .slice(0, first)
    .map((t) => t.text)
    .join('');
  const suffix = tokens
    .slice(last + 1)
    .map((t) => t.text)
    .join('');
  if (tokens.some((t) => !t.literal && t.text === '%')) number *= 100;
  const [intCode = '', fracCode = ''] = core.split('.');
  const required = (fracCode.match(/0/g) ?? []).length;
  const optional = (fracCode.match(/[#?]/g) ?? []).length;
  const negative = number < 0;
  let fixed = Math.abs(number).toFixed(required + optional);
  let [intDigits = '0', fracDigits = ''] = fixed.split('.');
  while (fracDigits.length > required && fracDigits.endsWith('0')) fracDigits = fracDigits.slice(0, -1);
  const minInt = (intCode.match(/0/g) ?? []).length;
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intCode.includes(',')) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, rules.group[0]!);
  fixed = fracDigits ? `${intDigits}${rules.decimal}${fracDigits}` : intDigits;
  const sign = negative && /[1-9]/.test(fixed) ? '-' : '';
  return `${sign}${prefix}${fixed}${suffix}`;
}
