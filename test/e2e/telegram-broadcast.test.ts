// A Telegram broadcast on dist/Code.js through the fake Bot API: each linked client once, in their language,
// at Telegram's pace; 403/429/network handled; and the kill-at-every-k sweep proving the journal's bound:
// a cut-off run causes at most one duplicate, only of the message in flight (docs/telegram.md).
import { describe, expect, it } from 'vitest';
import { writeRecords } from '../../local/playground/seed';
import { restoredStudio, telegramStudio, TOKEN } from './telegram-support';
import type { Emulator, EmulatorSnapshot } from '../../local/emulator';
import type { BundleApp } from '../../local/emulator/bundle';

const TEXTS = { ru: 'Скидка 20% до пятницы', en: '20% off until Friday' };

/** Set up once per size, then restored from its snapshot: the kill sweep needs a fresh studio per cut point. */
const snapshots = new Map<number, EmulatorSnapshot>();

/** `into`: an emulator and bundle to reuse (restored in place), as loading the bundle is most of a fresh studio's cost. */
function studioWithLinked(count: number, into?: { emu: Emulator; app: BundleApp }) {
  const snapshot = snapshots.get(count);
  const studio = snapshot ? restoredStudio(snapshot, 'ru', into) : telegramStudio('ru');
  if (!snapshot) {
    studio.app.callFromClient('connectTelegramBot', TOKEN);
    const at = new Date(studio.emu.clock.now());
    const clients = Array.from({ length: count }, (_, i) => ({
      id: `C-${String(i + 10).padStart(4, '0')}`,
      name: `Client ${i}`,
      email: `c${i}@example.com`,
      locale: i % 2 === 0 ? 'ru' : 'en',
      telegramChatId: String(1000 + i),
      telegramLinkedAt: at,
    }));
    writeRecords(studio.emu, 'clients', clients, 'ru');
    snapshots.set(count, studio.emu.toJSON());
  }
  for (let i = 0; i < count; i++) studio.bot.seedChat({ id: 1000 + i, firstName: `Client ${i}` });
  const received = (i: number) => studio.bot.sent(1000 + i).filter((m) => m.text === TEXTS.ru || m.text === TEXTS.en);
  const finish = () => {
    // The poll trigger's runs, without the hourly and nightly work the same clock steps would also start.
    for (let run = 0; run < 20; run++) {
      studio.emu.clock.advance(5 * 60_000);
      studio.poll();
      const active = JSON.parse(studio.emu.properties.script()['telegram.broadcasts'] ?? '[]') as string[];
      if (active.length === 0) return;
    }
    throw new Error('the broadcast never finished');
  };
  return { ...studio, count, received, finish };
}

