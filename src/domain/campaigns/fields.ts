// Merge fields: the built-in ones every mail may use, and every Clients column by its header.
import { foldLabel } from '../cells/enums';
import { catalogEntry } from '../../i18n/labels';
import { pluralForm, translate } from '../../i18n';
import { birthdayParts } from '../analysis/dates';
import { wallParts } from '../cells/dates';
import { isDate } from '../cells/result';
import { CLIENTS } from '../schema/people';
import type { Client, Locale } from '../types';

export const BUILTIN_FIELDS = [
  'first_name',
  'name',
  'points',
  'tier',
  'discount',
  'discount_code',
  'recommendation',
  'last_order',
  'feedback_link',
  'referral_code',
  'unsubscribe_link',
  'telegram_link',
  'points_text',
] as const;
export type BuiltinField = (typeof BUILTIN_FIELDS)[number];

/** A list (recommended products) is joined in the mail's language. */
export type FieldValue = string | number | Date | readonly string[] | null | undefined;
/** Values for one recipient, by field name as written anywhere (names are compared folded). */
export type MergeValues = Readonly<Record<string, FieldValue>>;

/** Folded names as met: the same hundred-odd column names are folded for every recipient of a campaign. */
const foldedNames = new Map<string, string>();
const FOLDED_NAMES_KEPT = 5_000;

/** `First Name`, `first_name` and `firstname` are one field; so are `Город` and `город`. */
export function foldFieldName(name: string): string {
  const known = foldedNames.get(name);
  if (known !== undefined) return known;
  const folded = foldLabel(name.trim());
  if (foldedNames.size >= FOLDED_NAMES_KEPT) foldedNames.clear();
  foldedNames.set(name, folded);
  return folded;
}

// Headers of a staff column that means "how to address the client".
const FIRST_NAME_HEADERS = ['first_name', 'first name', 'имя для письма', 'обращение'].map(foldFieldName);

// Patronymics (Иванович, Петровна, Ильич, Кузьминична) mark Russian "Surname Name Patronymic" order.
const PATRONYMIC = /(вич|вна|ична|инична|ьич|ич)$/i;
// Typical Russian surname endings. -ин/-ина are left out on purpose: Марина, Полина, Валентин are given names.
const SURNAME = /(ов|ев|ёв|ова|ева|ёва|ский|ская|цкий|цкая|ских|ых|их)$/i;

/**
 * The name to greet a client by.
 * - A staff column "First name" / "Имя для письма" wins when filled.
 * - "Фамилия Имя Отчество" (a patronymic present): the word before the patronymic.
 * - Two words where only the first looks like a Russian surname ("Иванов Иван"): the second word.
 * - Otherwise the first word ("Иван Иванов", "Anna Smith", a nickname). "Иванов Петров" and
 *   "Пушкин Александр" stay ambiguous and give the first word: staff fix it with the First name column.
 */
export function firstNameOf(client: Pick<Client, 'name' | 'extra'>): string {
  for (const [header, value] of Object.entries(client.extra)) {
    if (FIRST_NAME_HEADERS.includes(foldFieldName(header)) && typeof value === 'string' && value.trim())
      return value.trim();
  }
  const words = client.name
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const [first, second] = words;
  if (first === undefined) return '';
  const patronymicAt = words.findIndex((word, index) => index > 0 && PATRONYMIC.test(word) && /[а-яё]/i.test(word));
  if (patronymicAt > 0) return words[patronymicAt - 1] ?? first;
  if (words.length === 2 && second !== undefined && SURNAME.test(first) && !SURNAME.test(second)) return second;
  return first;
}

/** Birthdays in mail are read with this one year's zone rules (birthdayParts), whatever the birth years. */
const BIRTHDAY_REFERENCE_YEAR = 2000;

function cellText(value: unknown, locale: Locale, isBirthday = false): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return listText(value.map(String), locale);
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) return '';
    // The day on the studio's calendar: a birthday typed in a Novosibirsk sheet is that sheet's midnight.
    const wall = isBirthday ? birthdayParts(value, BIRTHDAY_REFERENCE_YEAR) : wallParts(value);
    const [d, m, y] = [wall.day, wall.month + 1, wall.year].map((n) => String(n).padStart(2, '0'));
    return locale === 'ru' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
  }
  return String(value);
}

/** Every Clients column's names (key, en and ru headers, aliases) → the Client property it fills. */
const CLIENT_COLUMN_NAMES: ReadonlyArray<[string, keyof Client]> = CLIENTS.columns.flatMap((column) => {
  const names = [column.key, ...Object.values(catalogEntry(column.header)), ...(column.aliases ?? [])];
  return names.map((name): [string, keyof Client] => [foldFieldName(name), column.key as keyof Client]);
});

/** The same names grouped by property in column order: a name two columns share still goes to the later one. */
const CLIENT_PROPERTY_NAMES: ReadonlyArray<[keyof Client, string[]]> = [
  ...CLIENT_COLUMN_NAMES.reduce((byProperty, [name, property]) => {
    if (property !== 'extra') byProperty.set(property, [...(byProperty.get(property) ?? []), name]);
    return byProperty;
  }, new Map<keyof Client, string[]>()),
];

/** What a campaign's recipient decisions read of a client: address, consent, unsubscribe, bounce, language, name. */
const DECISION_COLUMNS = ['id', 'name', 'email', 'consentAt', 'unsubscribedAt', 'bouncedAt', 'locale'];
/** What the Telegram channel reads besides (telegramClients): the chat, its state, the choice, the call name. */
const TELEGRAM_COLUMNS = [
  'telegramChatId',
  'telegramLinkedAt',
  'telegramUnreachableAt',
  'preferredChannel',
  'firstName',
];
/** Built-in fields made from Clients columns (the rest come from loyalty, orders or links). */
const BUILTIN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  [foldFieldName('first_name')]: ['name', 'firstName'],
  [foldFieldName('name')]: ['name'],
  [foldFieldName('referral_code')]: ['referralCode'],
  // Loyalty's tier (and the discount it gives) starts from the Clients column.
  [foldFieldName('tier')]: ['tier'],
  [foldFieldName('discount')]: ['tier'],
};

