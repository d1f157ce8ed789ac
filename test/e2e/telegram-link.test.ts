// The studio's bot on dist/Code.js through the fake Bot API: connecting it (token kept in script properties,
// shown masked) and linking clients with the signed deep link (valid, altered, foreign token).
import { describe, expect, it } from 'vitest';
import { hmacSigner } from '../../src/domain/hmac';
import { linkToken } from '../../src/domain/telegram/link';
import { linked, telegramStudio, TOKEN } from './telegram-support';

describe('connecting the bot', () => {
  it('refuses a malformed token and one Telegram rejects, each with a sentence; keeps a good one only in script properties', () => {
    const studio = telegramStudio('ru');
    const { app, emu } = studio;
    expect(() => app.callFromClient('connectTelegramBot', 'not a token')).toThrow(/не похоже на токен/);
    expect(() => app.callFromClient('connectTelegramBot', '123456789:AAWrongTokenWrongTokenWrongToken00')).toThrow(
      /Telegram не принял/,
    );
    expect(emu.properties.script()['telegram.botToken']).toBeUndefined();

    const status = app.callFromClient('connectTelegramBot', `  ${TOKEN} `);
    expect(status).toEqual({ connected: true, username: 'studio_test_bot', maskedToken: '123456789:••••0000' });
    expect(app.callFromClient('getTelegramStatus')).toEqual(status);
    expect(emu.properties.script()['telegram.botToken']).toBe(TOKEN);
    for (const name of emu.spreadsheet.sheetNames())
      expect(JSON.stringify(emu.spreadsheet.values(name))).not.toContain('AAFakeToken');
    expect(emu.triggers.list().filter((trigger) => trigger.handler === 'runTelegramPoll')).toHaveLength(1);
    // Connecting again installs no second poll trigger.
    app.callFromClient('connectTelegramBot', TOKEN);
    expect(emu.triggers.list().filter((trigger) => trigger.handler === 'runTelegramPoll')).toHaveLength(1);
  });

  it('says Telegram is unreachable when the connection fails', () => {
    const { app, bot } = telegramStudio('en');
    bot.failNext('getMe', { kind: 'network' });
    expect(() => app.callFromClient('connectTelegramBot', TOKEN)).toThrow(/Telegram could not be reached/);
  });
});

describe('linking a client with /start <token>', () => {
  it('binds the chat, records the time as consent and greets in the client’s language; Start again changes nothing', () => {
    const studio = telegramStudio('ru');
    const linkedAt = studio.emu.clock.now();
    const token = linked(studio, 'C-0001', 501, 'Аня');
    expect(token).toMatch(/^C-0001_[A-Za-z0-9_-]{22}$/);
    const anna = studio.clients().find((row) => row.id === 'C-0001');
    expect(String(anna?.telegramChatId)).toBe('501');
    expect((anna?.telegramLinkedAt as Date).getTime()).toBe(Math.floor(linkedAt / 1000) * 1000);
    expect(studio.bot.sent(501).map((m) => m.text)).toEqual([expect.stringMatching(/^Здравствуйте, Анна! .*Studio/)]);

    const max = studio.app.callFromClient('getTelegramLink', 'C-0002') as string;
    expect(max).toMatch(/^https:\/\/t\.me\/studio_test_bot\?start=C-0002_/);
    studio.emu.advance(2000);
    studio.bot.userWrites(
      { id: 777, firstName: 'M', languageCode: 'ru' },
      `/start ${new URL(max).searchParams.get('start')}`,
    );
    studio.poll();
    // Max's Clients language is English, whatever his Telegram app says.
    expect(studio.bot.sent(777).map((m) => m.text)).toEqual([expect.stringMatching(/^Hello, Max! /)]);

    studio.emu.advance(2000);
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, `/start ${token}`);
    studio.poll();
    expect(studio.bot.sent(501)).toHaveLength(1);
  });

  it('an altered token and one signed by another studio bind nothing and get the "link does not work" answer', () => {
    const studio = telegramStudio('ru');
    const token = linked(studio, 'C-0001', 501, 'Аня');
    const before = JSON.stringify(studio.clients());
    const last = token.slice(-1);
    const altered = [`C-0002${token.slice('C-0001'.length)}`, `${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`];
    const foreign = linkToken('C-0002', hmacSigner('another studio’s secret')) ?? '';
    [...altered, foreign].forEach((bad, index) => {
      studio.emu.advance(2000);
      studio.bot.userWrites({ id: 900 + index, firstName: 'X', languageCode: 'en' }, `/start ${bad}`);
    });
    studio.poll();
    expect(JSON.stringify(studio.clients())).toBe(before);
    for (const chat of [900, 901, 902])
      expect(studio.bot.sent(chat).map((m) => m.text)).toEqual([
        expect.stringMatching(/^Hello! This link does not work/),
      ]);
  });
});
