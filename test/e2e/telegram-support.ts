// Shared set-up for the Telegram e2e tests: a studio on dist/Code.js with the fake Bot API attached.
import { attachFakeTelegram, FAKE_BOT_TOKEN, type FakeTelegram } from '../../local/fake-telegram';
import { writeRecords } from '../../local/playground/seed';
import type { Locale } from '../../src/domain/types';
import { rowsByKey } from '../support/sheet-rows';
import { freshStudio, NOW } from '../support/studio';
import { readFileSync } from 'node:fs';
import { createEmulator, type Emulator, type EmulatorSnapshot } from '../../local/emulator';
import { loadBundleSource, type BundleApp } from '../../local/emulator/bundle';

export const TOKEN = FAKE_BOT_TOKEN;

export function telegramStudio(locale: Locale = 'ru') {
  const { emu, app } = freshStudio(locale);
  app.run('setupDatabase', [], { kind: 'menu' });
  writeRecords(
    emu,
    'clients',
    [
      { id: 'C-0001', name: 'Анна Петрова', firstName: 'Анна', email: 'anna@example.com', locale: 'ru' },
      { id: 'C-0002', name: 'Max Power', firstName: 'Max', email: 'max@example.com', locale: 'en' },
    ],
    locale,
  );
  return studioOn(emu, app, locale);
}

/** A studio restored from a snapshot (a fresh fake bot: its chats are seeded again by the caller). */
export function restoredStudio(
  snapshot: EmulatorSnapshot,
  locale: Locale = 'ru',
  into?: { emu: Emulator; app: BundleApp },
) {
  const emu = into?.emu ?? createEmulator({ now: NOW, locale });
  emu.restore(structuredClone(snapshot));
  return studioOn(emu, into?.app ?? loadBundleSource(emu, bundleSource()), locale);
}

let cachedSource: string | null = null;
const bundleSource = () => (cachedSource ??= readFileSync('dist/Code.js', 'utf8'));

function studioOn(emu: Emulator, app: BundleApp, locale: Locale) {
  const bot: FakeTelegram = attachFakeTelegram(emu, TOKEN, 'studio_test_bot');
  const clients = () => rowsByKey(emu, 'clients', locale);
  const requests = () => rowsByKey(emu, 'requests', locale).filter((row) => row.id !== '');
  const poll = () => app.run('runTelegramPoll', [], { kind: 'trigger' });
  return { emu, app, bot, clients, requests, poll, locale };
}

/** Connects the bot and links `chatId` to the client through the real deep link and a poll. */
export function linked(studio: ReturnType<typeof telegramStudio>, clientId: string, chatId: number, firstName: string) {
  studio.app.callFromClient('connectTelegramBot', TOKEN);
  const link = studio.app.callFromClient('getTelegramLink', clientId) as string;
  const token = new URL(link).searchParams.get('start') ?? '';
  studio.bot.userWrites({ id: chatId, firstName }, `/start ${token}`);
  studio.poll();
  return token;
}
