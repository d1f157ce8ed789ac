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

const EN_GB: LocaleRules = { ...EN_US, dateOrder: 'dmy', defaultDate: 'dd/MM/yyyy', defaultDateTime: 'dd/MM/yyyy HH:mm:ss' };
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

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((instant % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** The instant at which the zone's clocks show the given wall time. */
export function instantOf(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetAt = (instant: number): number => {
    const w = wallTime(instant, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (instant - w.millisecond);
  };
  let instant = guess - offsetAt(guess);
  instant = guess - offsetAt(instant);
  return instant;
}
