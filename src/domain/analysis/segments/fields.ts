// The fields a segment rule can test: client columns, computed analysis, and staff's own columns by header.
import { CHANNEL_TOPICS } from '../../types';
import { wallParts, zonedDate } from '../../cells/dates';
import { birthdayParts, calendarDaysBetween, isValidDate } from '../dates';
import { LIFECYCLE_STAGES } from '../lifecycle';
import type { ClientProfile } from '../profiles';
import { RFM_SEGMENTS } from '../rfm';
import type { FieldType } from './model';

export type FieldValue = number | string | boolean | Date | readonly string[] | null;

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** Allowed values of a choice field (compared case-insensitively). */
  choices?: readonly string[];
  read(profile: ClientProfile, asOf: Date): FieldValue;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function dateOrNull(value: Date | null | undefined): Date | null {
  return isValidDate(value) ? value : null;
}

/** Full years from birthday to asOf, both on the studio's calendar. */
function age(birthday: Date, asOf: Date): number {
  const now = wallParts(asOf);
  const born = birthdayParts(birthday, now.year);
  const years = now.year - born.year;
  const hadBirthday = now.month > born.month || (now.month === born.month && now.day >= born.day);
  return hadBirthday ? years : years - 1;
}

/** Days until the next birthday (0 on the day); 29 Feb falls on 1 Mar in other years. */
function daysToBirthday(birthday: Date, asOf: Date): number {
  const thisYear = wallParts(asOf).year;
  const born = birthdayParts(birthday, thisYear);
  for (const year of [thisYear, thisYear + 1]) {
    const next = zonedDate(year, born.month, born.day);
    const days = calendarDaysBetween(asOf, next);
    if (days >= 0) return days;
  }
  return 0;
}

function withBirthday(read: (birthday: Date, asOf: Date) => FieldValue) {
  return (profile: ClientProfile, asOf: Date): FieldValue => {
    const birthday = dateOrNull(profile.client.birthday);
    return birthday ? read(birthday, asOf) : null;
  };
}

const FIELD_LIST: readonly FieldSpec[] = [
  { name: 'name', type: 'text', read: (p) => p.client.name },
  { name: 'email', type: 'text', read: (p) => p.client.email },
  { name: 'twitch', type: 'text', read: (p) => p.client.twitch },
  { name: 'topic', type: 'choice', choices: CHANNEL_TOPICS, read: (p) => p.client.topic },
  { name: 'country', type: 'text', read: (p) => p.client.country },
  { name: 'city', type: 'text', read: (p) => p.client.city },
  { name: 'source', type: 'text', read: (p) => p.client.source },
  { name: 'locale', type: 'choice', choices: ['ru', 'en'], read: (p) => p.client.locale },
  { name: 'referred_by', type: 'text', read: (p) => p.client.referredBy },
  { name: 'created_at', type: 'date', read: (p) => dateOrNull(p.client.createdAt) },
  { name: 'consent', type: 'boolean', read: (p) => dateOrNull(p.client.consentAt) !== null },
  { name: 'unsubscribed', type: 'boolean', read: (p) => dateOrNull(p.client.unsubscribedAt) !== null },
  { name: 'bounced', type: 'boolean', read: (p) => dateOrNull(p.client.bouncedAt) !== null },
  { name: 'birthday', type: 'date', read: (p) => dateOrNull(p.client.birthday) },
  { name: 'age', type: 'number', read: withBirthday(age) },
  {
    name: 'birthday_month',
    type: 'number',
    read: withBirthday((birthday, asOf) => birthdayParts(birthday, wallParts(asOf).year).month + 1),
  },
  {
    name: 'birthday_this_month',
    type: 'boolean',
    read: (p, asOf) => {
      const birthday = dateOrNull(p.client.birthday);
      const now = wallParts(asOf);
      return birthday !== null && birthdayParts(birthday, now.year).month === now.month;
    },
  },
  { name: 'days_to_birthday', type: 'number', read: withBirthday(daysToBirthday) },
  { name: 'order_count', type: 'number', read: (p) => p.stats.orderCount },
  { name: 'total_spend', type: 'number', read: (p) => p.stats.totalSpend },
  { name: 'average_spend', type: 'number', read: (p) => p.stats.averageSpend },
  { name: 'days_since_last_order', type: 'number', read: (p) => p.stats.daysSinceLastOrder },
  { name: 'average_gap_days', type: 'number', read: (p) => p.stats.averageGapDays },
  { name: 'first_order_date', type: 'date', read: (p) => p.stats.firstOrderAt },
  { name: 'last_order_date', type: 'date', read: (p) => p.stats.lastOrderAt },
  { name: 'products', type: 'list', read: (p) => p.stats.products },
  { name: 'rfm_segment', type: 'choice', choices: RFM_SEGMENTS, read: (p) => p.rfm?.segment ?? null },
  { name: 'rfm_recency', type: 'number', read: (p) => p.rfm?.recency ?? null },
  { name: 'rfm_frequency', type: 'number', read: (p) => p.rfm?.frequency ?? null },
  { name: 'rfm_monetary', type: 'number', read: (p) => p.rfm?.monetary ?? null },
  { name: 'lifecycle', type: 'choice', choices: LIFECYCLE_STAGES, read: (p) => p.lifecycle },
  { name: 'tier', type: 'text', read: (p) => p.facts.tier ?? null },
  { name: 'points', type: 'number', read: (p) => finiteOrNull(p.facts.points) },
  { name: 'churn_risk', type: 'number', read: (p) => finiteOrNull(p.facts.churnRisk) },
  { name: 'predicted_value', type: 'number', read: (p) => finiteOrNull(p.facts.predictedValue12m) },
];

/** Built-in fields by name, for pickers in the sidebar. */
export const SEGMENT_FIELDS: ReadonlyMap<string, FieldSpec> = new Map(FIELD_LIST.map((field) => [field.name, field]));

function extraValue(extra: Record<string, unknown>, header: string): FieldValue {
  let value = extra[header];
  if (value === undefined) {
    const wanted = header.toLowerCase();
    for (const key of Object.keys(extra)) if (key.trim().toLowerCase() === wanted) value = extra[key];
  }
  if (isValidDate(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return null;
}

/**
 * The field a rule names: a built-in one (case-insensitive), else a staff column among
 * `extraHeaders` (case-insensitive), else null.
 */
export function resolveField(name: string, extraHeaders: readonly string[] = []): FieldSpec | null {
  const wanted = name.trim().toLowerCase();
  const builtIn = SEGMENT_FIELDS.get(wanted);
  if (builtIn) return builtIn;
  const header = extraHeaders.find((candidate) => candidate.trim().toLowerCase() === wanted);
  if (header === undefined) return null;
  return { name: header, type: 'dynamic', read: (p) => extraValue(p.client.extra, header) };
}
