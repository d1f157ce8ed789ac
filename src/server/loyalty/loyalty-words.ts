// Loyalty in staff's and clients' words: ledger reasons and the recommendation merge field, translated
// here from the keys and products the domain returns.
import {
  ledgerReasonCell,
  ledgerReasonSentence,
  parseLedgerReason,
  reasonFromCode,
  type Recommendation,
} from '../../domain/loyalty';
import { listText } from '../../domain/campaigns/fields';
import type { LedgerEntry, Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import { en } from '../../i18n/en';

/** A sum of money as staff write it: `5 250 ₽`, `RUB 5,250` for a studio in roubles writing English. */
export function moneyText(amount: number, locale: Locale, currency = 'RUB'): string {
  try {
    return amount.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      style: 'currency',
      currencyDisplay: 'narrowSymbol',
      currency,
      maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    });
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A yyyy-mm-dd day in the staff language: `24 нояб. 2026 г.` / `24 Nov 2026`. */
function dayText(iso: string, locale: Locale): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The reason's parameters as words: money with its currency, dates and order statuses in the staff language. */
function paramsInWords(params: Record<string, string>, locale: Locale, currency: string): Record<string, string> {
  const words: Record<string, string> = { ...params };
  const amount = Number(params['amount']);
  if (params['amount'] !== undefined && Number.isFinite(amount)) words['amount'] = moneyText(amount, locale, currency);
  if (params['credited']) words['credited'] = dayText(params['credited'], locale);
  if (params['until']) words['until'] = dayText(params['until'], locale);
  const statusKey = `enum.orderStatus.${params['status'] ?? ''}`;
  if (params['status'] && statusKey in en) words['status'] = translate(locale, statusKey as MessageKey);
  if (params['tier']) words['tier'] = params['tier'].replace(/_/g, ' ');
  return words;
}

function sentenceFor(reason: string, locale: Locale, currency: string): string | null {
  const parsed = parseLedgerReason(reason);
  if (!parsed || !(parsed.key in en)) return null;
  return translate(locale, parsed.key as MessageKey, paramsInWords(parsed.params, locale, currency));
}

/** A reason as staff read it: a catalog key translated with its parameters, free text as typed. */
export function describeLedgerReason(reason: string, locale: Locale, currency = 'RUB'): string {
  return sentenceFor(reason, locale, currency) ?? ledgerReasonSentence(reason) ?? reason;
}

/** A Reason code cell (`orderEarned amount=5250 rate=1`) as its sentence, for a language switch; unknown: null. */
export function ledgerCodeSentence(code: string, locale: Locale, currency = 'RUB'): string | null {
  return sentenceFor(reasonFromCode(code), locale, currency);
}

/** The entry in the sheet's language: its reason the sentence, then its machine part (ledgerRow keeps them apart). */
export function ledgerEntryInWords(entry: LedgerEntry, locale: Locale, currency = 'RUB'): LedgerEntry {
  if (ledgerReasonSentence(entry.reason) !== null) return entry;
  const sentence = sentenceFor(entry.reason, locale, currency);
  return sentence === null ? entry : { ...entry, reason: ledgerReasonCell(entry.reason, sentence) };
}

/** The `{{recommendation}}` merge field: "sub badges", "sub badges and stickers", "a, b and c". */
export function recommendationText(recommendations: readonly Recommendation[], locale: Locale): string {
  return listText(
    recommendations.map((recommendation) => recommendation.product),
    locale,
  );
}