describe('Telegram broadcast', () => {
  it('reaches every linked client once in their language, skips the unlinked, the unsubscribed and those preferring email, keeps 30 a second', () => {
    const studio = studioWithLinked(35);
    writeRecords(
      studio.emu,
      'clients',
      [
        {
          id: 'C-0900',
          name: 'Gone',
          email: 'gone@example.com',
          telegramChatId: '1999',
          telegramLinkedAt: new Date(studio.emu.clock.now()),
          unsubscribedAt: new Date(studio.emu.clock.now()),
        },
        {
          id: 'C-0901',
          name: 'Mail only',
          email: 'mail@example.com',
          telegramChatId: '1998',
          telegramLinkedAt: new Date(studio.emu.clock.now()),
          preferredChannel: 'email',
        },
      ],
      'ru',
    );
    studio.bot.seedChat({ id: 1999, firstName: 'Gone' });
    studio.bot.seedChat({ id: 1998, firstName: 'Mail only' });
    const started = studio.emu.clock.now();
    const view = studio.app.callFromClient('sendTelegramBroadcast', TEXTS) as {
      total: number;
      sent: number;
      waiting: number;
    };
    // Two seeded ru clients (C-0001, C-0002) are not linked: only the 35.
    expect(view).toMatchObject({ total: 35, sent: 35, waiting: 0 });
    for (let i = 0; i < 35; i++)
      expect(
        studio.received(i).map((m) => m.text),
        `client ${i}`,
      ).toEqual([i % 2 === 0 ? TEXTS.ru : TEXTS.en]);
    expect(studio.bot.sent(1999)).toEqual([]);
    // Linked, but they chose email as their channel (Clients: "Почта").
    expect(studio.bot.sent(1998)).toEqual([]);
    // 35 messages at 30 a second take more than a second, and Telegram never had to say 429.
    expect(studio.emu.clock.now() - started).toBeGreaterThanOrEqual(1000);
    expect(studio.emu.urlFetch.requests().filter((r) => r.status === 429)).toEqual([]);
  });

  it('403 marks the client unreachable and goes on; 429 and a network failure stop the run and a later one finishes', () => {
    const studio = studioWithLinked(4);
    studio.bot.block(1001);
    studio.bot.failNext('sendMessage', { kind: 'tooManyRequests', retryAfter: 120 });
    const first = studio.app.callFromClient('sendTelegramBroadcast', TEXTS) as { id: string; sent: number };
    expect(first.sent).toBe(0);
    studio.bot.failNext('sendMessage', { kind: 'network' });
    studio.finish();
    const view = studio.app.callFromClient('getTelegramBroadcast', first.id);
    expect(view).toMatchObject({ total: 4, sent: 3, unreachable: 1, waiting: 0 });
    expect(studio.clients().find((row) => row.id === 'C-0011')?.telegramUnreachableAt).toBeInstanceOf(Date);
    for (const i of [0, 2, 3]) expect(studio.received(i)).toHaveLength(1);
  });

  it('killed at every k-th call and finished by the trigger: at most one duplicate per kill, only the message in flight', () => {
    let k = 0;
    let duplicates = 0;
    const first = studioWithLinked(3);
    const reused = { emu: first.emu, app: first.app };
    for (; k < 400; k++) {
      const studio = studioWithLinked(3, reused);
      const before = studio.emu.urlFetch.requests().length;
      studio.emu.rt.killExecutionsAfter(k);
      let killed = false;
      try {
        studio.app.callFromClient('sendTelegramBroadcast', TEXTS);
      } catch (error) {
        killed = true;
        expect(String(error)).toMatch(/Exceeded maximum execution time|ExecutionKilled/);
      }
      studio.emu.rt.killExecutionsAfter(null);
      if (killed) studio.finish();
      const counts = Array.from({ length: 3 }, (_, i) => studio.received(i).length);
      const listed = JSON.parse(studio.emu.properties.script()['telegram.broadcasts'] ?? 'null') as string[] | null;
      if (listed === null) {
        // Cut before the broadcast was listed: staff saw the failure, and nothing went to anyone.
        expect(counts, `k=${k}`).toEqual([0, 0, 0]);
        continue;
      }
      // Everyone got it; one chat at most got it twice.
      expect(
        counts.every((n) => n >= 1),
        `k=${k}: ${counts.join(',')}`,
      ).toBe(true);
      const extra = counts.reduce((sum, n) => sum + n - 1, 0);
      expect(extra, `k=${k}: ${counts.join(',')}`).toBeLessThanOrEqual(1);
      if (extra === 1) {
        duplicates += 1;
        // The duplicate is the message whose answer the cut-off run never read: its second copy came first in the next run.
        const sendsBefore = studio.emu.urlFetch
          .requests()
          .slice(before)
          .filter((r) => r.url.endsWith('/sendMessage'));
        expect(sendsBefore.length).toBe(4);
      }
      if (!killed) break;
    }
    // The sweep reached a run that finished uncut, and the unknown window was hit at least once.
    expect(k).toBeLessThan(400);
    expect(duplicates).toBeGreaterThan(0);
  }, 180_000);
});
