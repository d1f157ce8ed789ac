// A broadcast message that meets 403 (the client blocked the bot) goes by mail where mail may reach the client
// (channel both or blank, consent to mail, a valid address), through the campaigns' exactly-once mail journal:
// queued as a Sends row by the broadcast, mailed by the sending account's poll, never twice.
import { describe, expect, it } from 'vitest';
import { attachFakeTelegram, FAKE_BOT_TOKEN, type FakeTelegram } from '../../local/fake-telegram';
import { consentingClient, mailStudio, type MailStudio } from '../support/mail-studio';

const TEXTS = { ru: 'Скидка 20% до пятницы\nКод: FRIDAY', en: '20% off until Friday\nCode: FRIDAY' };
const LINKED_AT = new Date('2026-11-20T10:00:00Z');

function linkedClient(id: string, chat: number, fields: Record<string, unknown> = {}) {
  return consentingClient(id, { telegramChatId: String(chat), telegramLinkedAt: LINKED_AT, ...fields });
}

function connected(studio: MailStudio, chats: readonly number[]): FakeTelegram {
  const bot = attachFakeTelegram(studio.emu, FAKE_BOT_TOKEN, 'studio_test_bot');
  for (const chat of chats) bot.seedChat({ id: chat, firstName: `Chat ${chat}` });
  studio.call('connectTelegramBot', FAKE_BOT_TOKEN);
  return bot;
}

function blockedStudio() {
  const studio = mailStudio({
    clients: [
      // Blank channel (both), consent, an address: mailed instead.
      linkedClient('C-0001', 1001),
      // Both, in English: mailed in English.
      linkedClient('C-0002', 1002, { preferredChannel: 'both', locale: 'en' }),
      // Telegram alone: no mail instead.
      linkedClient('C-0003', 1003, { preferredChannel: 'telegram' }),
      // No consent to mail, or no address: no mail.
      linkedClient('C-0004', 1004, { consentAt: null }),
      linkedClient('C-0005', 1005, { email: 'not an address' }),
      // Not blocked: Telegram only.
      linkedClient('C-0006', 1006),
    ],
  });
  const bot = connected(studio, [1001, 1002, 1003, 1004, 1005, 1006]);
  for (const chat of [1001, 1002, 1003, 1004, 1005]) bot.block(chat);
  const poll = () => studio.app.run('runTelegramPoll', [], { kind: 'trigger' });
  return { ...studio, bot, poll };
}

describe('a broadcast 403 falls back to mail', () => {
  it('where mail may reach the client, once, in their language, with an unsubscribe link', () => {
    const studio = blockedStudio();
    const view = studio.call<{ id: string; sent: number; unreachable: number }>('sendTelegramBroadcast', TEXTS);
    expect(view).toMatchObject({ sent: 1, unreachable: 5 });
    expect(studio.bot.sent(1006).map((m) => m.text)).toEqual([TEXTS.ru]);
    // Queued, not mailed by the press: the mail goes through the journal in the sending account's run.
    expect(studio.mailedTo()).toEqual([]);
    const campaignId = `broadcast:${view.id}`;
    expect(studio.sendsOf(campaignId).map((row) => `${String(row.clientId)} ${String(row.status)}`)).toEqual([
      'C-0001 В очереди',
      'C-0002 В очереди',
    ]);

    studio.emu.clock.advance(5 * 60_000);
    studio.poll();
    expect(studio.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
    expect([...studio.mailedTo()].sort()).toEqual(['c-0001@example.com', 'c-0002@example.com']);
    const mailTo = (address: string) => studio.emu.mail.outbox.find((mail) => mail.to.includes(address));
    const ru = mailTo('c-0001@example.com');
    expect(ru?.subject.startsWith('Новости от ')).toBe(true);
    expect(ru?.body).toContain('Скидка 20% до пятницы\nКод: FRIDAY');
    expect(ru?.body).toContain('action=unsubscribe');
    const en = mailTo('c-0002@example.com');
    expect(en?.subject.startsWith('News from ')).toBe(true);
    expect(en?.body).toContain('20% off until Friday\nCode: FRIDAY');
    expect(en?.body).toContain('&hl=en');
    expect(studio.sendsOf(campaignId).map((row) => row.status)).toEqual(['Отправлено', 'Отправлено']);
    // The mark is cleared once nothing waits; more polls and an hour mail nothing more.
    expect(studio.emu.properties.script()['telegram.broadcastMailWaiting']).toBeUndefined();
    studio.emu.advance(60 * 60_000);
    expect(studio.mailedTo()).toHaveLength(2);
  });

  it('killed at every k-th call of the press and finished by the poll: the 403 is mailed exactly once', () => {
    let k = 0;
    let cutsWithMail = 0;
    for (; k < 200; k++) {
      const studio = mailStudio({ clients: [linkedClient('C-0001', 1001)] });
      const bot = connected(studio, [1001]);
      bot.block(1001);
      studio.emu.rt.killExecutionsAfter(k);
      let killed = false;
      try {
        studio.call('sendTelegramBroadcast', TEXTS);
      } catch (error) {
        killed = true;
        expect(String(error)).toMatch(/Exceeded maximum execution time|ExecutionKilled/);
      }
      studio.emu.rt.killExecutionsAfter(null);
      const listed = studio.emu.properties.script()['telegram.broadcasts'];
      // The poll trigger's runs until the broadcast is done and no fallback mail waits.
      for (let run = 0; run < 2; run++) {
        studio.emu.clock.advance(5 * 60_000);
        studio.app.run('runTelegramPoll', [], { kind: 'trigger' });
      }
      expect(studio.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
      const script = studio.emu.properties.script();
      expect(JSON.parse(script['telegram.broadcasts'] ?? '[]'), `k=${k}`).toEqual([]);
      expect(script['telegram.broadcastMailWaiting'], `k=${k}`).toBeUndefined();
      // Cut before the broadcast was listed: staff saw the failure and nothing went; otherwise one mail, never two.
      expect(studio.mailedTo(), `k=${k}`).toEqual(listed === undefined ? [] : ['c-0001@example.com']);
      if (killed && listed !== undefined) cutsWithMail += 1;
      if (!killed) break;
    }
    // The sweep reached a press that finished uncut, having cut it after the listing at least once.
    expect(k).toBeLessThan(200);
    expect(cutsWithMail).toBeGreaterThan(0);
  }, 240_000);
});
