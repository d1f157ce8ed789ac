// The sidebar's strings: the shared catalogs, in the language the server chose at boot.
import { translate, type MessageKey, type MessageParams } from '../i18n';
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

/** An ISO time as a short local date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(current === 'ru' ? 'ru-RU' : 'en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      });
}

/** The plural category of a count in the staff language (ru: one/few/many; en: one/other). */
export function pluralForm(count: number): 'one' | 'few' | 'many' | 'other' {
  const category = new Intl.PluralRules(current === 'ru' ? 'ru-RU' : 'en-GB').select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}

/** `624 балла`, `1 point`: the count with the catalog word of its plural form. */
export function countOf(count: number, word: 'points' | 'days'): string {
  const form = pluralForm(count);
  return t(`ui.count.${word}.${form === 'other' && current === 'ru' ? 'many' : form}` as MessageKey, {
    count: formatNumber(count),
  });
}
