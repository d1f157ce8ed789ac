// Turns a validated segment into one predicate, so running it over thousands of clients does no parsing or lookups.
import type { ClientId } from '../../types';
import { addDays, calendarDaysBetween, isValidDate, parseIsoDay, startOfDay } from '../dates';
import type { ClientProfile } from '../profiles';
import { resolveField, type FieldValue } from './fields';
import { isGroup, type RuleScalar, type SegmentGroup, type SegmentRule } from './model';
import { validateSegment, type SegmentProblem } from './validate';

export type ClientPredicate = (profile: ClientProfile) => boolean;

export type CompiledSegment = { ok: true; matches: ClientPredicate } | { ok: false; problems: SegmentProblem[] };

function isEmpty(value: FieldValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Text compares trimmed and case-insensitively; numbers and numeric text compare as numbers. */
function sameKey(value: unknown): string {
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (isValidDate(value)) return `d:${startOfDay(value).getTime()}`;
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  return text !== '' && Number.isFinite(Number(text)) ? `n:${Number(text)}` : `s:${text}`;
}

function asNumber(value: FieldValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function asDate(value: FieldValue): Date | null {
  if (isValidDate(value)) return value;
  return typeof value === 'string' ? parseIsoDay(value.trim()) : null;
}

/** A list field tests each item; a scalar is a list of one. */
function items(value: FieldValue): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

function compileTest(rule: SegmentRule, asOf: Date): (value: FieldValue) => boolean {
  const value = rule.value;
  const list = (Array.isArray(value) ? value : [value]) as readonly RuleScalar[];
  const needle = String(Array.isArray(value) ? '' : (value ?? ''))
    .trim()
    .toLowerCase();
  switch (rule.op) {
    case 'is_empty':
      return isEmpty;
    case 'is_not_empty':
      return (v) => !isEmpty(v);
    case 'eq': {
      const key = sameKey(value);
      return (v) => !isEmpty(v) && sameKey(v) === key;
    }
    case 'ne': {
      const key = sameKey(value);
      return (v) => isEmpty(v) || sameKey(v) !== key;
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const limit = Number(value);
      const compare = {
        lt: (n: number) => n < limit,
        le: (n: number) => n <= limit,
        gt: (n: number) => n > limit,
        ge: (n: number) => n >= limit,
      }[rule.op];
      return (v) => {
        const n = asNumber(v);
        return n !== null && compare(n);
      };
    }
    case 'between': {
      const [low, high] = list;
      if (isValidDate(low) && isValidDate(high)) {
        const from = startOfDay(low).getTime();
        const until = addDays(startOfDay(high), 1).getTime(); // the end day is included
        return (v) => {
          const date = asDate(v);
          return date !== null && date.getTime() >= from && date.getTime() < until;
        };
      }
      return (v) => {
        const n = asNumber(v);
        return n !== null && n >= Number(low) && n <= Number(high);
      };
    }
    case 'contains':
      return (v) => !isEmpty(v) && items(v).some((item) => String(item).toLowerCase().includes(needle));
    case 'starts_with':
      return (v) => !isEmpty(v) && items(v).some((item) => String(item).trim().toLowerCase().startsWith(needle));
    case 'in': {
      const keys = new Set(list.map(sameKey));
      return (v) => !isEmpty(v) && items(v).some((item) => keys.has(sameKey(item)));
    }
    case 'in_last_days': {
      const days = Number(value);
      return (v) => {
        const date = asDate(v);
        if (!date) return false;
        const ago = calendarDaysBetween(date, asOf);
        return ago >= 0 && ago <= days; // "in last 30 days" = at most 30 days ago, not in the future
      };
    }
    case 'before': {
      const start = startOfDay(value as Date).getTime();
      return (v) => {
        const date = asDate(v);
        return date !== null && date.getTime() < start;
      };
    }
    case 'after': {
      const end = addDays(startOfDay(value as Date), 1).getTime(); // after the whole day
      return (v) => {
        const date = asDate(v);
        return date !== null && date.getTime() >= end;
      };
    }
  }
}

function compileItem(item: SegmentRule | SegmentGroup, asOf: Date, extraHeaders: readonly string[]): ClientPredicate {
  if (isGroup(item)) {
    const parts = item.rules.map((rule) => compileItem(rule, asOf, extraHeaders));
    return item.match === 'any' ? (p) => parts.some((part) => part(p)) : (p) => parts.every((part) => part(p));
  }
  const field = resolveField(item.field, extraHeaders)!; // validated
  const test = compileTest(item, asOf);
  return (profile) => test(field.read(profile, asOf));
}

/** Validates, then compiles; `asOf` anchors "in last N days", age and birthdays. */
export function compileSegment(
  segment: SegmentGroup,
  asOf: Date,
  extraHeaders: readonly string[] = [],
): CompiledSegment {
  const problems = validateSegment(segment, extraHeaders);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, matches: compileItem(segment, asOf, extraHeaders) };
}

/** Ids of the clients in the segment, in profile order. */
export function segmentMembers(
  segment: SegmentGroup,
  profiles: readonly ClientProfile[],
  asOf: Date,
  extraHeaders: readonly string[] = [],
): { ok: true; clientIds: ClientId[] } | { ok: false; problems: SegmentProblem[] } {
  const compiled = compileSegment(segment, asOf, extraHeaders);
  if (!compiled.ok) return compiled;
  return { ok: true, clientIds: profiles.filter(compiled.matches).map((profile) => profile.client.id) };
}
