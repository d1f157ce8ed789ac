// Loyalty in staff's and clients' words: ledger reasons and the recommendation merge field, translated
// here from the keys and products the domain returns.
import { parseLedgerReason, type Recommendation } from '../../domain/loyalty';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import { en } from '../../i18n/en';

/** A reason as staff read it: a catalog key translated with its parameters, free text as typed. */
export function describeLedgerReason(reason: string, locale: Locale): string {
  const parsed = parseLedgerReason(reason);
  if (!parsed || !(parsed.key in en)) return reason;
  return translate(locale, parsed.key as MessageKey, parsed.params);
}

/** The `{{recommendation}}` merge field: "sub badges", "sub badges and stickers", "a, b and c". */
export function recommendationText(recommendations: readonly Recommendation[], locale: Locale): string {
  const products = recommendations.map((recommendation) => recommendation.product);
  if (products.length <= 1) return products[0] ?? '';
  return `${products.slice(0, -1).join(', ')}${translate(locale, 'loyalty.recommendation.and')}${products[products.length - 1]}`;
}
