// The sidebar's strings: the shared catalogs, in the language the server chose at boot.
import { pluralForm, translate, type MessageKey, type MessageParams } from '../i18n';
import type { Locale } from '../domain/types';

let current: Locale = 'en';

export function setLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
}

export function locale(): Locale {
  return current;
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(current, key, params);
}

/** A number as staff write it in their language (1 234,5 in Russian). */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString(current === 'ru' ? 'ru-RU' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}

/** The studio's clock (the spreadsheet's time zone, from boot); undefined until boot: the browser's own. */
let studioZone: string | undefined;

/** Every date and time shown from now on is on this zone's clock, whatever zone the staff's browser is in. */
export function setTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    studioZone = zone;
  } catch {
    // A zone id this browser does not know: its own clock beats a sidebar that cannot start.
    studioZone = undefined;
  }
}

export function timeZone(): string | undefined {
  return studioZone;
}

function studioFormat(iso: string | null | undefined, parts: Intl.DateTimeFormatOptions): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(current === 'ru' ? 'ru-RU' : 'en-GB', { ...parts, timeZone: studioZone });
}

/** An ISO time as a short date on the studio's calendar. */
export function formatDate(iso: string | null | undefined): string {
  return studioFormat(iso, { day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * An ISO time as a date and time on the studio's clock: `5 Dec 2026, 10:00`; with `nameZone`, the zone follows
 * (`5 Dec 2026, 10:00 (Europe/Moscow)`): for a time said once, where staff in another zone could misread it.
 */
export function formatDateTime(iso: string | null | undefined, nameZone = false): string {
  const text = studioFormat(iso, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return nameZone && studioZone && text && text !== iso ? `${text} (${studioZone})` : text;
}

/** An ISO time as a datetime-local input's value on the studio's clock (`2026-12-05T10:00`); '' when none. */
export function wallClockValue(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: studioZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** `624 балла`, `1 point`: the count with the catalog word of its plural form. */
export function countOf(count: number, word: 'points' | 'days'): string {
  return t(`ui.count.${word}.${pluralForm(current, count)}` as MessageKey, {
    count: formatNumber(count),
  });
}
