// What a string becomes when typed into a cell (or written with setValue): Sheets parses it in the
// spreadsheet's locale into a number, date, boolean or formula, unless the cell is plain text.
import { instantOf, localTime as wallTime } from '../services/zoned-time';
import type { LocaleRules } from './locale';
import type { StoredValue } from './state';

export interface TypedContent {
  value: StoredValue;
  formula?: string;
  /** The number format Sheets gives a cell when it recognises a date or percent. */
  autoFormat?: string;
}

export interface ParseContext {
  rules: LocaleRules;
  timeZone: string;
  now: number;
}

/** `Date(1899, 11, 30)` is the zero of Sheets' serial numbers; a bare time lands on that day. */
const TIME_ONLY_DAY = { year: 1899, month: 12, day: 30 };

export function parseTyped(text: string, ctx: ParseContext): TypedContent {
  if (text === '') return { value: '' };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: formulaConstant(text), formula: text };
  const trimmed = text.trim();
  if (/^[+-][\p{L}\d("]/u.test(trimmed) && parseNumber(trimmed, ctx.rules) === null) {
    // Sheets reads a leading + or - as the start of a formula.
    return { value: '#ERROR!', formula: `=${trimmed}` };
  }
  const upper = trimmed.toUpperCase();
  if (upper === 'TRUE' || upper === ctx.rules.trueWord) return { value: true };
  if (upper === 'FALSE' || upper === ctx.rules.falseWord) return { value: false };
  const percent = /^(.*\d)\s?%$/.exec(trimmed);
  if (percent) {
    const number = parseNumber(percent[1]!, ctx.rules);
    if (number !== null) return { value: number / 100, autoFormat: '0%' };
  }
  const number = parseNumber(trimmed, ctx.rules);
  if (number !== null) return { value: number };
  const date = parseDate(trimmed, ctx);
  if (date) return date;
  return { value: text };
}

/** A formula's value, which the emulator can compute only for a bare constant. */
function formulaConstant(formula: string): StoredValue {
  const body = formula.slice(1).trim();
  if (/^-?\d+(\.\d+)?$/.test(body)) return Number(body);
  const quoted = /^"((?:[^"]|"")*)"$/.exec(body);
  if (quoted) return quoted[1]!.replace(/""/g, '"');
  if (/^TRUE(\(\))?$/i.test(body)) return true;
  if (/^FALSE(\(\))?$/i.test(body)) return false;
  return '#ERROR!';
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Built once per locale: compiling them per cell was the emulator's hot spot on big setValues. */
const numberPatterns = new WeakMap<LocaleRules, { number: RegExp; groups: RegExp }>();

function numberPatternsFor(rules: LocaleRules): { number: RegExp; groups: RegExp } {
  let patterns = numberPatterns.get(rules);
  if (!patterns) {
    const group = `[${rules.group.map(escapeRegex).join('')}]`;
    const decimal = escapeRegex(rules.decimal);
    patterns = {
      number: new RegExp(`^([+-]?)(\\d{1,3}(?:${group}\\d{3})+|\\d+)?(?:${decimal}(\\d+))?(?:[eE]([+-]?\\d+))?$`),
      groups: new RegExp(group, 'g'),
    };
    numberPatterns.set(rules, patterns);
  }
  return patterns;
}

const datePatterns = new Map<string, RegExp>();

function datePatternFor(separator: string): RegExp {
  let pattern = datePatterns.get(separator);
  if (!pattern) {
    const s = escapeRegex(separator);
    pattern = new RegExp(`^(\\d{1,2})${s}(\\d{1,2})(?:${s}(\\d{4}|\\d{2}))?$`);
    datePatterns.set(separator, pattern);
  }
  return pattern;
}

export function parseNumber(text: string, rules: LocaleRules): number | null {
  const patterns = numberPatternsFor(rules);
  const m = patterns.number.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const integer = (m[2] ?? '0').replace(patterns.groups, '');
  const value = Number(`${m[1]}${integer}.${m[3] ?? '0'}e${m[4] ?? '0'}`);
  return Number.isFinite(value) ? value : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseTime(text: string | undefined): { hour: number; minute: number; second: number } | null {
  if (text === undefined) return { hour: 0, minute: 0, second: 0 };
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const time = { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) };
  return time.hour < 24 && time.minute < 60 && time.second < 60 ? time : null;
}

function parseDate(text: string, ctx: ParseContext): TypedContent | null {
  const [datePart, timePart, ...rest] = text.split(/\s+/);
  if (rest.length > 0 || datePart === undefined) return null;
  const onlyTime = timePart === undefined ? parseTime(datePart) : null;
  if (onlyTime && datePart.includes(':')) {
    const instant = instantOf({ ...TIME_ONLY_DAY, ...onlyTime }, ctx.timeZone);
    return { value: { d: instant }, autoFormat: 'H:mm:ss' };
  }
  const time = parseTime(timePart);
  if (!time) return null;
  let ymd: [number, number, number] | null = null;
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(datePart);
  if (iso) ymd = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  for (const sep of ctx.rules.dateSeparators) {
    if (ymd) break;
    const m = datePatternFor(sep).exec(datePart);
    if (!m) continue;
    const first = Number(m[1]);
    const second = Number(m[2]);
    let year = m[3] === undefined ? wallTime(ctx.now, ctx.timeZone).year : Number(m[3]);
    if (m[3] !== undefined && m[3].length === 2) year += year < 30 ? 2000 : 1900;
    ymd = ctx.rules.dateOrder === 'dmy' ? [year, second, first] : [year, first, second];
  }
  if (!ymd) return null;
  const [year, month, day] = ymd;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const instant = instantOf({ year, month, day, ...time }, ctx.timeZone);
  return {
    value: { d: instant },
    autoFormat: timePart === undefined ? ctx.rules.defaultDate : ctx.rules.defaultDateTime,
  };
}
