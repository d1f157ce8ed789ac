// Client messages become Requests (channel Telegram) through the owner's poll, and a staff reply from the
// sidebar goes back through the bot and marks the request answered: on dist/Code.js with the fake Bot API.
import { describe, expect, it } from 'vitest';
import { ExecutionKilled } from '../../local/emulator/runtime';
import { linked, telegramStudio } from './telegram-support';

describe('client messages become requests', () => {
  it('a linked client’s messages make one request with the first message’s time; later polls read nothing twice', () => {
    const studio = telegramStudio('ru');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.emu.advance(60_000);
    const firstAt = studio.emu.clock.now();
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'Нужен оверлей для стрима');
    studio.emu.advance(30_000);
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'и баннер');
    studio.poll();
    studio.poll();
    const rows = studio.requests();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'R-0001', clientId: 'C-0001', channel: 'Telegram' });
    expect((rows[0]?.receivedAt as Date).getTime()).toBe(Math.floor(firstAt / 1000) * 1000);
    expect(String(rows[0]?.summary)).toMatch(/^Нужен оверлей для стрима\n\[\d\d\.\d\d \d\d:\d\d\] и баннер$/);
    expect(studio.bot.pendingUpdates()).toBe(0);
    // Received at the first message (its second); listed within the same minute, against the default 2 hours.
    expect(studio.app.callFromClient('listOpenRequests')).toEqual([
      expect.objectContaining({
        id: 'R-0001',
        channel: 'telegram',
        answeredAt: null,
        waitingMinutes: 0,
        targetMinutes: 120,
      }),
    ]);
  });

  it('lists how long each open request has waited on the server’s clock, against the target in Settings', () => {
    const studio = telegramStudio('en');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.app.callFromClient('saveSetting', 'inbox.responseTargetMinutes', '30');
    studio.emu.advance(60_000);
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'Overlay price?');
    studio.poll();
    const receivedAt = Date.parse(
      (studio.app.callFromClient('listOpenRequests') as { receivedAt: string }[])[0]!.receivedAt,
    );
    // 45 min 30 s after it came in: 45 whole minutes waited, past the 30-minute target set above.
    studio.emu.advance(receivedAt + 45.5 * 60_000 - studio.emu.clock.now());
    expect(studio.app.callFromClient('listOpenRequests')).toEqual([
      expect.objectContaining({ id: 'R-0001', waitingMinutes: 45, targetMinutes: 30 }),
    ]);
  });

  it('the poll trigger runs by itself every five minutes once the bot is connected', () => {
    const studio = telegramStudio('ru');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'вопрос');
    studio.emu.advance(5 * 60_000);
    expect(studio.emu.triggerRuns.filter((run) => run.handler === 'runTelegramPoll').length).toBeGreaterThanOrEqual(1);
    expect(studio.requests().map((row) => row.summary)).toEqual(['вопрос']);
  });

  it('a chat that is not linked gets told to use the link and makes no request', () => {
    const studio = telegramStudio('en');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.bot.userWrites({ id: 600, firstName: 'Who', languageCode: 'en' }, 'hi');
    studio.poll();
    expect(studio.requests()).toEqual([]);
    expect(studio.bot.sent(600).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Hello! To write to the studio here, open the link/),
    ]);
  });

  it('a network failure or 429 on getUpdates loses nothing: the next run reads the same messages', () => {
    const studio = telegramStudio('ru');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'первое');
    studio.bot.failNext('getUpdates', { kind: 'network' });
    studio.poll();
    studio.bot.failNext('getUpdates', { kind: 'tooManyRequests', retryAfter: 5 });
    studio.poll();
    expect(studio.requests()).toEqual([]);
    studio.poll();
    expect(studio.requests().map((row) => row.summary)).toEqual(['первое']);
  });

  it('a poll killed at any call, then run again, ends with every message exactly once', () => {
    let completedUncut = false;
    for (let k = 0; k < 200 && !completedUncut; k++) {
      const studio = telegramStudio('ru');
      linked(studio, 'C-0001', 501, 'Аня');
      linked(studio, 'C-0002', 777, 'Max');
      studio.emu.advance(60_000);
      studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'раз');
      studio.bot.userWrites({ id: 777, firstName: 'Max' }, 'one');
      studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'два');
      studio.emu.rt.killExecutionsAfter(k);
      try {
        studio.poll();
        completedUncut = true;
      } catch (error) {
        // The cut surfaces as the kill itself or, caught by a step, as the run's failure.
        expect(error instanceof ExecutionKilled || String(error).includes('Failed Telegram steps')).toBe(true);
      }
      studio.emu.rt.killExecutionsAfter(null);
      studio.poll();
      const rows = studio.requests().map((row) => [row.clientId, String(row.summary).replace(/\[[^\]]*\] /g, '')]);
      expect(rows, `killed after ${k} calls`).toEqual([
        ['C-0001', 'раз\nдва'],
        ['C-0002', 'one'],
      ]);
    }
    // The sweep reached a k at which the poll ran to its end: every cut point before it was tried.
    expect(completedUncut).toBe(true);
    // About 45 s alone; the machine's cores are shared.
  }, 240_000);
});

