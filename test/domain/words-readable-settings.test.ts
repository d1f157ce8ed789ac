// Tiers and discounts in the Settings sheet as words staff read and edit, read back to the values loyalty uses.
import { describe, expect, it } from 'vitest';
import { parsePercentMapText, parseTiersText, percentMapText, settingValue, tiersText } from '../../src/domain/schema';
import { DEFAULT_LOYALTY_SETTINGS } from '../../src/domain/loyalty/settings';

const demo = [
  { name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 },
  { name: 'Silver', threshold: 15000, multiplier: 1.25, upBonus: 100 },
];

describe('tiers as words', () => {
  it('writes each tier as a phrase, decimals as the sheet writes them', () => {
    expect(tiersText(demo, 'ru')).toBe('Bronze: от 0, ×1, бонус 0; Silver: от 15000, ×1,25, бонус 100');
    expect(tiersText(demo, 'en')).toBe('Bronze: from 0, ×1, bonus 0; Silver: from 15000, ×1.25, bonus 100');
    // English words in a Russian-locale sheet: the decimal comma stays.
    expect(tiersText(demo, 'en', 'ru')).toBe('Bronze: from 0, ×1, bonus 0; Silver: from 15000, ×1,25, bonus 100');
  });

  it('reads them back, in either language, with spaces in thousands and parts left out', () => {
    expect(parseTiersText(tiersText(demo, 'ru'), 'ru')).toEqual(demo);
    expect(parseTiersText(tiersText(demo, 'en'), 'en')).toEqual(demo);
    // Typed by hand over two lines: no multiplier means ×1, no bonus means 0.
    expect(parseTiersText('Bronze: от 0\nGold: от 40 000, бонус 250', 'ru')).toEqual([
      { name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 },
      { name: 'Gold', threshold: 40000, multiplier: 1, upBonus: 250 },
    ]);
    expect(parseTiersText('Gold: from 40,000, x1.5', 'en')).toEqual([
      { name: 'Gold', threshold: 40000, multiplier: 1.5, upBonus: 0 },
    ]);
  });

  it('refuses text that is not tiers', () => {
    expect(parseTiersText('Bronze, Silver', 'ru')).toBeUndefined(); // no "name:"
    expect(parseTiersText('Silver: от много', 'ru')).toBeUndefined();
    expect(parseTiersText('Silver: ×2', 'ru')).toBeUndefined(); // no threshold
  });
});

describe('discounts as words', () => {
  it('writes and reads "name: N %"', () => {
    expect(percentMapText({ Silver: 5, Gold: 7.5 }, 'ru')).toBe('Silver: 5 %; Gold: 7,5 %');
    expect(parsePercentMapText('Silver: 5 %; Gold: 7,5 %', 'ru')).toEqual({ Silver: 5, Gold: 7.5 });
    expect(parsePercentMapText('Silver: пять', 'ru')).toBeUndefined();
  });
});

describe('settingValue', () => {
  it('reads the words, and the JSON of older sheets, as the loyalty settings', () => {
    expect(settingValue('Bronze: от 0; VIP: от 100 000, ×2, бонус 500', DEFAULT_LOYALTY_SETTINGS.tiers, 'ru')).toEqual([
      { name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 },
      { name: 'VIP', threshold: 100000, multiplier: 2, upBonus: 500 },
    ]);
    expect(settingValue(JSON.stringify(demo), DEFAULT_LOYALTY_SETTINGS.tiers, 'ru')).toEqual(demo);
    expect(settingValue('Gold: 10 %', DEFAULT_LOYALTY_SETTINGS.discountByTier, 'ru')).toEqual({ Gold: 10 });
    expect(settingValue('VIP: 15 %', DEFAULT_LOYALTY_SETTINGS.discountBySegment, 'en')).toEqual({ VIP: 15 });
  });
});
