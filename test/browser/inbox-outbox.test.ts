// The playground's outbox buttons, in both staff languages: "Reply as this client" and "Bounce" on sent
// campaign mail, then +1 h; the hourly inbox step turns the reply into a request and the bounce into a
// suppressed client, and the campaign's list entry counts both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignView, RequestView } from '../../src/contract/sidebar-api';
import { DEMO_DRAFT_SUBJECT } from '../../local/playground/seed';
import { get, openStudio, post, type Studio } from './harness';

async function run<T>(studio: Studio, fn: string, ...args: unknown[]): Promise<T> {
  return ((await post(studio.server.url, '/api/run', { fn, args })) as { value: T }).value;
}

for (const locale of ['ru', 'en'] as const) {
  describe(`outbox buttons, staff in ${locale}`, () => {
    let studio: Studio;
    beforeAll(async () => {
      studio = await openStudio(locale);
    }, 60_000);
    afterAll(async () => studio.close());

    it('a reply becomes a request and a bounce suppresses the client after the next hourly run', async () => {
      const campaign = await run<CampaignView>(studio, 'createCampaign', {
        name: locale === 'ru' ? 'Проверка ответов' : 'Reply check',
        segmentId: 'all',
        template: `draft:${DEMO_DRAFT_SUBJECT}`,
        senderName: 'Studio',
        replyTo: '',
        scheduledAt: null,
        cost: 0,
      });
      const { count } = await run<{ count: number }>(studio, 'confirmCampaign', campaign.id);
      await run(studio, 'sendCampaign', campaign.id, count);
      const outbox = await get<Array<{ messageId: string; to: string[]; subject: string }>>(
        studio.server.url,
        '/api/outbox',
      );
      const [replied, bounced] = outbox;
      expect(replied && bounced).toBeTruthy();
      const emailRequests = async () =>
        (await run<RequestView[]>(studio, 'listOpenRequests')).filter((r) => r.channel === 'email');
      const before = new Set((await emailRequests()).map((r) => r.id));
      const page = await studio.browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${studio.server.url}/`);
      await page.locator(`button[data-reply="${replied?.messageId ?? ''}"]`).click();
      await page.locator('.toast', { hasText: 'The client replied' }).waitFor();
      await page.locator(`button[data-bounce="${bounced?.messageId ?? ''}"]`).click();
      await page.locator('.toast', { hasText: 'A bounce notice arrived' }).waitFor();
      await page.locator('button[data-advance="3600000"]').click();
      await expect.poll(async () => (await emailRequests()).length, { timeout: 20_000 }).toBe(before.size + 1);
      const request = (await emailRequests()).find((r) => !before.has(r.id));
      const view = (await run<CampaignView[]>(studio, 'listCampaigns')).find((c) => c.id === campaign.id);
      expect(view).toMatchObject({ replied: 1, bounced: 1 });
      // The request belongs to the client the replied mail went to.
      const clients = await get<{ rows: string[][] }>(
        studio.server.url,
        `/api/sheet?name=${encodeURIComponent('Клиенты')}&limit=100000`,
      );
      expect(clients.rows.find((row) => row.includes(request?.clientId ?? '?'))).toContain(replied?.to[0]);
      // The bounced client is suppressed: the demo workbook is Russian, so is its column title.
      const bouncedColumn = clients.rows[0]?.indexOf('Письмо не доставлено') ?? -1;
      expect(bouncedColumn).toBeGreaterThan(-1);
      const bouncedRow = clients.rows.find((row) => row.includes(bounced?.to[0] ?? '?'));
      expect(bouncedRow?.[bouncedColumn]).not.toBe('');
      const requestsTab = page.locator('#sheet-tabs button', { hasText: /^(Обращения|Requests)$/ });
      await requestsTab.click();
      await expect.poll(() => page.locator('#grid').textContent()).toContain(request?.clientId ?? '?');
      await page.close();
    }, 120_000);
  });
}
