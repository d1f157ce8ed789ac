// How a spreadsheet locale writes numbers, dates and booleans, and the wall clock of its time zone.

export interface LocaleRules {
  decimal: string;
  /** Grouping separators accepted when typed; the first is the one displayed. */
  group: string[];
  dateOrder: 'dmy' | 'mdy';
  dateSeparators: string[];
  defaultDate: string;
  defaultDateTime: string;
  trueWord: string;
  falseWord: string;
  sheetPrefix: string;
}

const EN_US: LocaleRules = {
  decimal: '.',
  group: [','],
  dateOrder: 'mdy',
  dateSeparators: ['/'],
  defaultDate: 'M/d/yyyy',
  defaultDateTime: 'M/d/yyyy H:mm:ss',
  trueWord: 'TRUE',
  falseWord: 'FALSE',
  sheetPrefix: 'Sheet',
};

const RU: LocaleRules = {
  decimal: ',',
  group: ['\u00a0', ' ', '\u202f'],
  dateOrder: 'dmy',
  dateSeparators: ['.'],
  defaultDate: 'dd.MM.yyyy',
  defaultDateTime: 'dd.MM.yyyy H:mm:ss',
  trueWord: 'ИСТИНА',
  falseWord: 'ЛОЖЬ',
  sheetPrefix: 'Лист',
};

const EN_GB: LocaleRules = {
  ...EN_US,
  dateOrder: 'dmy',
  defaultDate: 'dd/MM/yyyy',
  defaultDateTime: 'dd/MM/yyyy HH:mm:ss',
};
const DE: LocaleRules = { ...RU, group: ['.'], trueWord: 'WAHR', falseWord: 'FALSCH', sheetPrefix: 'Tabellenblatt' };

/** `ru` → `ru_RU`, `en` → `en_US`; a full code is kept. */
export function normaliseLocale(locale: string): string {
  const code = locale.replace('-', '_');
  if (code.includes('_')) return code;
  return ({ ru: 'ru_RU', en: 'en_US', de: 'de_DE', uk: 'uk_UA' } as Record<string, string>)[code] ?? code;
}

export function localeRules(locale: string): LocaleRules {
  const code = normaliseLocale(locale);
  if (code === 'en_US') return EN_US;
  if (code.startsWith('en_')) return EN_GB;
  if (code.startsWith('ru') || code.startsWith('uk')) return RU;
  if (code.startsWith('de')) return DE;
  return EN_US;
}

// Wall-clock time lives with the other services' zone arithmetic (one implementation for Sheets and formatDate).
export type { LocalTime as WallTime } from '../services/zoned-time';
