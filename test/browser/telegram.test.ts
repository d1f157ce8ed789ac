// Telegram in the sidebar and the playground, in both languages: staff connect the fake bot (the token
// shown masked), hand a client the deep link, the client presses Start and writes in the playground's bot
// chat, and staff answer the request from the sidebar; the client's chat shows the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN } from '../../local/fake-telegram';
import { translate, type MessageKey } from '../../src/i18n';
import type { RequestView } from '../../src/contract/sidebar-api';
import { get, openSection, openStudio, post, settled, type Studio } from './harness';

interface ChatView {
  id: number;
  firstName: string;
  messages: Array<{ from: 'user' | 'bot'; text: string }>;
}

const CHAT = 501;

/** The catalog sentence with every {placeholder} standing for some non-empty text. */
function sentence(locale: 'ru' | 'en', key: MessageKey): RegExp {
  return new RegExp(
    `^${translate(locale, key)
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{\w+\}/g, '.+')}$`,
  );
}

for (const locale of ['ru', 'en'] as const) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

  describe(`Telegram in the sidebar and the playground (${locale})`, () => {
    let studio: Studio;
    beforeAll(async () => {
      studio = await openStudio(locale);
    });
    afterAll(async () => {
      await studio?.close();
    });

    it('connects the bot with its token and shows it only masked', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'telegram');
      await settled(page);
      expect(await page.textContent('#section h2')).toBe(t('ui.section.telegram'));
      expect(await page.textContent('.telegram-bot')).toContain(t('telegram.ui.notConnected'));
      await page.fill('.telegram-bot input[type=password]', FAKE_BOT_TOKEN);
      await page.click('.telegram-bot button[type=submit]');
      await page.waitForSelector(`text=${t('telegram.ui.connected', { username: 'studio_test_bot' })}`);
      const shown = (await page.textContent('#section')) ?? '';
      // The secret part after the colon never reaches the page.
      expect(shown).not.toContain(FAKE_BOT_TOKEN.split(':')[1]);
      expect(shown).toContain(FAKE_BOT_TOKEN.split(':')[0]);
    });

    it('gives the staff alert link and a client’s deep link, each with a QR code', async () => {
      const page = studio.sidebar;
      await page.click(`.telegram-bot button:has-text("${t('telegram.ui.staffLink')}")`);
      const staff = await page.getAttribute('.telegram-bot .telegram-link a', 'href');
      expect(staff).toMatch(/^https:\/\/t\.me\/studio_test_bot\?start=staff_[\w-]{22}$/);
      await page.fill('.telegram-client-link input', 'C-00001');
      await page.click('.telegram-client-link button[type=submit]');
      await page.waitForSelector('.telegram-client-link .telegram-link svg');
      const client = await page.getAttribute('.telegram-client-link .telegram-link a', 'href');
      expect(client).toMatch(/^https:\/\/t\.me\/studio_test_bot\?start=C-00001_[\w-]{22}$/);
      expect(await page.getAttribute('.telegram-client-link .qr', 'aria-label')).toBe(t('telegram.ui.clientLink'));
    });

    it('the client presses Start and writes in the playground; staff answer from the sidebar', async () => {
      const page = studio.sidebar;
      const link = (await page.getAttribute('.telegram-client-link .telegram-link a', 'href')) ?? '';
      // The playground page: its Telegram panel writes to the bot as a client.
      const playground = await studio.browser.newPage({ viewport: { width: 1200, height: 900 } });
      await playground.goto(studio.server.url);
      await playground.click('#drawer-tabs button[data-panel="telegram"]');
      await playground.fill('#tg-chat', String(CHAT));
      await playground.fill('#tg-name', 'Frost');
      await playground.fill('#tg-text', link);
      await playground.click('#telegram-write button[type=submit]');
      await playground.waitForSelector(`[data-chat="${CHAT}"] p.bot`);
      const greeting = (await playground.textContent(`[data-chat="${CHAT}"] p.bot`)) ?? '';
      // The greeting is in the client's own language, which may differ from the staff's.
      const said = greeting.replace(/^bot:\s*/, '');
      expect(
        sentence('ru', 'telegram.client.greeting').test(said) || sentence('en', 'telegram.client.greeting').test(said),
      ).toBe(true);

      const question = locale === 'ru' ? 'Сколько стоит оверлей?' : 'How much is an overlay?';
      await playground.fill('#tg-text', question);
      await playground.click('#telegram-write button[type=submit]');
      await playground.waitForSelector(`[data-chat="${CHAT}"] p.user:nth-of-type(2)`);

      await openSection(studio, 'telegram');
      await settled(page);
      const item = page.locator('.telegram-requests li', { hasText: question });
      await expect.poll(() => item.count()).toBe(1);
      const requestId = (await item.getAttribute('data-request')) ?? '';
      const answer = locale === 'ru' ? 'От 3 000 ₽, готово за два дня' : 'From 3,000 ₽, ready in two days';
      await item.locator('textarea').fill(answer);
      await item.locator('button[type=submit]').click();
      await expect
        .poll(async () => (await item.locator('.status').textContent()) ?? '')
        .toMatch(sentence(locale, 'telegram.ui.sent'));

      // The request is answered (no longer open) and the client's chat shows the answer.
      const open = (
        (await post(studio.server.url, '/api/run', { fn: 'listOpenRequests', args: [] })) as { value: RequestView[] }
      ).value;
      expect(open.map((request) => request.id)).not.toContain(requestId);
      const chats = await get<ChatView[]>(studio.server.url, '/api/telegram');
      const chat = chats.find((candidate) => candidate.id === CHAT);
      expect(chat?.messages.at(-1)).toEqual(expect.objectContaining({ from: 'bot', text: answer }));
      await playground.close();
    });
  });
}
