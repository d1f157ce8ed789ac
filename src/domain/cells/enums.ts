// The fixed lists staff choose from, with the labels shown in each language and the spellings accepted.
import { CHANNEL_TOPICS, ORDER_STATUSES, REQUEST_CHANNELS, type Locale } from '../types';
import { accept, isBlank, quoteCell, reject, type CellResult } from './result';

export interface EnumOption {
  value: string;
  en: string;
  ru: string;
  /** Other spellings people use, in any language. */
  aliases?: readonly string[];
}

export type EnumKey = 'channelTopic' | 'orderStatus' | 'requestChannel' | 'ledgerKind' | 'campaignStatus' | 'sendStatus' | 'language';

const TOPIC_LABELS: Record<(typeof CHANNEL_TOPICS)[number], [string, string, string[]]> = {
  gaming: ['Gaming', 'Игры', ['games', 'игровой', 'гейминг']],
  irl: ['IRL', 'IRL', ['in real life', 'жизнь']],
  art: ['Art', 'Творчество', ['арт', 'рисование', 'drawing']],
  music: ['Music', 'Музыка', ['музыкальный']],
  just_chatting: ['Just Chatting', 'Общение', ['chatting', 'болталка', 'разговоры']],
  education: ['Education', 'Обучение', ['образование', 'learning']],
  other: ['Other', 'Другое', ['прочее']],
};
const STATUS_LABELS: Record<(typeof ORDER_STATUSES)[number], [string, string, string[]]> = {
  new: ['New', 'Новый', ['новая', 'создан']],
  in_progress: ['In progress', 'В работе', ['working', 'в процессе', 'выполняется']],
  completed: ['Completed', 'Выполнен', ['done', 'complete', 'готов', 'выполнено', 'завершён', 'завершен']],
  cancelled: ['Cancelled', 'Отменён', ['canceled', 'отменен', 'отмена']],
};
const CHANNEL_LABELS: Record<(typeof REQUEST_CHANNELS)[number], [string, string, string[]]> = {
  email: ['Email', 'Почта', ['e-mail', 'mail', 'эл. почта', 'электронная почта']],
  twitch: ['Twitch', 'Twitch', ['твич']],
  discord: ['Discord', 'Discord', ['дискорд']],
  telegram: ['Telegram', 'Telegram', ['телеграм', 'tg', 'тг']],
  other: ['Other', 'Другое', ['прочее']],
};

function options(labels: Record<string, [string, string, string[]]>): EnumOption[] {
  return Object.entries(labels).map(([value, [en, ru, aliases]]) => ({ value, en, ru, aliases }));
}

export const ENUMS: Record<EnumKey, readonly EnumOption[]> = {
  channelTopic: options(TOPIC_LABELS),
  orderStatus: options(STATUS_LABELS),
  requestChannel: options(CHANNEL_LABELS),
  ledgerKind: options({
    earn: ['Earn', 'Начисление', []],
    bonus: ['Bonus', 'Бонус', []],
    redeem: ['Redeem', 'Списание', ['spend']],
    expire: ['Expire', 'Сгорание', ['expired']],
    adjust: ['Adjust', 'Корректировка', ['adjustment']],
    reverse: ['Reverse', 'Отмена', ['reversal', 'сторно']],
  }),
  campaignStatus: options({
    draft: ['Draft', 'Черновик', []],
    scheduled: ['Scheduled', 'Запланирована', []],
    sending: ['Sending', 'Отправляется', []],
    paused: ['Paused', 'Приостановлена', []],
    done: ['Done', 'Завершена', ['sent', 'отправлена']],
    cancelled: ['Cancelled', 'Отменена', ['canceled']],
  }),
  sendStatus: options({
    queued: ['Queued', 'В очереди', []],
    sent: ['Sent', 'Отправлено', []],
    skipped: ['Skipped', 'Пропущено', []],
    failed: ['Failed', 'Ошибка', ['error']],
  }),
  language: options({
    ru: ['Russian', 'Русский', ['ru', 'rus', 'ru-ru', 'рус']],
    en: ['English', 'Английский', ['en', 'eng', 'en-us', 'en-gb', 'англ']],
  }),
};

/** Lower case, ё as е, no spaces, underscores, hyphens or dots: "In-progress" = "in_progress". */
export function foldLabel(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/[\s_\-.]+/g, '');
}

/** Folded spelling → value per list, the first option winning as in a search in list order; built on first use. */
const spellingIndexes = new Map<EnumKey, Map<string, string>>();

function spellingIndex(key: EnumKey): Map<string, string> {
  let index = spellingIndexes.get(key);
  if (!index) {
    index = new Map();
    for (const option of ENUMS[key]) {
      for (const spelling of [option.value, option.en, option.ru, ...(option.aliases ?? [])]) {
        const folded = foldLabel(spelling);
        if (!index.has(folded)) index.set(folded, option.value);
      }
    }
    spellingIndexes.set(key, index);
  }
  return index;
}

export function parseEnum(raw: unknown, key: EnumKey, locale: Locale): CellResult<string> {
  if (isBlank(raw)) return accept('');
  const match = spellingIndex(key).get(foldLabel(String(raw).trim()));
  if (match !== undefined) return accept(match);
  return reject('cells.notAllowed', raw, { value: quoteCell(raw), allowed: enumLabels(key, locale).join(', ') });
}

/** The labels a dropdown shows, in the sheet's language. */
export function enumLabels(key: EnumKey, locale: Locale): string[] {
  return ENUMS[key].map((option) => option[locale]);
}

/** The label to write for a stored value; an unknown value is written as is. */
export function enumLabel(key: EnumKey, value: string, locale: Locale): string {
  return ENUMS[key].find((option) => option.value === value)?.[locale] ?? value;
}
