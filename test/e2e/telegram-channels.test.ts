// Each channel by its own rules, on dist/Code.js with the fake Bot API: a Telegram-only client with no address
// or no consent to mail still gets campaigns and flows in Telegram (and no mail, even when Telegram refuses);
// the confirmation's share of today's mail quota counts mails only; a campaign paused for the mail quota
// still sends its Telegram messages.
import { describe, expect, it } from 'vitest';
import { attachFakeTelegram, FAKE_BOT_TOKEN, type FakeTelegram } from '../../local/fake-telegram';
import type { CampaignConfirmation } from '../../src/contract/sidebar-api';
import {
  campaignStatus,
  consentingClient,
  createCampaignFor,
  mailStudio,
  PROMO_TEMPLATE,
  type MailStudio,
} from '../support/mail-studio';

const HOUR = 3_600_000;
const LINKED_AT = new Date('2026-11-20T10:00:00Z');
const WELCOME = { name: 'welcome', subject: 'Добро пожаловать, {{first_name|друг}}', htmlBody: '<p>Рады вам!</p>' };

/** A client linked to chat `chat` (their consent to messages there) with a preferred channel. */
function linkedClient(id: string, chat: number, preferredChannel: string, fields: Record<string, unknown> = {}) {
  return consentingClient(id, {
    firstName: `Имя${id.slice(-1)}`,
    telegramChatId: String(chat),
    telegramLinkedAt: LINKED_AT,
    preferredChannel,
    ...fields,
  });
}

function connected(studio: MailStudio, chats: readonly number[]): FakeTelegram {
  const bot = attachFakeTelegram(studio.emu, FAKE_BOT_TOKEN, 'studio_test_bot');
  for (const chat of chats) bot.seedChat({ id: chat, firstName: `Chat ${chat}` });
  studio.call('connectTelegramBot', FAKE_BOT_TOKEN);
  return bot;
}

const statusOf = (studio: MailStudio, campaignId: string) =>
  Object.fromEntries(
    studio
      .sendsOf(campaignId)
      .map((row) => [String(row.clientId), `${String(row.status)} ${String(row.reason)}`.trim()]),
  );

