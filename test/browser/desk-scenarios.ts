// The staff desk in the playground's sidebar, in one language: every action a server call offers is
// done as staff would (typing, choosing, pressing), and its effect is read back from the sheet cells.
// Sheets stay in the workbook's language (Russian); the sidebar speaks the staff's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n';
import { enumLabel } from '../../src/domain/cells/enums';
import type { CampaignView, SegmentView, TemplateOption } from '../../src/contract/sidebar-api';
import { columnTitle, sheetTitle, type FixtureSheet } from '../support/sheet-fixtures';
import type { Locator } from 'playwright-core';
import { get, openSection, openStudio, post, settled, type Studio } from './harness';

async function run<T>(studio: Studio, fn: string, ...args: unknown[]): Promise<T> {
  return ((await post(studio.server.url, '/api/run', { fn, args })) as { value: T }).value;
}

/** A number as the sidebar writes it (1 234 in Russian, with a no-break space). */
function numberIn(locale: 'ru' | 'en', value: number): string {
  return value.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 0 });
}

export function deskScenarios(locale: 'ru' | 'en'): void {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  /** `624 балла`, `1 point`: the catalog's plural word, picked by hand-written rules. */
  const points = (count: number): string => {
    const rule = new Intl.PluralRules(locale === 'ru' ? 'ru-RU' : 'en-GB').select(count);
    const form = rule === 'one' || rule === 'few' || rule === 'many' ? rule : locale === 'ru' ? 'many' : 'other';
    return t(`ui.count.points.${form}` as MessageKey, { count: numberIn(locale, count) });
  };
  let studio: Studio;

  /** A sheet as header-keyed rows (display texts), with each row's 1-based sheet row number. */
  async function sheet(name: FixtureSheet): Promise<Array<{ row: number; cell: (key: string) => string }>> {
    const title = encodeURIComponent(sheetTitle(name, 'ru'));
    const { rows } = await get<{ rows: string[][] }>(studio.server.url, `/api/sheet?name=${title}&limit=100000`);
    const [header = [], ...body] = rows;
    return body.map((cells, index) => ({
      row: index + 2,
      cell: (key: string) => String(cells[header.indexOf(columnTitle(name, key, 'ru'))] ?? ''),
    }));
  }
  const count = (text: string): number => Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));

  /** The status line's sentence once the press is answered (neither blank nor "Working…"). */
  async function answerOf(status: Locator): Promise<string> {
    let text = '';
    await expect
      .poll(async () => (text = (await status.textContent()) ?? ''), { timeout: 15_000 })
      .not.toMatch(new RegExp(`^(|${t('ui.working')})$`));
    return text;
  }

  async function openCard(clientId: string): Promise<void> {
    await openSection(studio, 'clients');
    await settled(studio.sidebar);
    await studio.sidebar.locator('form.search input[type=search]').fill(clientId);
    await studio.sidebar.locator('form.search button[type=submit]').click();
    await studio.sidebar.locator(`button[data-client="${clientId}"]`).click();
    await studio.sidebar.waitForSelector(`[data-client-card="${clientId}"]`);
    await settled(studio.sidebar);
  }

  describe(`the staff desk, in ${locale}`, () => {
    beforeAll(async () => {
      studio = await openStudio(locale);
    });
    afterAll(async () => {
      await studio?.close();
    });

    it('open requests: who, the channel word, waiting past the 2-hour target; marking one answered writes its time', async () => {
      const page = studio.sidebar;
      const open = (await sheet('requests')).filter((request) => request.cell('answeredAt') === '');
      expect(open.length).toBeGreaterThan(0);
      await openSection(studio, 'clients');
      await settled(page);
      const items = page.locator('.open-requests li[data-request]');
      expect(await items.count()).toBe(open.length);
      // The demo's requests came in 2025; the playground's clock stands in November 2026: all are late.
      expect(await page.locator('.open-requests li[data-late]').count()).toBe(open.length);
      const first = items.first();
      const id = (await first.getAttribute('data-request')) ?? '';
      const row = open.find((request) => request.cell('id') === id);
      if (!row) throw new Error(`request ${id} is not open on the sheet`);
      const channel = (await run<Array<{ id: string; channel: string }>>(studio, 'listOpenRequests')).find(
        (request) => request.id === id,
      )?.channel;
      expect(await first.textContent()).toContain(enumLabel('requestChannel', channel ?? '', locale));
      expect(await first.locator('.waiting').textContent()).toMatch(
        new RegExp(
          t('ui.desk.pastTarget', { waiting: '.+', target: '.+' }).replace(/[.()]/g, (c) =>
            c === '.' ? '.' : `\\${c}`,
          ),
        ),
      );
      await first.locator('button', { hasText: t('ui.clients.markAnswered') }).click();
      await page.waitForSelector(`.open-requests li.answered`);
      expect(await page.locator('.open-requests li.answered').textContent()).toBe(t('ui.desk.answeredNow', { id }));
      const after = (await sheet('requests')).find((request) => request.cell('id') === id);
      expect(after?.cell('answeredAt')).not.toBe('');
    });

    it('update points now: the summary names the ledger rows it added; a second press adds none', async () => {
      const page = studio.sidebar;
      // A completed order the ledger has not seen yet: the run must earn its points.
      const order = (await sheet('orders')).find((candidate) => /выполнен/i.test(candidate.cell('status')));
      const header = ['id', 'clientId', 'date', 'product', 'quantity', 'amount', 'status'];
      const values = [
        `O-DESK-${locale}`,
        order?.cell('clientId'),
        '2026-11-20',
        'Desk emote',
        '1',
        '5000',
        order?.cell('status'),
      ];
      await run(
        studio,
        'importPasted',
        'orders',
        `${header.map((key) => columnTitle('orders', key, 'ru')).join('\t')}\n${values.join('\t')}`,
      );
      const before = (await sheet('loyalty')).length;
      await openSection(studio, 'clients');
      await settled(page);
      const block = page.locator('.loyalty-run');
      await block.locator('button').click();
      const first = await answerOf(block.locator('.status'));
      const added = (await sheet('loyalty')).length - before;
      expect(added).toBeGreaterThan(0);
      const clients = /(\d[\d\s\u00a0\u202f]*)\D*$/.exec(first)?.[1] ?? '';
      expect(first).toBe(t('ui.desk.loyaltyDone', { entries: numberIn(locale, added), clients: clients.trim() }));
      await block.locator('button').click();
      await block.locator('button:not([disabled])').waitFor();
      // Everything is settled now: nothing new to append (0 entries), whatever it refreshes.
      expect(await answerOf(block.locator('.status'))).toMatch(
        new RegExp(
          `^${t('ui.desk.loyaltyDone', { entries: '0', clients: 'X' }).replace(/[.]/g, '\\.').replace('X', '\\d+')}$`,
        ),
      );
      expect((await sheet('loyalty')).length - before).toBe(added);
    });

    it('redeem points on an order: one ledger row of minus the points, the sentence and the card give the new balance', async () => {
      const ledger = await sheet('loyalty');
      const balances = new Map<string, number>();
      for (const entry of ledger)
        balances.set(entry.cell('clientId'), (balances.get(entry.cell('clientId')) ?? 0) + count(entry.cell('points')));
      const redeemed = new Set(ledger.filter((entry) => count(entry.cell('points')) < 0).map((e) => e.cell('orderId')));
      const orders = await sheet('orders');
      // A client with at least 30 points and a completed order nothing was redeemed on yet.
      const order = orders.find(
        (candidate) =>
          (balances.get(candidate.cell('clientId')) ?? 0) >= 30 &&
          !redeemed.has(candidate.cell('id')) &&
          /выполнен/i.test(candidate.cell('status')),
      );
      if (!order) throw new Error('the demo studio has no client with points and a completed order');
      const clientId = order.cell('clientId');
      const balance = balances.get(clientId) ?? 0;
      await openCard(clientId);
      const form = studio.sidebar.locator('form.redeem-points');
      await form.locator('input[data-part=order]').fill(order.cell('id'));
      await form.locator('input[data-part=points]').fill('30');
      await form.locator('button[type=submit]').click();
      // Balance before, from the sheet's own rows, less the 30 redeemed.
      expect(await answerOf(form.locator('.status'))).toBe(
        t('ui.desk.redeemed', { points: points(30), order: order.cell('id'), balance: points(balance - 30) }),
      );
      expect(await studio.sidebar.locator('[data-balance]').getAttribute('data-balance')).toBe(String(balance - 30));
      const rows = (await sheet('loyalty')).filter(
        (entry) => entry.cell('orderId') === order.cell('id') && count(entry.cell('points')) < 0,
      );
      expect(rows.map((entry) => [entry.cell('clientId'), count(entry.cell('points'))])).toEqual([[clientId, -30]]);
    });

    it('issue a discount code, look it up, mark it used on an order: the Discount codes row says so', async () => {
      const [segment] = await run<SegmentView[]>(studio, 'listSegments');
      const [template] = await run<TemplateOption[]>(studio, 'listTemplates');
      const campaign = await run<CampaignView>(studio, 'createCampaign', {
        name: `Desk ${locale}`,
        segmentId: segment?.id ?? '',
        template: template?.ref ?? '',
        senderName: 'Studio',
        replyTo: '',
        scheduledAt: null,
        cost: 0,
      });
      const order = (await sheet('orders')).find((candidate) => /выполнен/i.test(candidate.cell('status')));
      if (!order) throw new Error('no completed order');
      const clientId = order.cell('clientId');
      await openCard(clientId);
      const issue = studio.sidebar.locator('form.issue-code');
      await issue.locator('input[data-part=campaign]').fill(campaign.id);
      // Choosing offers the studio's campaigns by name.
      const offered = issue.locator(`datalist option[value="${campaign.id}"]`);
      await offered.waitFor({ state: 'attached' });
      expect(await offered.textContent()).toBe(`Desk ${locale}`);
      await issue.locator('input[data-part=percent]').fill('15');
      await issue.locator('button[type=submit]').click();
      const issued = await answerOf(issue.locator('.status'));
      const codes = (await sheet('discountCodes')).filter(
        (code) => code.cell('campaignId') === campaign.id && code.cell('clientId') === clientId,
      );
      expect(codes).toHaveLength(1);
      const code = codes[0]?.cell('code') ?? '';
      expect(issued).toBe(t('ui.desk.issued', { code, percent: '15', campaign: campaign.id }));
      const mark = studio.sidebar.locator('form.mark-code');
      await mark.locator('input[data-part=code]').fill(code);
      await mark.locator('button', { hasText: t('ui.desk.lookUp') }).click();
      expect(await answerOf(mark.locator('.status'))).toBe(
        t('ui.desk.codeFree', { code, percent: '15', campaign: campaign.id, client: clientId }),
      );
      await mark.locator('input[data-part=order]').fill(order.cell('id'));
      await mark.locator('button[type=submit]').click();
      expect(await answerOf(mark.locator('.status'))).toBe(t('ui.desk.marked', { code, order: order.cell('id') }));
      const used = (await sheet('discountCodes')).find((row) => row.cell('code') === code);
      expect(used?.cell('orderId')).toBe(order.cell('id'));
      expect(used?.cell('usedAt')).not.toBe('');
    });

    it('import pasted rows and a CSV file: the sentences count rows; a bad cell is named by row, column and value', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'clients');
      await settled(page);
      const panel = page.locator('.import-panel');
      // Line 1 the header, line 2 a good client, line 3 a client with a birthday no calendar has.
      await panel
        .locator('textarea[data-part=pasted]')
        .fill(
          `Email\tИмя\tДень рождения\ndesk.one.${locale}@example.com\tDesk One\t\ndesk.two.${locale}@example.com\tDesk Two\tsoon`,
        );
      await panel.locator('button', { hasText: t('ui.desk.importPasted') }).click();
      await panel.locator('.import-summary').waitFor();
      const summary = panel.locator('.import-summary p');
      expect(await summary.first().textContent()).toBe(
        t('ui.desk.imported', { added: '2', updated: '0', unchanged: '0', skipped: '0' }),
      );
      expect(await panel.locator('.import-summary li[data-row="3"]').textContent()).toContain('soon');
      await panel.locator('input[data-part=file]').setInputFiles({
        name: 'clients.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `Email,Имя\ndesk.three.${locale}@example.com,Desk Three\ndesk.one.${locale}@example.com,Desk One\n`,
        ),
      });
      await panel.locator('button', { hasText: t('ui.desk.importFile') }).click();
      await page.waitForFunction(
        (text) => document.querySelector('.import-panel .import-summary p')?.textContent === text,
        t('ui.desk.imported', { added: '1', updated: '0', unchanged: '1', skipped: '0' }),
      );
      const emails = (await sheet('clients')).map((client) => client.cell('email'));
      for (const which of ['one', 'two', 'three'])
        expect(emails.filter((email) => email === `desk.${which}.${locale}@example.com`)).toHaveLength(1);
    });

    it('problems: a cell made unreadable on the sheet is listed after "check again", with its row and value', async () => {
      const page = studio.sidebar;
      const clients = await sheet('clients');
      const target = clients[4];
      if (!target) throw new Error('the demo studio has fewer than five clients');
      const birthdayColumn =
        (
          await get<{ rows: string[][] }>(
            studio.server.url,
            `/api/sheet?name=${encodeURIComponent(sheetTitle('clients', 'ru'))}&limit=1`,
          )
        ).rows[0]?.indexOf(columnTitle('clients', 'birthday', 'ru')) ?? -1;
      const letter = String.fromCharCode(65 + birthdayColumn);
      await post(studio.server.url, '/api/cell', {
        sheet: sheetTitle('clients', 'ru'),
        cell: `${letter}${target.row}`,
        text: 'someday',
      });
      await openSection(studio, 'clients');
      await settled(page);
      const panel = page.locator('.problems-panel');
      await panel.locator('button').click();
      await panel.locator('.problems-result p').waitFor();
      const line = panel.locator(`.problems-result li[data-row="${target.row}"]`, { hasText: 'someday' });
      expect(await line.count()).toBe(1);
      expect(await line.textContent()).toContain(sheetTitle('clients', 'ru'));
    });
  });
}
