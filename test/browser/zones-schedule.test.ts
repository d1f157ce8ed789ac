// A staff member whose browser is in Berlin schedules a campaign for the playground's studio, whose spreadsheet
// is in Moscow: what they type is Moscow time, and the sidebar shows it back as typed, the zone named.
//
//   Moscow is UTC+3 all year; Berlin is UTC+1 in November (so its clock is two hours behind Moscow's).
//   typed "2026-11-25T10:00"  →  10:00 − 3 h = 2026-11-25T07:00Z (read on Berlin's clock it would be 09:00Z)
//   composed "2026-11-26T09:30" →  06:30Z, offered again as 09:30 (Berlin's clock would show 07:30)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { translate, type MessageKey } from '../../src/i18n';
import type { CampaignView } from '../../src/contract/sidebar-api';
import { post, openStudio, settled, SIDEBAR_WIDTH, type Studio } from './harness';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

describe('a Berlin browser, a Moscow studio: times are the studio’s (en)', () => {
  let studio: Studio;
  let page: Page;

  const campaignNamed = async (name: string): Promise<CampaignView | undefined> =>
    (
      (await post(studio.server.url, '/api/run', { fn: 'listCampaigns', args: [] })) as { value: CampaignView[] }
    ).value.find((view) => view.name === name);

  /** Composes a campaign in the sidebar (optionally with a time typed), leaving its view open. */
  async function compose(name: string, when = ''): Promise<void> {
    await page.goto(`${studio.server.url}/sidebar`);
    await page.waitForSelector('#section-picker');
    await page.selectOption('#section-picker', 'campaigns');
    await settled(page);
    const form = page.locator('form.compose');
    await form.locator('input').first().fill(name);
    await form.locator('select').first().selectOption('rfm:champions');
    await form.locator('select[data-part=template]').selectOption('winter-sale');
    if (when) await form.locator('input[type=datetime-local]').fill(when);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('.campaign-preview');
  }

  beforeAll(async () => {
    studio = await openStudio('en');
    const context = await studio.browser.newContext({
      timezoneId: 'Europe/Berlin',
      viewport: { width: SIDEBAR_WIDTH, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('the browser really is in Berlin', async () => {
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Berlin');
  });

  it('schedules 10:00 as 10:00 Moscow (07:00Z), shows it as typed with the zone, and sends then', async () => {
    await compose('Moscow morning');
    const at = page.locator('input[type=datetime-local]');
    // The field says whose clock it is before anything is typed.
    await expect
      .poll(() => page.locator('.hint').allTextContents())
      .toContain(t('ui.campaigns.scheduleZone', { zone: 'Europe/Moscow' }));
    await at.fill('2026-11-25T10:00');
    const schedule = page.getByRole('button', { name: t('ui.campaigns.scheduleSend'), exact: true });
    await expect.poll(() => schedule.isDisabled()).toBe(false);
    await schedule.click();
    // en: "d MMM yyyy, HH:mm" on the sheet's clock, then the zone.
    const shown = t('ui.campaigns.scheduledFor', { at: '25 Nov 2026, 10:00 (Europe/Moscow)' });
    await expect.poll(() => page.locator('.scheduled-at').textContent()).toBe(shown);
    // The list says it too.
    await page.selectOption('#section-picker', 'overview');
    await page.selectOption('#section-picker', 'campaigns');
    await settled(page);
    const row = page.locator('li', { hasText: 'Moscow morning' });
    await expect.poll(() => row.locator('.scheduled-at').textContent()).toBe(shown);
    const view = await campaignNamed('Moscow morning');
    expect(view?.status).toBe('scheduled');
    expect(view?.scheduledAt).toBe('2026-11-25T07:00:00.000Z');

    // The playground starts at 2026-11-24T09:00Z: to 06:59Z nothing of it goes, by 07:15Z it has gone.
    const winter = async () =>
      ((await (await fetch(`${studio.server.url}/api/outbox`)).json()) as { subject: string }[]).filter((mail) =>
        /winter emotes on sale|зимние эмоуты со скидкой/.test(mail.subject),
      ).length;
    await post(studio.server.url, '/api/clock', {
      ms: Date.parse('2026-11-25T06:59:00Z') - Date.parse('2026-11-24T09:00:00Z'),
    });
    expect(await winter()).toBe(0);
    await post(studio.server.url, '/api/clock', { ms: 16 * 60_000 });
    expect(await winter()).toBeGreaterThan(0);
    expect((await campaignNamed('Moscow morning'))?.status).toBe('done');
  });

  it('a time typed while composing is Moscow time too, and the campaign offers it again as typed', async () => {
    await compose('Composed at 09:30', '2026-11-26T09:30');
    expect((await campaignNamed('Composed at 09:30'))?.scheduledAt).toBe('2026-11-26T06:30:00.000Z');
    expect(await page.locator('input[type=datetime-local]').inputValue()).toBe('2026-11-26T09:30');
  });
});