describe('replying from the sidebar', () => {
  function withRequest() {
    const studio = telegramStudio('ru');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.emu.advance(60_000);
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'Сколько стоит оверлей?');
    studio.poll();
    studio.emu.advance(20 * 60_000);
    return studio;
  }

  it('sends the text as typed (plain text) and marks the request answered at that time; a second reply keeps the first time', () => {
    const studio = withRequest();
    const repliedAt = studio.emu.clock.now();
    const view = studio.app.callFromClient('replyOnTelegram', 'R-0001', 'От 3 000 ₽ — <b>точно</b> & быстро') as {
      answeredAt: string;
    };
    expect(studio.bot.sent(501).at(-1)).toMatchObject({ text: 'От 3 000 ₽ — <b>точно</b> & быстро', parseMode: null });
    expect(view.answeredAt).toBe(new Date(repliedAt).toISOString());
    expect((studio.requests()[0]?.answeredAt as Date).getTime()).toBe(Math.floor(repliedAt / 1000) * 1000);
    expect(studio.app.callFromClient('listOpenRequests')).toEqual([]);
    studio.emu.advance(5 * 60_000);
    studio.app.callFromClient('replyOnTelegram', 'R-0001', 'Ещё вопрос?');
    expect((studio.requests()[0]?.answeredAt as Date).getTime()).toBe(Math.floor(repliedAt / 1000) * 1000);
  });

  it('waits out a short 429 retry_after, then sends once', () => {
    const studio = withRequest();
    studio.bot.failNext('sendMessage', { kind: 'tooManyRequests', retryAfter: 3 });
    const before = studio.emu.clock.now();
    studio.app.callFromClient('replyOnTelegram', 'R-0001', 'ответ');
    const reply = studio.bot.sent(501).at(-1);
    expect(reply?.text).toBe('ответ');
    expect((reply?.at ?? 0) - before).toBeGreaterThanOrEqual(3000);
    expect(studio.bot.sent(501).filter((m) => m.text === 'ответ')).toHaveLength(1);
  });

  it('403: the client is marked unreachable on Telegram and the reply goes by mail instead; the request is answered', () => {
    const studio = withRequest();
    studio.bot.block(501);
    const repliedAt = studio.emu.clock.now();
    const view = studio.app.callFromClient('replyOnTelegram', 'R-0001', 'ответ') as { answeredAt: string };
    expect(studio.clients().find((row) => row.id === 'C-0001')?.telegramUnreachableAt).toBeInstanceOf(Date);
    // C-0001 is anna@example.com, Russian: the reply as typed, plain text, under the studio's name.
    const mails = studio.emu.mail.outbox.filter((mail) => mail.to.includes('anna@example.com'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ body: 'ответ', htmlBody: null });
    expect(mails[0]?.subject).toMatch(/^Ответ на ваше обращение в /);
    expect(view.answeredAt).toBe(new Date(repliedAt).toISOString());
    expect((studio.requests()[0]?.answeredAt as Date).getTime()).toBe(Math.floor(repliedAt / 1000) * 1000);
    expect(studio.emu.spreadsheet.ui.toasts().at(-1)?.message).toBe(
      'Клиент заблокировал бота студии, поэтому ответ ушёл письмом на anna@example.com.',
    );
  });

  it('403 for a client whose mail bounced: staff are told to answer by mail; the request stays open', () => {
    const studio = withRequest();
    // C-0001's mail bounced (the Clients column "Письмо не доставлено", written as staff would).
    const header = studio.emu.spreadsheet.values('Клиенты')[0] ?? [];
    const column = String.fromCharCode(65 + header.indexOf('Письмо не доставлено'));
    studio.emu.spreadsheet.edit('Клиенты', `${column}2`, [['24.11.2026 12:00']]);
    expect(studio.clients().find((row) => row.id === 'C-0001')?.bouncedAt).toBeInstanceOf(Date);
    studio.bot.block(501);
    expect(() => studio.app.callFromClient('replyOnTelegram', 'R-0001', 'ответ')).toThrow(/заблокировал бота/);
    expect(studio.emu.mail.outbox).toEqual([]);
    expect(studio.requests()[0]?.answeredAt).toBe('');
  });

  it('a network failure says the reply may not have arrived and leaves the request open', () => {
    const studio = withRequest();
    studio.bot.failNext('sendMessage', { kind: 'network' });
    expect(() => studio.app.callFromClient('replyOnTelegram', 'R-0001', 'ответ')).toThrow(/Telegram не ответил/);
    expect(studio.requests()[0]?.answeredAt).toBe('');
  });
});
