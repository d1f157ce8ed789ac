// The Settings rows setup writes once: documented defaults staff may change. A row staff already has
// (changed or not) is never touched again, so a second setup changes nothing.
import type { Locale } from '../types';
import { DEFAULT_CORE_SETTINGS } from './settings';

export interface SettingSeed {
  key: string;
  value: string;
  description: string;
}

const CONSENT_TEXT: Record<Locale, string> = {
  ru: 'Я согласен(на) на обработку моих персональных данных и получение писем студии. Отписаться можно в любой момент по ссылке в письме.',
  en: 'I agree to the processing of my personal data and to receiving emails from the studio. I can unsubscribe at any time with the link in each email.',
};

/** The consent text shown on the registration form when Settings has none. */
export function defaultConsentText(locale: Locale): string {
  return CONSENT_TEXT[locale];
}

const DESCRIPTIONS: Record<string, Record<Locale, string>> = {
  'core.locale': { ru: 'Язык меню и сообщений: ru или en. Пусто — язык аккаунта Google.', en: 'Language of menus and messages: ru or en. Blank: your Google account language.' },
  'core.studioName': { ru: 'Название студии: в формах и письмах.', en: 'Studio name: used in forms and emails.' },
  'core.currency': { ru: 'Валюта сумм заказов (код ISO).', en: 'Currency of order amounts (ISO code).' },
  'core.consentVersion': { ru: 'Версия текста согласия: меняйте вместе с текстом, она сохраняется у каждого клиента.', en: 'Consent text version: change it with the text; it is stored with each client.' },
  'forms.consentText': { ru: 'Текст согласия в форме регистрации. После правки выполните «Создать формы».', en: 'Consent text on the registration form. After editing it, run “Create forms”.' },
};

/** Every seeded setting, with its default and a description in the workbook's language. */
export function settingsSeed(locale: Locale): SettingSeed[] {
  const values: Record<string, string> = {
    'core.locale': '',
    'core.studioName': DEFAULT_CORE_SETTINGS.studioName,
    'core.currency': DEFAULT_CORE_SETTINGS.currency,
    'core.consentVersion': DEFAULT_CORE_SETTINGS.consentVersion,
    'forms.consentText': CONSENT_TEXT[locale],
  };
  return Object.entries(values).map(([key, value]) => ({ key, value, description: DESCRIPTIONS[key]?.[locale] ?? '' }));
}

/** The seeds whose key is not in Settings yet. */
export function missingSettings(seed: readonly SettingSeed[], existingKeys: Iterable<string>): SettingSeed[] {
  const present = new Set(existingKeys);
  return seed.filter((setting) => !present.has(setting.key));
}
