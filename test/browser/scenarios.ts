// The sidebar used as staff use it, section by section, in one language. Each *.test.ts file runs
// these with its own playground server and browser, so the two languages run side by side.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n';
import { DEMO_DRAFT_SUBJECT } from '../../local/playground/seed';
import type { CampaignPreview, CampaignView, FlowActivityView, OverviewView } from '../../src/contract/sidebar-api';
import { get, openSection, post, openStudio, screenshot, settled, type Studio } from './harness';

interface SheetView {
  rows: string[][];
}

/** A server answer through the playground's /api/run. */
async function run<T>(studio: Studio, fn: string, ...args: unknown[]): Promise<T> {
  return ((await post(studio.server.url, '/api/run', { fn, args })) as { value: T }).value;
}

export function sidebarScenarios(locale: 'ru' | 'en'): void {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  /** The whole catalog sentence, each {placeholder} standing for some non-empty text. */
  const sentence = (key: MessageKey) =>
    new RegExp(
      `^${t(key)
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{\w+\}/g, '.+')}$`,
    );
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
      const options = await studio.sidebar.$$eval('#section-picker option', (nodes) =>
        nodes.map((node) => node.textContent),
      );
      expect(options).toContain(t('ui.section.settings'));
    });

    it('overview: KPI tiles with the previous period, and what needs attention', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'overview');
      await settled(page);
      const overview = await run<OverviewView>(studio, 'getOverview');
      expect(await page.locator('.tile').count()).toBe(overview.tiles.length);
      // Each tile is named by its catalog word and shows the previous period in the catalog's whole sentence.
      expect(await page.locator('.tile .name').allTextContents()).toEqual(
        overview.tiles.map((tile) => t(`analysis.kpi.${tile.key}` as MessageKey)),
      );
      for (const before of await page.locator('.tile .before').allTextContents())
        expect(before).toMatch(sentence('ui.overview.previous'));
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
      const reason = locale === 'ru' ? 'Подарок за стрим' : 'Stream gift';
      await page.fill('form.adjust-points input[type=text]', reason);
      await page.click('form.adjust-points button[type=submit]');
      await expect
        .poll(async () => Number(await page.locator('[data-balance]').getAttribute('data-balance')))
        .toBe(before + 50);
      const ledger = await get<SheetView>(
        studio.server.url,
        `/api/sheet?name=${encodeURIComponent('Баллы')}&limit=100000`,
      );
      // One ledger row for this adjustment: the client, +50, and the reason as typed.
      expect(
        ledger.rows.filter((row) => row.includes('C-00001') && row.includes('50') && row.includes(reason)),
      ).toHaveLength(1);
      await screenshot(page, locale, 'clients');
    });

    it('segments: a rule shows the live count the server computes', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'segments');
      await settled(page);
      await page.selectOption('.rule select[data-part=field]', 'order_count');
      await page.selectOption('.rule select[data-part=op]', 'ge');
      await page.fill('.rule input[data-part=value]', '3');
      const answer = (await post(studio.server.url, '/api/run', {
        fn: 'previewSegment',
        args: [{ match: 'all', rules: [{ field: 'order_count', op: 'ge', value: 3 }] }],
      })) as { value: { count: number } };
      await expect
        .poll(() => page.textContent('.builder .count'))
        .toBe(t('ui.segments.count', { count: answer.value.count }));
      expect(await page.locator('.builder .sample li').count()).toBeGreaterThan(0);
      await page.fill(
        '.builder input[type=text]:not([data-part])',
        locale === 'ru' ? 'Три заказа и больше' : 'Three orders or more',
      );
      await page.click('.builder button[type=submit]');
      await expect
        .poll(() =>
          page
            .locator('.saved-segments li', {
              hasText: locale === 'ru' ? 'Три заказа и больше' : 'Three orders or more',
            })
            .count(),
        )
        .toBe(1);
      await screenshot(page, locale, 'segments');
    });

    it('segments: a nested group of conditions counts as the server does', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'segments');
      await settled(page);
      const top = page.locator('.builder > .rules > .rule').first();
      await top.locator('select[data-part=field]').selectOption('order_count');
      await top.locator('select[data-part=op]').selectOption('ge');
      await top.locator('input[data-part=value]').fill('1');
      await page.click('.builder button[data-part=add-group]');
      const group = page.locator('.builder .rule-group');
      await group.locator('select[data-part=group-match]').selectOption('any');
      await group.locator('.rule select[data-part=field]').selectOption('order_count');
      await group.locator('.rule select[data-part=op]').selectOption('ge');
      await group.locator('.rule input[data-part=value]').fill('5');
      await group.getByRole('button', { name: t('ui.segments.addRule') }).click();
      const second = group.locator('.rule').nth(1);
      await second.locator('select[data-part=field]').selectOption('order_count');
      await second.locator('select[data-part=op]').selectOption('eq');
      await second.locator('input[data-part=value]').fill('1');
      const tree = {
        match: 'all',
        rules: [
          { field: 'order_count', op: 'ge', value: 1 },
          {
            match: 'any',
            rules: [
              { field: 'order_count', op: 'ge', value: 5 },
              { field: 'order_count', op: 'eq', value: 1 },
            ],
          },
        ],
      };
      const answer = (await post(studio.server.url, '/api/run', { fn: 'previewSegment', args: [tree] })) as {
        value: { ok: boolean; count: number; rules: string };
      };
      expect(answer.value.ok).toBe(true);
      await expect
        .poll(() => page.textContent('.builder .count'))
        .toBe(t('ui.segments.count', { count: answer.value.count }));
      expect(await page.inputValue('.builder textarea[data-part=rules-text]')).toBe(answer.value.rules);
      await screenshot(page, locale, 'segments-group');
    });

    it('campaigns: compose, preview, send, and the mails are in the outbox', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'campaigns');
      await settled(page);
      const compose = page.locator('form.compose');
      const campaignName = locale === 'ru' ? 'Зимняя распродажа' : 'Winter sale';
      await compose.locator('input').first().fill(campaignName);
      await compose.locator('select').first().selectOption('rfm:champions');
      // The template picker offers the Templates sheet's rows and the Gmail draft made for the demo.
      const picker = compose.locator('select[data-part=template]');
      const offered = await picker
        .locator('option')
        .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
      expect(offered).toEqual(expect.arrayContaining(['winter-sale', 'welcome', `draft:${DEMO_DRAFT_SUBJECT}`]));
      expect(
        await picker.locator('optgroup').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('label'))),
      ).toEqual([t('ui.templates.fromSheet'), t('ui.templates.fromDrafts')]);
      await picker.selectOption('winter-sale');
      expect(await compose.locator('input[data-part=template-typed]').isHidden()).toBe(true);
      await screenshot(page, locale, 'campaign-compose');
      await compose.locator('button[type=submit]').click();
      await page.waitForSelector('.campaign-preview [data-subject]');
      const campaignId = (await run<CampaignView[]>(studio, 'listCampaigns')).find(
        (campaign) => campaign.name === campaignName,
      )?.id;
      const { recipients } = await run<CampaignPreview>(studio, 'previewCampaign', campaignId, null);
      expect(recipients).toBeGreaterThan(0);
      expect(await page.locator('.campaign-preview p').allTextContents()).toContain(
        t('ui.campaigns.recipients', { count: recipients }),
      );
      // The mail itself shows in the preview frame, merged for this recipient.
      await expect
        .poll(() => page.frameLocator('.preview-mail').locator('body').textContent(), { timeout: 5_000 })
        .toContain('До конца декабря');
      await screenshot(page, locale, 'campaigns');
      const outboxBefore = (await get<unknown[]>(studio.server.url, '/api/outbox')).length;
      const send = page.locator('button.action', { hasText: t('ui.campaigns.send') });
      await send.click();
      await send.click();
      await page.waitForSelector('.progress[data-status="done"]');
      const outbox = await get<Array<{ subject: string; to: string[] }>>(studio.server.url, '/api/outbox');
      expect(outbox.length).toBe(outboxBefore + recipients); // the second press sends nothing twice
      expect(outbox.some((mail) => /зимние эмоуты/.test(mail.subject))).toBe(true);

      // The client card of one recipient lists the campaign among the mails received.
      const recipient = outbox.find((mail) => /зимние эмоуты/.test(mail.subject))?.to[0] ?? '';
      await openSection(studio, 'clients');
      await page.fill('input[type=search]', recipient);
      await page.click('form.search button[type=submit]');
      await page.locator('[data-client]').first().click();
      await settled(page);
      const mail = page.locator('.client-card .mails li', { hasText: campaignName });
      expect(await mail.count()).toBe(1);
      expect(await mail.getAttribute('data-status')).toBe('sent');
      expect(await mail.textContent()).toContain(locale === 'ru' ? 'Отправлено' : 'Sent');
      await page.locator('.client-card .mails').scrollIntoViewIfNeeded();
      await screenshot(page, locale, 'client-mails');
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
      const flows = (await post(studio.server.url, '/api/run', { fn: 'listAutomations', args: [] })) as {
        value: Array<{ flow: string; enabled: boolean }>;
      };
      expect(flows.value.find((flow) => flow.flow === 'birthday')?.enabled).toBe(true);
      await screenshot(page, locale, 'automations');
    });

    it('automations: each flow shows what it sent lately, and its template is picked from the list', async () => {
      const page = studio.sidebar;
      // Flows are off until switched on and never mail history: this test switches the birthday flow on
      // itself, then a week passes, and the hourly trigger mails the birthdays that fall in it.
      await post(studio.server.url, '/api/run', {
        fn: 'saveAutomation',
        args: [{ flow: 'birthday', enabled: true, delayDays: 0, template: 'birthday' }],
      });
      await post(studio.server.url, '/api/clock', { ms: 7 * 24 * 3_600_000 });
      const activity = await run<FlowActivityView[]>(studio, 'getFlowActivity');
      const busiest = activity.filter((flow) => flow.recent.length > 0).sort((a, b) => b.sent - a.sent)[0];
      expect(busiest?.sent).toBeGreaterThan(0);
      await openSection(studio, 'automations');
      await settled(page);
      const form = page.locator(`form[data-flow="${busiest?.flow}"]`);
      const lines = form.locator('.flow-activity li');
      expect(await lines.count()).toBe(busiest?.recent.length);
      expect(await lines.first().textContent()).toContain(busiest?.recent[0]?.email ?? '?');
      const { days = 0, sent = 0, skipped = 0, failed = 0, queued = 0 } = busiest ?? {};
      expect(days).toBe(30);
      expect(await form.locator('p.secondary').allTextContents()).toContain(
        t('ui.automations.lately', { days, sent, skipped, failed, queued }),
      );
      // The flow's current template is selected in the picker.
      const flows = (await post(studio.server.url, '/api/run', { fn: 'listAutomations', args: [] })) as {
        value: Array<{ flow: string; template: string }>;
      };
      expect(await form.locator('select[data-part=template]').inputValue()).toBe(
        flows.value.find((flow) => flow.flow === busiest?.flow)?.template,
      );
      await form.scrollIntoViewIfNeeded();
      await screenshot(page, locale, 'automations-activity');
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
      await openSection(studio, 'settings');
      await settled(page);
      const form = page.locator('form[data-setting="loyalty.bonusFeedback"]');
      await form.locator('input').fill('many');
      await form.locator('button').click();
      await expect.poll(() => form.locator('.status.error').textContent()).toBe(t('ui.settings.needsNumber'));
    });

    it('the playground page shows the sheets and opens the sidebar from the add-on menu', async () => {
      const page = await studio.browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(studio.server.url);
        await page.waitForSelector('#sheet-tabs button');
        // It opens on the client database, not on a form's answers sheet.
        expect(await page.locator('#sheet-tabs button[aria-selected="true"]').textContent()).toMatch(
          /^(Клиенты|Clients)$/,
        );
        const drawer = await page.locator('.drawer').boundingBox();
        expect(drawer?.height ?? 800).toBeLessThanOrEqual(800 * 0.34 + 1);
        expect(
          await page.locator('#drawer-tabs').evaluate((node) => node.getBoundingClientRect().height),
        ).toBeGreaterThan(20);
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
