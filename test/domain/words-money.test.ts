// The studio's currency as staff see it: sign, side and the Sheets number format.
import { describe, expect, it } from 'vitest';
import { currencyCode, currencySign, moneyNumberFormat, withCurrency } from '../../src/domain/cells/money';

describe('currency', () => {
  it('reads codes, signs and Russian words as an ISO code', () => {
    expect(currencyCode('rub')).toBe('RUB');
    expect(currencyCode('₽')).toBe('RUB');
    expect(currencyCode('руб.')).toBe('RUB');
    expect(currencyCode('€')).toBe('EUR');
    expect(currencyCode(' $ ')).toBe('USD');
    expect(currencyCode('')).toBe('RUB'); // blank: the default
    expect(currencyCode('chf')).toBe('CHF');
  });

  it('shows the sign on its side: after roubles and euros, before dollars and pounds; a code without a sign as is', () => {
    expect(withCurrency('5 250', 'RUB')).toBe('5 250 ₽');
    expect(withCurrency('12,50', 'EUR')).toBe('12,50 €');
    expect(withCurrency('5,250', 'USD')).toBe('$5,250');
    expect(withCurrency('10', 'GBP')).toBe('£10');
    expect(currencySign('CHF')).toBe('CHF');
    expect(withCurrency('10', 'CHF')).toBe('10 CHF');
  });

  it('a number format with the sign as a quoted literal', () => {
    expect(moneyNumberFormat('RUB')).toBe('#,##0.00 "₽"');
    expect(moneyNumberFormat('EUR', 0)).toBe('#,##0 "€"');
    expect(moneyNumberFormat('USD')).toBe('"$"#,##0.00');
  });
});
