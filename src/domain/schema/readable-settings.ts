// Settings that are tables (loyalty tiers, discounts by tier or segment) as staff read and write them in the
// Settings sheet: `Bronze: от 0, ×1, бонус 0; Silver: от 15000, ×1,25, бонус 100` and `Silver: 5 %; Gold: 10 %`,
// instead of JSON. Both languages' words are read back; numbers follow the spreadsheet's locale.
import { parseNumber } from '../cells/numbers';
import type { Locale } from '../types';

export interface TierRow {
  name: string;
  threshold: number;
  multiplier: number;
  upBonus: number;
}

const WORDS: Record<Locale, { from: string; bonus: string }> = {
  ru: { from: 'от', bonus: 'бонус' },
  en: { from: 'from', bonus: 'bonus' },
};

function numberText(value: number, locale: Locale): string {
  return locale === 'ru' ? String(value).replace('.', ',') : String(value);
}

/** A readable number or undefined: `1,25` in a Russian sheet, `1.25` in an English one. */
function readNumber(text: string, locale: Locale): number | undefined {
  const result = parseNumber(text.trim(), { locale });
  return result.ok && result.value !== null ? result.value : undefined;
}

/** `name: rest` parts split on `;` or new lines; undefined when a part has no name. */
function parts(text: string): Array<{ name: string; rest: string }> | undefined {
  const found: Array<{ name: string; rest: string }> = [];
  for (const chunk of text.split(/[;\n]/)) {
    if (chunk.trim() === '') continue;
    const colon = chunk.indexOf(':');
    if (colon <= 0) return undefined;
    const name = chunk.slice(0, colon).trim();
    if (name === '') return undefined;
    found.push({ name, rest: chunk.slice(colon + 1) });
  }
  return found;
}

/** Words in `locale`, numbers as the spreadsheet's `numbers` locale writes them. */
export function tiersText(tiers: readonly TierRow[], locale: Locale, numbers: Locale = locale): string {
  const words = WORDS[locale];
  return tiers
    .map(
      (tier) =>
        `${tier.name}: ${words.from} ${numberText(tier.threshold, numbers)}, ×${numberText(tier.multiplier, numbers)}, ${words.bonus} ${numberText(tier.upBonus, numbers)}`,
    )
    .join('; ');
}

/** Tiers from the readable text (either language's words); ×1 and no bonus when left out; undefined if unreadable. */
export function parseTiersText(text: string, locale: Locale): TierRow[] | undefined {
  const found = parts(text);
  if (!found || found.length === 0) return undefined;
  const tiers: TierRow[] = [];
  for (const { name, rest } of found) {
    // Commas split fields only before a label, so `×1,25` keeps its decimal comma.
    const fields = rest.split(/,(?=\s*(?:×|x|\*|бонус|bonus|от|from))/iu).map((field) => field.trim());
    let threshold: number | undefined;
    let multiplier = 1;
    let upBonus = 0;
    for (const field of fields) {
      const match = /^(×|x|\*|бонус|bonus|от|from)?\s*(.*)$/iu.exec(field);
      const label = (match?.[1] ?? '').toLowerCase();
      const value = readNumber(match?.[2] ?? '', locale);
      if (value === undefined) return undefined;
      if (label === '×' || label === 'x' || label === '*') multiplier = value;
      else if (label === 'бонус' || label === 'bonus') upBonus = value;
      else threshold = value;
    }
    if (threshold === undefined) return undefined;
    tiers.push({ name, threshold, multiplier, upBonus });
  }
  return tiers;
}

export function percentMapText(map: Readonly<Record<string, number>>, numbers: Locale): string {
  return Object.entries(map)
    .map(([name, percent]) => `${name}: ${numberText(percent, numbers)} %`)
    .join('; ');
}

/** `Silver: 5 %; Gold: 10 %` → { Silver: 5, Gold: 10 }; undefined if a part is not a name and a number. */
export function parsePercentMapText(text: string, locale: Locale): Record<string, number> | undefined {
  const found = parts(text);
  if (!found) return undefined;
  const map: Record<string, number> = {};
  for (const { name, rest } of found) {
    const value = readNumber(rest.replace('%', ''), locale);
    if (value === undefined) return undefined;
    map[name] = value;
  }
  return map;
}

const isTierList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length > 0 &&
  typeof value[0] === 'object' &&
  value[0] !== null &&
  'threshold' in value[0];
const isNumberMap = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((entry) => typeof entry === 'number');

/** A table setting read from its readable text, shaped like its default; undefined when it is not one. */
export function parseReadableSetting(text: string, fallback: unknown, locale: Locale): unknown {
  if (isTierList(fallback)) return parseTiersText(text, locale);
  if (isNumberMap(fallback)) return parsePercentMapText(text, locale);
  return undefined;
}

/** The readable text to store for a table setting's value, or null when the setting is no such table. */
export function readableSettingText(
  value: unknown,
  fallback: unknown,
  locale: Locale,
  numbers: Locale = locale,
): string | null {
  if (isTierList(fallback) && Array.isArray(value)) return tiersText(value as TierRow[], locale, numbers);
  if (isNumberMap(fallback) && isNumberMap(value)) return percentMapText(value as Record<string, number>, numbers);
  return null;
}
