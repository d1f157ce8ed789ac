// The one plural rule for every text the add-on writes (sheets, sidebar, mail): which catalog form a count takes.
import type { Locale } from './locale';

export type PluralForm = 'one' | 'few' | 'many' | 'other';

/**
 * Russian: one (1, 21, 101), few (2–4, 22–24, and fractions: "1,5 балла" takes the genitive singular),
 * many (0, 5–20, 11–14, 25, 111); English: one (1 and −1), other. Written out, not Intl.PluralRules, so no runtime's ICU data can differ.
 */
export function pluralForm(locale: Locale, count: number): PluralForm {
  if (locale !== 'ru') return Math.abs(count) === 1 ? 'one' : 'other';
  if (!Number.isInteger(count)) return 'few';
  const units = Math.abs(count) % 10;
  const tens = Math.abs(count) % 100;
  if (units === 1 && tens !== 11) return 'one';
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return 'few';
  return 'many';
}
