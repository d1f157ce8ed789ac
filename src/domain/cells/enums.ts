// The fixed lists staff choose from and the spellings accepted; the labels shown are in the catalogs,
// read here as data (a cell holds the label in the sheet's language, and either language parses).
import { CHANNEL_TOPICS, ORDER_STATUSES, REQUEST_CHANNELS, type Locale } from '../types';
import type { MessageKey } from '../../i18n';
import type { SkipReason } from '../campaigns/exclusions';
import type { FollowUpStop } from '../inbox/follow-ups';
import { catalogEntry } from '../../i18n/labels';
import { accept, isBlank, quoteCell, reject, type CellResult } from './result';

export interface EnumOption {
  value: string;
  /** The label in each language: catalog key `enum.<list>.<value>`. */
  label: MessageKey;
  /** Other spellings people use, in any language. */
  aliases?: readonly string[];
}

export type EnumKey =
  | 'channelTopic'
  | 'orderStatus'
  | 'requestChannel'
  | 'ledgerKind'
  | 'campaignStatus'
  | 'sendStatus'
  | 'language'
  | 'preferredChannel'
  | 'skipReason';

/** Each list's values with the other spellings accepted for them; the labels are in the catalogs. */
const ALIASES: { [K in EnumKey]: Record<string, readonly string[]> } = {
  channelTopic: {
    gaming: ['games', 'игровой', 'гейминг'],
    irl: ['in real life', 'жизнь'],
    art: ['арт', 'рисование', 'drawing'],
    music: ['музыкальный'],
    just_chatting: ['chatting', 'болталка', 'разговоры'],
    education: ['образование', 'learning'],
    other: ['прочее'],
  } satisfies Record<(typeof CHANNEL_TOPICS)[number], readonly string[]>,
  orderStatus: {
    new: ['новая', 'создан'],
    in_progress: ['working', 'в процессе', 'выполняется'],
    completed: ['done', 'complete', 'готов', 'выполнено', 'завершён', 'завершен'],
    cancelled: ['canceled', 'отменен', 'отмена'],
  } satisfies Record<(typeof ORDER_STATUSES)[number], readonly string[]>,
  requestChannel: {
    email: ['e-mail', 'mail', 'эл. почта', 'электронная почта'],
    twitch: ['твич'],
    discord: ['дискорд'],
    telegram: ['телеграм', 'tg', 'тг'],
    other: ['прочее'],
  } satisfies Record<(typeof REQUEST_CHANNELS)[number], readonly string[]>,
  ledgerKind: {
    earn: [],
    bonus: [],
    redeem: ['spend'],
    expire: ['expired'],
    adjust: ['adjustment'],
    reverse: ['reversal', 'сторно'],
  },
  campaignStatus: {
    draft: [],
    scheduled: [],
    sending: [],
    paused: [],
    done: ['sent', 'отправлена'],
    cancelled: ['canceled'],
  },
  sendStatus: { queued: [], sent: [], skipped: [], failed: ['error'] },
  language: { ru: ['ru', 'rus', 'ru-ru', 'рус'], en: ['en', 'eng', 'en-us', 'en-gb', 'англ'] },
  preferredChannel: { email: ['mail', 'e-mail', 'почта'], telegram: ['tg', 'тг', 'телеграм'], both: ['all', 'оба'] },
  // Why a Sends row was skipped (a campaign's or flow's exclusions, a follow-up's stops); the code itself stays
  // readable (sheets written before the labels). `unknown`: a skip with no reason, as the roll-ups count it.
  skipReason: {
    invalidEmail: [],
    unsubscribed: [],
    bounced: [],
    noConsent: [],
    alreadySent: [],
    duplicateEmail: [],
    weeklyCap: [],
    sameKind: [],
    missingField: [],
    replied: [],
    ordered: [],
    noThread: [],
    unknown: [],
  } satisfies Record<SkipReason | FollowUpStop | 'unknown', readonly string[]>,
};

function options(key: EnumKey): EnumOption[] {
  return Object.entries(ALIASES[key]).map(([value, aliases]) => ({
    value,
    label: `enum.${key}.${value}` as MessageKey,
    aliases,
  }));
}

export const ENUMS: Record<EnumKey, readonly EnumOption[]> = {
  channelTopic: options('channelTopic'),
  orderStatus: options('orderStatus'),
  requestChannel: options('requestChannel'),
  ledgerKind: options('ledgerKind'),
  campaignStatus: options('campaignStatus'),
  sendStatus: options('sendStatus'),
  language: options('language'),
  preferredChannel: options('preferredChannel'),
  skipReason: options('skipReason'),
};

/** Lower case, ё as е, no spaces, underscores, hyphens or dots: "In-progress" = "in_progress". */
export function foldLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s_\-.]+/g, '');
}

/** Folded spelling → value per list, the first option winning as in a search in list order; built on first use. */
const spellingIndexes = new Map<EnumKey, Map<string, string>>();

function spellingIndex(key: EnumKey): Map<string, string> {
  let index = spellingIndexes.get(key);
  if (!index) {
    index = new Map();
    for (const option of ENUMS[key]) {
      for (const spelling of [option.value, ...Object.values(catalogEntry(option.label)), ...(option.aliases ?? [])]) {
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
  return ENUMS[key].map((option) => catalogEntry(option.label)[locale]);
}

/** The label to write for a stored value; an unknown value is written as is. */
export function enumLabel(key: EnumKey, value: string, locale: Locale): string {
  const option = ENUMS[key].find((candidate) => candidate.value === value);
  return option ? catalogEntry(option.label)[locale] : value;
}

/** One `label: n` (or the older `code=n`) of a counts cell; null for a part of another shape. */
function countPart(part: string, key: EnumKey): { value: string; n: number } | null {
  const match = /^(.*\S)\s*[:=]\s*(\d+)$/.exec(part.trim());
  if (!match) return null;
  const label = match[1]!;
  return { value: spellingIndex(key).get(foldLabel(label)) ?? label, n: Number(match[2]) };
}

/**
 * Counts per option in one cell, `No consent: 3; Weekly limit: 1`: labels in the sheet's language, in the
 * list's order; a value not in the list is written as it is, after them.
 */
export function countsCell(key: EnumKey, counts: Readonly<Record<string, number>>, locale: Locale): string {
  const order = new Map(ENUMS[key].map((option, position) => [option.value, position]));
  const rank = (value: string) => order.get(value) ?? order.size;
  return Object.entries(counts)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, n]) => `${enumLabel(key, value, locale)}: ${n}`)
    .join('; ');
}

/**
 * A counts cell read back: labels in either language and the older codes (`noConsent=3; weeklyCap=1`) give
 * the same values; `complete` is false when some part had another shape (it is left out of the counts).
 */
export function parseCounts(cell: string, key: EnumKey): { counts: Record<string, number>; complete: boolean } {
  const counts: Record<string, number> = {};
  let complete = true;
  for (const part of cell.split(';')) {
    if (part.trim() === '') continue;
    const read = countPart(part, key);
    if (!read) complete = false;
    else counts[read.value] = (counts[read.value] ?? 0) + read.n;
  }
  return { counts, complete };
}
