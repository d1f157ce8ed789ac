// The sidebar used as staff use it, section by section, in one language. Each *.test.ts file runs
// these with its own playground server and browser, so the two languages run side by side.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n';
import { get, openSection, post, openStudio, screenshot, settled, type Studio } from './harness';

interface SheetView {
  rows: string[][];
}

export function sidebarScenarios(locale: 'ru' | 'en'): void {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  let studio: Studio;

  describe(`the sidebar in ${locale}`, () => {
    beforeAll(async () => {
      studio = await openStudio(locale);
    });
    afterAll(async () => {
      await studio?.close();
    });

    it('opens at the overview section with the section picker labelled in the staff language', async () => {
      await studio.sidebar.goto(`${studio.server.url}/sidebar`);
      await studio.sidebar.waitForSelector('#section-picker');
      expect(await studio.sidebar.textContent('label[for="section-picker"]')).toBe(t('ui.section.label'));
      const options = await studio.sidebar.$$eval('#section-picker option', (nodes) => nodes.map((node) => node.textContent));
      expect(options).toContain(t('ui.section.settings'));
    });

    it('overview: KPI tiles with the previous period, and what needs attention', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'overview');
      await settled(page);
      expect(await page.locator('.tile').count()).toBeGreaterThan(3);
      expect(await page.locator('.tile .before').first().textContent()).toMatch(new RegExp(t('ui.overview.previous', { value: '' }).trim().slice(0, 4)));
      expect(await page.textContent('#section')).toContain(t('ui.overview.attention'));
      await screenshot(page, locale, 'overview');
    });

    it('clients: finds a client, adjusts points, and the card and the ledger sheet show the change', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'clients');
      await page.fill('input[type=search]', 'frostneko22');
      await page.click('form.search button[type=submit]');
      await page.click('[data-client="C-00001"]');
      await settled(page);
      const balance = page.locator('[data-balance]');
      const before = Number(await balance.getAttribute('data-balance'));
      await page.fill('form.adjust-points input[type=number]', '50');
      await page.fill('form.adjust-points input[type=text]', locale === 'ru' ? 'Подарок за стрим' : 'Stream gift');
      await page.click('form.adjust-points button[type=submit]');
      await expect.poll(async () => Number(await page.locator('[data-balance]').getAttribute('data-balance'))).toBe(before + 50);
      const ledger = await get<SheetView>(studio.server.url, `/api/sheet?name=${encodeURIComponent('Баллы')}&limit=100000`);
      expect(ledger.rows.some((row) => row.includes('C-00001') && row.includes('50') && row.some((cell) => /Stream gift|Подарок за стрим/.test(cell)))).toBe(true);
      await screenshot(page, locale, 'clients');
    });

    it('segments: a rule shows the live count the server computes', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'segments');
      await settled(page);
      await page.selectOption('.rule select[data-part=field]', 'order_count');
      await page.selectOption('.rule select[data-part=op]', 'ge');
      await page.fill('.rule input[data-part=value]', '3');
      const answer = (await post(studio.server.url, '/api/run', { fn: 'previewSegment', args: [{ match: 'all', rules: [{ field: 'order_count', op: 'ge', value: 3 }] }] })) as { value: { count: number } };
      await expect.poll(() => page.textContent('.builder .count')).toBe(t('ui.segments.count', { count: answer.value.count }));
      expect(await page.locator('.builder .sample li').count()).toBeGreaterThan(0);
      await page.fill('.builder input[type=text]:not([data-part])', locale === 'ru' ? 'Три заказа и больше' : 'Three orders or more');
      await page.click('.builder button[type=submit]');
      await expect.poll(() => page.locator('.saved-segments li', { hasText: locale === 'ru' ? 'Три заказа и больше' : 'Three orders or more' }).count()).toBe(1);
      await screenshot(page, locale, 'segments');
    });

    it('campaigns: compose, preview, send, and the mails are in the outbox', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'campaigns');
      await settled(page);
      const compose = page.locator('form.compose');
      await compose.locator('input').first().fill(locale === 'ru' ? 'Зимняя распродажа' : 'Winter sale');
      await compose.locator('select').selectOption('rfm:champions');
      await compose.locator('input').nth(1).fill('winter-sale');
      await compose.locator('button[type=submit]').click();
      await page.waitForSelector('.campaign-preview [data-subject]');
      expect(await page.textContent('.campaign-preview')).toContain(t('ui.campaigns.recipients', { count: '' }).trim().slice(0, 5));
      await screenshot(page, locale, 'campaigns');
      const outboxBefore = (await get<unknown[]>(studio.server.url, '/api/outbox')).length;
      const send = page.locator('button.action', { hasText: t('ui.campaigns.send') });
      await send.click();
      await send.click();
      await page.waitForSelector('.progress[data-status="done"]');
      const outbox = await get<Array<{ subject: string }>>(studio.server.url, '/api/outbox');
      expect(outbox.length).toBeGreaterThan(outboxBefore);
      expect(outbox.some((mail) => /зимние эмоуты/.test(mail.subject))).toBe(true);
    });

    it('automations: switching a flow on is saved at once', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'automations');
      await settled(page);
      const birthday = page.locator('form[data-flow="birthday"]');
      const box = birthday.locator('input[type=checkbox]');
      if (await box.isChecked()) {
        await box.uncheck();
        await expect.poll(() => birthday.locator('.status').textContent()).toContain(t('ui.automations.stateOff'));
      }
      await box.check();
      await expect.poll(() => birthday.locator('.status').textContent()).toContain(t('ui.automations.stateOn'));
      const flows = (await post(studio.server.url, '/api/run', { fn: 'listAutomations', args: [] })) as { value: Array<{ flow: string; enabled: boolean }> };
      expect(flows.value.find((flow) => flow.flow === 'birthday')?.enabled).toBe(true);
      await screenshot(page, locale, 'automations');
    });

    it('forms: links, answer counts and a QR code drawn in the sidebar', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'forms');
      await settled(page);
      expect(await page.locator('.qr svg').count()).toBe(1);
      expect(await page.locator('.qr svg rect, .qr svg path').count()).toBeGreaterThan(0);
      expect(await page.textContent('#section')).toContain(t('ui.forms.answers', { count: 0 }));
      await screenshot(page, locale, 'forms');
    });

    it('changes a setting and the Settings sheet holds the new value', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'settings');
      await settled(page);
      const form = page.locator('form[data-setting="loyalty.bonusFeedback"]');
      await form.locator('input').fill('75');
      await form.locator('button').click();
      await expect.poll(() => form.locator('.status').textContent()).toBe(t('ui.saved'));
      const sheetName = locale === 'ru' ? 'Настройки' : 'Settings';
      const state = await get<{ sheets: string[] }>(studio.server.url, '/api/state');
      const name = state.sheets.find((candidate) => candidate === 'Настройки' || candidate === 'Settings') ?? sheetName;
      const sheet = await get<SheetView>(studio.server.url, `/api/sheet?name=${encodeURIComponent(name)}`);
      expect(sheet.rows.find((row) => row[0] === 'loyalty.bonusFeedback')?.[1]).toBe('75');
      await screenshot(page, locale, 'settings');
    });

    it('refuses an invalid setting with the server sentence in the staff language', async () => {
      const page = studio.sidebar;
      const form = page.locator('form[data-setting="loyalty.bonusFeedback"]');
      await form.locator('input').fill('many');
      await form.locator('button').click();
      await expect.poll(() => form.locator('.status.error').textContent()).toBe(t('settings.invalid', { key: 'loyalty.bonusFeedback', value: 'many' }));
    });

    it('the playground page shows the sheets and opens the sidebar from the add-on menu', async () => {
      const page = await studio.browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(studio.server.url);
        await page.waitForSelector('#sheet-tabs button');
        await page.click('#extensions');
        await page.click('[data-menu="openSidebar"]');
        const frame = page.frameLocator('#sidebar');
        await expect.poll(() => frame.locator('label[for="section-picker"]').textContent()).toBe(t('ui.section.label'));
        await frame.locator('.tile').first().waitFor();
        mkdirSync('artifacts/screenshots', { recursive: true });
        await page.screenshot({ path: `artifacts/screenshots/${locale}-playground.png` });
      } finally {
        await page.close();
      }
    });

    it('shows help', async () => {
      await openSection(studio, 'help');
      expect(await studio.sidebar.textContent('#section')).toContain(t('ui.help.start'));
      await screenshot(studio.sidebar, locale, 'help');
    });
  });
}
