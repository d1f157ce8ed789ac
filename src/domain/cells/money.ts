// The studio's currency (Settings `core.currency`) as staff see it: its sign, and a sheet number format with it.

const SIGNS: Readonly<Record<string, string>> = { RUB: '₽', EUR: '€', USD: '$', GBP: '£', KZT: '₸', UAH: '₴' };
/** Signs written before the amount; every other sign or code follows it (`5 250 ₽`, `12,50 €` as in Russian). */
const LEADING = new Set(['USD', 'GBP']);

/** An ISO code from what staff typed: `rub`, `₽`, `€`, `$` → RUB, EUR, USD; an unknown text stays upper-cased. */
export function currencyCode(raw: string): string {
  const text = raw.trim();
  const bySign = Object.entries(SIGNS).find(([, sign]) => sign === text);
  if (bySign) return bySign[0];
  if (/^(руб\.?|рубл[ьяей]+|р\.)$/i.test(text)) return 'RUB';
  return text === '' ? 'RUB' : text.toUpperCase();
}

/** The sign staff know (`₽`, `€`, `$`), or the code itself for a currency without one here. */
export function currencySign(code: string): string {
  const iso = currencyCode(code);
  return SIGNS[iso] ?? iso;
}

/** `5 250 ₽`, `$5,250`: an amount already formatted as a number, with the currency's sign on its side. */
export function withCurrency(number: string, code: string): string {
  const iso = currencyCode(code);
  return LEADING.has(iso) ? `${currencySign(iso)}${number}` : `${number} ${currencySign(iso)}`;
}

/** A Sheets number format for money in the currency: `#,##0.00 "₽"`, `"$"#,##0.00`. */
export function moneyNumberFormat(code: string, decimals = 2): string {
  const digits = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  const sign = `"${currencySign(code).replace(/"/g, '')}"`;
  return LEADING.has(currencyCode(code)) ? `${sign}${digits}` : `${digits} ${sign}`;
}
