// Issue #17 walked in one language: segment rules in words, Settings as a form, goals, the 5W card, the
// playground as Sheets. Shared by words-features-ru/en.test.ts; expectations are written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSection, openStudio, settled, type Studio } from './harness';

type Words = Record<'ru' | 'en', string>;
const say = (locale: 'ru' | 'en', words: Words): string => words[locale];

export function wordsFeatures(locale: 'ru' | 'en'): void {
  let studio: Studio;
  describe(`issue 17 in ${locale}`, () => {
    beforeAll(async () => {
      studio = await openStudio(locale);
    });
    afterAll(async () => {
      await studio?.close();
    });

    it('segments: built-in rules read as words, values are picked from lists, the text editor is behind Advanced', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'segments');
      await settled(page);
      // The built-in VIP segment is `tier in [vip]` in the sheet.
      await expect
        .poll(() => page.locator('[data-segment="vip"] [data-part=words]').textContent())
        .toBe(say(locale, { ru: 'Уровень лояльности: vip', en: 'Loyalty tier: vip' }));
      expect(await page.locator('textarea[data-part=rules-text]').isVisible()).toBe(false);
      await page.click('details.advanced summary');
      expect(await page.locator('textarea[data-part=rules-text]').isVisible()).toBe(true);

      const rule = page.locator('.builder > .rules > .rule').first();
      await rule.locator('select[data-part=field]').selectOption('topic');
      expect(await rule.locator('input[data-part=value]').isVisible()).toBe(false);
      const topics = await rule.locator('select[data-part=choice] option').allTextContents();
      expect(topics).toContain(say(locale, { ru: 'Творчество', en: 'Art' }));
      expect(topics).not.toContain('art');

      await rule.locator('select[data-part=field]').selectOption('order_count');
      await rule.locator('select[data-part=op]').selectOption('ge');
      await rule.locator('input[data-part=value]').fill(say(locale, { ru: 'два', en: 'two' }));
      expect(await rule.locator('[data-part=hint]').textContent()).toBe(
        say(locale, { ru: 'Напишите число, например 2.', en: 'Write a number, e.g. 2.' }),
      );
      await rule.locator('input[data-part=value]').fill('2');
      expect(await rule.locator('[data-part=hint]').textContent()).toBe('');
    });
  });
}
