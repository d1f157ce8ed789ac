// The {{telegram_link}} merge field on dist/Code.js: the welcome mail carries the client's signed deep link,
// and pressing Start with it links that client's chat. With no bot connected the template's fallback shows.
import { describe, expect, it } from 'vitest';
import { attachFakeTelegram, FAKE_BOT_TOKEN } from '../../local/fake-telegram';
import { consentingClient, mailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;
const registered = { createdAt: new Date('2026-11-24T08:00:00Z'), consentAt: new Date('2026-11-24T08:00:00Z') };
const WELCOME = {
  name: 'welcome',
  subject: 'Добро пожаловать',
  htmlBody: '<p>Пишите нам в Telegram: <a href="{{telegram_link|https://studio.example/contacts}}">бот студии</a></p>',
  textBody: '',
};

function welcomeStudio() {
  // The welcome flow is off by default: on by a Settings row, so the registration before it still counts.
  return mailStudio({
    clients: [consentingClient('C-W', registered)],
    templates: [WELCOME],
    settings: { 'flows.welcome': JSON.stringify({ enabled: true }) },
  });
}

const hrefOf = (html: string | undefined) => (/href="([^"]+)"/.exec(html ?? '')?.[1] ?? '').replace(/&amp;/g, '&');

describe('the Telegram link in the welcome mail', () => {
  it('is the client’s signed t.me link, and Start with it binds that client’s chat', () => {
    const studio = welcomeStudio();
    const bot = attachFakeTelegram(studio.emu, FAKE_BOT_TOKEN, 'studio_test_bot');
    studio.call('connectTelegramBot', FAKE_BOT_TOKEN);
    studio.emu.advance(HOUR);
    const mail = studio.emu.mail.outbox.find((entry) => entry.to.includes('c-w@example.com'));
    const link = hrefOf(mail?.htmlBody ?? undefined);
    expect(link).toMatch(/^https:\/\/t\.me\/studio_test_bot\?start=C-W_[\w-]{22}$/);
    // The same link staff get for the client in the sidebar.
    expect(link).toBe(studio.call<string>('getTelegramLink', 'C-W'));
    bot.userWrites({ id: 501, firstName: 'W' }, `/start ${new URL(link).searchParams.get('start')}`);
    studio.app.run('runTelegramPoll', [], { kind: 'trigger' });
    expect(String(studio.rows('clients').find((row) => row.id === 'C-W')?.telegramChatId)).toBe('501');
  });

  it('falls back to the template’s text when no bot is connected', () => {
    const studio = welcomeStudio();
    studio.emu.advance(HOUR);
    const mail = studio.emu.mail.outbox.find((entry) => entry.to.includes('c-w@example.com'));
    expect(hrefOf(mail?.htmlBody ?? undefined)).toBe('https://studio.example/contacts');
  });
});
