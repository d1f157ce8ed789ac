import type { Locale } from './locale';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export type { MessageKey, Locale };
export { pluralForm, type PluralForm } from './plural';
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ru };

/** The message in the locale, with {placeholders} filled; an unknown placeholder stays visible. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const text = catalogs[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `ru-RU`, `ru`, `RU` → ru; anything else → en. */
export function localeFrom(tag: string | null | undefined): Locale {
  return /^ru\b/i.test((tag ?? '').trim().replace('_', '-')) ? 'ru' : 'en';
}