/** Fields made from the client's orders: the last one, its feedback link, loyalty's tier by spend and picks. */
const ORDER_FIELDS = ['last_order', 'feedback_link', 'tier', 'discount', 'recommendation'].map(foldFieldName);

/**
 * What a campaign's preview or press reads of Clients for templates using `fieldKeys` (folded names): column
 * keys, a test for the staff's own headers, and whether any field needs Orders. Everything else a decision or
 * merge reads is in them.
 */
export function campaignClientColumns(
  fieldKeys: Iterable<string>,
  options: { telegram: boolean },
): { keys: Set<string>; staffHeader: (header: string) => boolean; orders: boolean } {
  const keys = new Set([...DECISION_COLUMNS, ...(options.telegram ? TELEGRAM_COLUMNS : [])]);
  const fields = new Set(fieldKeys);
  const orders = ORDER_FIELDS.some((field) => fields.has(field));
  for (const field of fields) for (const key of BUILTIN_COLUMNS[field] ?? []) keys.add(key);
  for (const [name, property] of CLIENT_COLUMN_NAMES) if (fields.has(name)) keys.add(property);
  const firstName = fields.has(foldFieldName('first_name'));
  return {
    keys,
    orders,
    staffHeader: (header) => {
      const folded = foldFieldName(header);
      return fields.has(folded) || (firstName && FIRST_NAME_HEADERS.includes(folded));
    },
  };
}

/**
 * A client's merge values: Clients columns by every header they go by, the staff's own columns, then
 * the built-in fields (`values` supplies points, tier, discount and the rest, computed elsewhere).
 * Later sources win, so a built-in `name` is the client's name even if a staff column says otherwise.
 */
export function clientMergeValues(
  client: Client,
  values: Readonly<Partial<Record<BuiltinField, FieldValue>> & Record<string, FieldValue>>,
  locale: Locale,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [header, value] of Object.entries(client.extra)) merged[foldFieldName(header)] = cellText(value, locale);
  // A property goes by several names (key, headers, aliases): its text is made once.
  for (const [property, names] of CLIENT_PROPERTY_NAMES) {
    if (!(property in client)) continue;
    const text = cellText(client[property], locale, property === 'birthday');
    for (const name of names) merged[name] = text;
  }
  merged[foldFieldName('first_name')] = firstNameOf(client);
  merged[foldFieldName('name')] = client.name;
  merged[foldFieldName('referral_code')] = client.referralCode;
  for (const [name, value] of Object.entries(values)) merged[foldFieldName(name)] = cellText(value, locale);
  const raw = values['points'];
  const points = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof points === 'number' && Number.isFinite(points)) {
    merged[foldFieldName('points')] = numberText(points, locale);
    merged[foldFieldName('points_text')] = pointsText(points, locale);
  }
  const discount = values['discount'];
  if (typeof discount === 'number' && Number.isFinite(discount))
    merged[foldFieldName('discount')] = percentText(discount, locale);
  return merged;
}

/** "a", "a и b", "a, b и c" / "a, b and c": a list joined in the mail's language. */
export function listText(items: readonly string[], locale: Locale): string {
  const shown = items.filter((item) => item.trim() !== '');
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')}${catalogEntry('loyalty.recommendation.and')[locale]}${shown[shown.length - 1]}`;
}

/** "1 234,5" / "1,234.5": a number as the mail's language writes it (no-break space between thousands in Russian). */
export function numberText(value: number, locale: Locale): string {
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'ru' ? '\u00a0' : ',');
  const sign = value < 0 ? '-' : '';
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}${locale === 'ru' ? ',' : '.'}${fraction}`;
}

/** A `YYYY-MM-DD` day as dates are written into mail: `27.11.2026` in Russian, as is in English; other text unchanged. */
export function isoDayText(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match || locale === 'en') return iso;
  return `${match[3]}.${match[2]}.${match[1]}`;
}

/** "10 %" in Russian (a no-break space before the sign, as Russian typesetting writes it), "10%" in English. */
export function percentText(value: number, locale: Locale): string {
  return `${numberText(value, locale)}${locale === 'ru' ? '\u00a0%' : '%'}`;
}

/** "624 балла", "5 баллов", "1 балл"; "1 point", "624 points": the number with its word, in the client's language. */
export function pointsText(points: number, locale: Locale): string {
  return translate(locale, `ui.count.points.${pluralForm(locale, points)}`, { count: numberText(points, locale) });
}

/** Every field name a template may use, given the staff columns of the Clients sheet. */
export function knownFieldNames(staffHeaders: readonly string[]): Set<string> {
  const known = new Set<string>(BUILTIN_FIELDS.map(foldFieldName));
  for (const [name] of CLIENT_COLUMN_NAMES) known.add(name);
  for (const header of staffHeaders) known.add(foldFieldName(header));
  return known;
}

/**
 * Field names to suggest for a misspelt one, as staff would type them: the built-in fields first, then
 * the Clients columns by key, then the staff's own columns.
 */
export function suggestableFieldNames(staffHeaders: readonly string[]): string[] {
  return [...new Set([...BUILTIN_FIELDS, ...CLIENTS.columns.map((column) => column.key), ...staffHeaders])];
}
