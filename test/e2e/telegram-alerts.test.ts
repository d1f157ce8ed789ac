// Staff alerts to the studio's chat on dist/Code.js through the fake Bot API: each event alerted once,
// each kind switchable in Settings, values escaped for Telegram's HTML.
import { describe, expect, it } from 'vitest';
import { ExecutionKilled } from '../../local/emulator/runtime';
import { writeRecords } from '../../local/playground/seed';
import { linked, telegramStudio } from './telegram-support';

const STAFF_CHAT = 9000;

function withStaffChat(
  locale: 'ru' | 'en' = 'ru',
  before: (studio: ReturnType<typeof telegramStudio>) => void = () => {},
) {
  const studio = telegramStudio(locale);
  linked(studio, 'C-0001', 501, 'Аня');
  before(studio);
  const link = studio.app.callFromClient('getTelegramStaffLink') as string;
  expect(link).toMatch(/^https:\/\/t\.me\/studio_test_bot\?start=staff_[A-Za-z0-9_-]{22}$/);
  studio.bot.userWrites({ id: STAFF_CHAT, firstName: 'Studio' }, `/start ${new URL(link).searchParams.get('start')}`);
  studio.poll();
  const alerts = () => studio.bot.sent(STAFF_CHAT).map((m) => m.text);
  return { ...studio, alerts };
}

describe('staff alerts', () => {
  it('the staff link makes the chat the alert chat; the daily summary comes once a day', () => {
    const studio = withStaffChat('ru', ({ emu, bot, poll }) => {
      // In the last 24 hours: one new client, two orders (one older), one request still open.
      const now = new Date(emu.clock.now());
      writeRecords(emu, 'clients', [{ id: 'C-0003', name: 'Новая', email: 'new@example.com', createdAt: now }], 'ru');
      writeRecords(
        emu,
        'orders',
        [
          { id: 'O-1', clientId: 'C-0001', date: now, amount: 1000, status: 'completed' },
          { id: 'O-2', clientId: 'C-0001', date: now, amount: 500, status: 'new' },
          {
            id: 'O-0',
            clientId: 'C-0001',
            date: new Date(now.getTime() - 3 * 86_400_000),
            amount: 700,
            status: 'completed',
          },
        ],
        'ru',
      );
      bot.userWrites({ id: 501, firstName: 'Аня' }, 'вопрос');
      poll();
    });
    expect(studio.alerts()[0]).toMatch(/^Этот чат теперь получает уведомления студии/);
    // 12:00 in Moscow, past the 9 o'clock summary hour: today's summary went with the first poll.
    expect(studio.alerts().filter((text) => text.startsWith('За сутки'))).toEqual([
      'За сутки: новых клиентов 1, заказов 2, писем отправлено 0. Обращений ждут ответа: 1.',
    ]);
    studio.emu.advance(6 * 3600_000);
    expect(studio.alerts().filter((text) => text.startsWith('За сутки'))).toHaveLength(1);
    studio.emu.advance(18 * 3600_000);
    expect(studio.alerts().filter((text) => text.startsWith('За сутки'))).toHaveLength(2);
  });

  it('a new request, a new registration and a request nearing the target each alert exactly once, escaped', () => {
    const studio = withStaffChat('en');
    studio.emu.advance(60_000);
    writeRecords(
      studio.emu,
      'clients',
      [{ id: 'C-0003', name: 'Tom <b> & Jerry', email: 'tj@example.com', createdAt: new Date(studio.emu.clock.now()) }],
      'en',
    );
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'Need an <overlay> & banner');
    studio.poll();
    studio.poll();
    expect(studio.alerts().filter((text) => text.startsWith('New client'))).toEqual([
      'New client: Tom <b> & Jerry (C-0003)',
    ]);
    expect(studio.alerts().filter((text) => text.startsWith('New request'))).toEqual([
      'New request R-0001 from Анна Петрова (Telegram): Need an <overlay> & banner',
    ]);
    // Triggers poll every five minutes for three hours: the warning comes once, at the first poll past 1 h 45 min.
    studio.emu.advance(3 * 3600_000);
    const waiting = studio.alerts().filter((text) => text.startsWith('Waiting'));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatch(
      /^Waiting (10[5-9]|110) min: request R-0001 from Анна Петрова has no answer yet; the target is 2 h\.$/,
    );
    expect(studio.alerts().filter((text) => text.startsWith('New request'))).toHaveLength(1);
  });

  it('an answered request gets no warning, and each alert kind can be switched off in Settings', () => {
    const studio = withStaffChat('en');
    studio.app.callFromClient('saveSetting', 'telegram.alertNewRequest', 'FALSE');
    studio.app.callFromClient('saveSetting', 'telegram.alertNewRegistration', 'FALSE');
    writeRecords(
      studio.emu,
      'clients',
      [{ id: 'C-0003', name: 'Quiet', email: 'q@example.com', createdAt: new Date(studio.emu.clock.now()) }],
      'en',
    );
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'question');
    studio.poll();
    studio.emu.advance(30 * 60_000);
    studio.app.callFromClient('replyOnTelegram', 'R-0001', 'answer');
    studio.emu.advance(3 * 3600_000);
    expect(studio.alerts().filter((text) => /^(New client|New request|Waiting)/.test(text))).toEqual([]);
    expect(studio.app.callFromClient('listSettings')).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'telegram.responseDueMinutes' })]),
    );
  });

  it('a kill just after the journal write loses that alert instead of repeating it', () => {
    const studio = withStaffChat('en');
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'question');
    // Cut the next poll at the sendMessage of the request alert: its key is already journaled.
    let cut = false;
    studio.emu.rt.onCall = (call, execution) => {
      if (
        !cut &&
        execution &&
        call === 'UrlFetchApp.fetch' &&
        studio.emu.properties.script()['telegram.alertJournal']?.includes('request:R-0001')
      ) {
        cut = true;
        // As the emulator's own kill does: this call and every later one of the execution fail.
        execution.killed = new ExecutionKilled('Exceeded maximum execution time');
        throw execution.killed;
      }
    };
    expect(() => studio.poll()).toThrow();
    studio.emu.rt.onCall = null;
    studio.poll();
    expect(cut).toBe(true);
    expect(studio.alerts().filter((text) => text.startsWith('New request'))).toEqual([]);
    // The request itself was not lost: only its alert.
    expect(studio.requests().map((row) => row.summary)).toEqual(['question']);
  });
});