describe('each channel by its own rules', () => {
  it('a campaign reaches Telegram-only clients with no address or no mail consent, and mails none of them', () => {
    const studio = mailStudio({
      clients: [
        // Telegram only, no address at all.
        linkedClient('C-0001', 1001, 'telegram', { email: '' }),
        // Telegram only, never agreed to mail.
        linkedClient('C-0002', 1002, 'telegram', { consentAt: null }),
        // Both, but mail may not reach them: Telegram alone.
        linkedClient('C-0003', 1003, 'both', { consentAt: null }),
        // Telegram only, no mail consent, and the bot is blocked: nothing may reach them.
        linkedClient('C-0004', 1004, 'telegram', { consentAt: null }),
        // Telegram only with no address, unsubscribed: the unsubscribe holds on Telegram too.
        linkedClient('C-0005', 1005, 'telegram', { email: '', unsubscribedAt: new Date('2026-10-01T10:00:00Z') }),
        // Mail only, no consent: skipped as before.
        consentingClient('C-0006', { consentAt: null }),
      ],
      templates: [PROMO_TEMPLATE],
    });
    const bot = connected(studio, [1001, 1002, 1003, 1004, 1005]);
    bot.block(1004);
    const id = createCampaignFor(studio, { name: 'Телеграм' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    // Six clients, less C-0005 (unsubscribed) and C-0006 (no consent, mail only) = 4.
    expect(confirmation).toMatchObject({ count: 4, skippedByReason: { unsubscribed: 1, noConsent: 1 } });
    studio.call('sendCampaign', id, confirmation.count);

    for (const chat of [1001, 1002, 1003])
      expect(
        bot.sent(chat).map((m) => m.text.split('\n')[0]),
        `chat ${chat}`,
      ).toEqual([`Новые эмоуты для Имя${String(chat).slice(-1)}`]);
    expect(bot.sent(1005)).toEqual([]);
    // Not one mail: C-0004's 403 finds no mail it may fall back to.
    expect(studio.mailedTo()).toEqual([]);
    expect(statusOf(studio, id)).toEqual({
      'C-0001': 'Отправлено',
      'C-0002': 'Отправлено',
      'C-0003': 'Отправлено',
      'C-0004': 'Пропущено Нет согласия на рассылки',
      'C-0005': 'Пропущено Отписался от рассылок',
      'C-0006': 'Пропущено Нет согласия на рассылки',
    });
    expect(studio.rows('clients').find((row) => row.id === 'C-0004')?.telegramUnreachableAt).toBeInstanceOf(Date);
    expect(campaignStatus(studio, id)).toBe('done');
  });

  it('a Telegram-only client who bars mail gets no mail when Telegram is gone before their turn', () => {
    const studio = mailStudio({
      clients: [linkedClient('C-0001', 1001, 'telegram', { consentAt: null })],
      templates: [PROMO_TEMPLATE],
    });
    const bot = connected(studio, [1001]);
    const id = createCampaignFor(studio, { name: 'Отвязан' });
    // Decided for Telegram, then held back by a 429 longer than a run waits: the row stays queued.
    bot.failNext('sendMessage', { kind: 'tooManyRequests', retryAfter: 120 });
    studio.call('sendCampaign', id, studio.call<CampaignConfirmation>('confirmCampaign', id).count);
    expect(statusOf(studio, id)).toEqual({ 'C-0001': 'В очереди' });
    // Staff disconnect the bot meanwhile: the next run has only mail, and mail may not reach them.
    studio.call('disconnectTelegramBot');
    studio.emu.clock.advance(15 * 60_000);
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect(bot.sent()).toEqual([]);
    expect(studio.mailedTo()).toEqual([]);
    expect(statusOf(studio, id)).toEqual({ 'C-0001': 'Пропущено Нет согласия на рассылки' });
    expect(campaignStatus(studio, id)).toBe('done');
  });

  it('the welcome flow greets a Telegram-only client who never agreed to mail, in Telegram', () => {
    const registered = { createdAt: new Date('2026-11-24T08:00:00Z'), consentAt: null };
    const studio = mailStudio({
      clients: [
        linkedClient('C-0001', 1001, 'telegram', { ...registered, firstName: 'Анна' }),
        // The same on mail: not welcomed (no consent).
        consentingClient('C-0002', registered),
      ],
      templates: [PROMO_TEMPLATE, WELCOME],
      settings: { 'flows.welcome': JSON.stringify({ enabled: true }) },
    });
    const bot = connected(studio, [1001]);
    // 24 Nov 12:00 Moscow: the hourly run.
    studio.emu.advance(HOUR);
    expect(studio.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
    expect(bot.sent(1001).map((m) => m.text)).toEqual(['Добро пожаловать, Анна\n\nРады вам!']);
    expect(studio.mailedTo()).toEqual([]);
    expect(statusOf(studio, 'flow:welcome')).toEqual({ 'C-0001': 'Отправлено' });
  });

  it("today's mail quota counts mails only, and a campaign paused for it still sends its Telegram messages", () => {
    const studio = mailStudio({
      // 11 left less the flows' reserve of 10: one mail today.
      quota: 11,
      clients: [
        linkedClient('C-0001', 1001, 'telegram'),
        linkedClient('C-0002', 1002, 'telegram'),
        consentingClient('C-0003'),
        consentingClient('C-0004'),
        consentingClient('C-0005'),
        // Both, but Telegram refuses the message (400: the chat never started the bot): mail, once the quota allows.
        linkedClient('C-0006', 1006, 'both'),
      ],
      templates: [PROMO_TEMPLATE],
    });
    const bot = connected(studio, [1001, 1002]);
    const id = createCampaignFor(studio, { name: 'Квота' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    // 6 recipients: 2 by Telegram alone (no quota) + 4 mails (C-0003…C-0006) of which 11 − 10 = 1 today
    // → today 2 + 1 = 3, later 3.
    expect(confirmation.count).toBe(6);
    expect(confirmation.today).toBe(3);
    // Telegram asks to wait longer than a run waits: both messages held back; the one mail goes, then the pause.
    bot.failNext('sendMessage', { kind: 'tooManyRequests', retryAfter: 120 });
    studio.call('sendCampaign', id, confirmation.count);
    expect(bot.sent()).toEqual([]);
    expect(studio.mailedTo()).toEqual(['c-0003@example.com']);
    expect(campaignStatus(studio, id)).toBe('paused');

    // The continuation: still paused (the quota has not refilled), yet the Telegram messages go.
    studio.emu.clock.advance(15 * 60_000);
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    const refused = () =>
      studio.emu.urlFetch.requests().filter((r) => r.url.endsWith('/sendMessage') && r.status === 400).length;
    expect(refused()).toBe(1);
    // Journaled as refused (s) until its mail goes; nothing else is left in the journal.
    const journal = () => Object.values(JSON.parse(studio.emu.properties.script()['telegram.sendJournal'] ?? '{}'));
    expect(journal()).toEqual(['s']);
    // The hourly run gives the paused campaign another Telegram pass: the 400 is remembered, not tried again.
    studio.emu.advance(60 * 60_000);
    expect(studio.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
    expect(refused()).toBe(1);
    expect(journal()).toEqual(['s']);
    expect(bot.sent(1001)).toHaveLength(1);
    expect(bot.sent(1002)).toHaveLength(1);
    expect(studio.mailedTo()).toEqual(['c-0003@example.com']);
    expect(campaignStatus(studio, id)).toBe('paused');
    expect(statusOf(studio, id)).toEqual({
      'C-0001': 'Отправлено',
      'C-0002': 'Отправлено',
      'C-0003': 'Отправлено',
      'C-0004': 'В очереди',
      'C-0005': 'В очереди',
      'C-0006': 'В очереди',
    });
    // The campaign's counts follow: 1 mail + 2 Telegram messages sent.
    const row = studio.rows('campaigns').find((campaign) => campaign.id === id);
    expect(row?.sent).toBe(3);
  });
});
