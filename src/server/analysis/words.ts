// Analysis in staff's words: counts with their plural form, money in the studio's currency.
import type { Locale } from '../../domain/types';
import { pluralForm, translate, type MessageKey } from '../../i18n';

/** `задерживается на 22 дня`, `overdue by 1 day`: the Clients sheet's words for a late next order. */
export function overdueText(locale: Locale, days: number): string {
  const key = `analysis.nextOrder.overdue.${pluralForm(locale, days)}` as MessageKey;
  return translate(locale, key, { count: days.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB') });
}

/** `3 дня`, `1 day`: a count of days for sentences on the sheets. */
export function daysText(locale: Locale, days: number): string {
  const key = `analysis.count.days.${pluralForm(locale, days)}` as MessageKey;
  return translate(locale, key, { count: days.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB') });
}
