// The alert choice and the broadcast journal, worked by hand.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TELEGRAM_SETTINGS, dueAlerts, prunedJournal, type AlertInput } from '../../src/domain/telegram/alerts';
import {
  broadcastProgress,
  broadcastRecipients,
  chunkRecipients,
  CHUNK_SIZE,
  nextRecipient,
  stateAfter,
  textFor,
} from '../../src/domain/telegram/broadcast';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function input(over: Partial<AlertInput> = {}): AlertInput {
  return {
    now,
    since: new Date('2026-11-20T00:00:00Z'),
    settings: DEFAULT_TELEGRAM_SETTINGS,
    clients: [
      { id: 'C-1', name: 'Anna', createdAt: minutesAgo(10) },
      { id: 'C-2', name: 'Old', createdAt: minutesAgo(3 * 24 * 60) },
    ],
    requests: [
      {
        id: 'R-1',
        clientId: 'C-1',
        channel: 'telegram',
        summary: 'first line\nsecond',
        receivedAt: minutesAgo(104),
        answeredAt: null,
      },
      { id: 'R-2', clientId: 'C-1', channel: 'email', summary: 'x', receivedAt: minutesAgo(105), answeredAt: null },
      {
        id: 'R-3',
        clientId: 'C-1',
        channel: 'email',
        summary: 'y',
        receivedAt: minutesAgo(200),
        answeredAt: minutesAgo(150),
      },
    ],
    today: '2026-11-24',
    hour: 8,
    lastDay: { newClients: 1, orders: 2, mailsSent: 3 },
    journal: {},
    ...over,
  };
}

describe('dueAlerts', () => {
  it('new clients and requests of the last 24 h; the warning from 105 minutes, only while unanswered; the summary from its hour', () => {
    expect(dueAlerts(input()).map((a) => a.key)).toEqual([
      'registration:C-1',
      'request:R-1',
      'request:R-2',
      'due:R-2',
      'request:R-3',
    ]);
    expect(dueAlerts(input()).find((a) => a.key === 'request:R-1')?.params.summary).toBe('first line');
    expect(dueAlerts(input({ hour: 9 })).map((a) => a.key)).toContain('summary:2026-11-24');
    expect(dueAlerts(input({ hour: 9 })).find((a) => a.kind === 'dailySummary')?.params).toEqual({
      newClients: 1,
      orders: 2,
      mailsSent: 3,
      waiting: 2,
    });
  });

  it('nothing journaled comes again, nothing before the bot was connected, nothing switched off', () => {
    const journal = { 'registration:C-1': 1, 'request:R-1': 1, 'request:R-2': 1, 'due:R-2': 1, 'request:R-3': 1 };
    expect(dueAlerts(input({ journal }))).toEqual([]);
    expect(dueAlerts(input({ since: minutesAgo(5) }))).toEqual([]);
    const off = { ...DEFAULT_TELEGRAM_SETTINGS, alertNewRegistration: false, alertNewRequest: false };
    expect(dueAlerts(input({ settings: off })).map((a) => a.key)).toEqual(['due:R-2']);
  });

  it('prunes journal entries older than 48 hours', () => {
    expect(prunedJournal({ a: now.getTime() - 47 * 3600_000, b: now.getTime() - 49 * 3600_000 }, now)).toEqual({
      a: now.getTime() - 47 * 3600_000,
    });
  });
});

describe('broadcast journal', () => {
  const client = (id: string, over: object = {}) => ({
    id,
    chatId: '1',
    linkedAt: now,
    unreachableAt: null,
    unsubscribedAt: null,
    locale: null,
    preferredChannel: '',
    ...over,
  });

  it('recipients: linked with consent, not unreachable, not unsubscribed, not preferring email', () => {
    expect(
      broadcastRecipients([
        client('a'),
        client('b', { chatId: null }),
        client('c', { linkedAt: null }),
        client('d', { unreachableAt: now }),
        client('e', { unsubscribedAt: now }),
        client('f', { preferredChannel: 'email' }),
        client('g', { preferredChannel: 'telegram' }),
        client('h', { preferredChannel: 'both' }),
      ]),
    ).toEqual(['a', 'g', 'h']);
  });

  it('chunks of 150, in flight first, then pending in order', () => {
    const ids = Array.from({ length: CHUNK_SIZE + 2 }, (_, i) => `C-${i}`);
    const chunks = chunkRecipients(ids);
    expect(chunks.map((chunk) => Object.keys(chunk).length)).toEqual([150, 2]);
    expect(nextRecipient(chunks)).toEqual({ chunk: 0, clientId: 'C-0' });
    chunks[0]!['C-0'] = 'm5';
    chunks[1]!['C-151'] = 'w';
    expect(nextRecipient(chunks)).toEqual({ chunk: 1, clientId: 'C-151' });
    expect(broadcastProgress(chunks)).toEqual({ total: 152, sent: 1, unreachable: 0, skipped: 0, waiting: 151 });
  });

  it('after a send: message id, unreachable, skipped; 429 and no answer go back to pending and stop the run', () => {
    expect(stateAfter({ kind: 'sent', messageId: 42 })).toEqual({ state: 'm42', goOn: true });
    expect(stateAfter({ kind: 'unreachable', description: '' })).toEqual({ state: 'u', goOn: true });
    expect(stateAfter({ kind: 'refused', description: '' })).toEqual({ state: 's', goOn: true });
    expect(stateAfter({ kind: 'wait', seconds: 3 })).toEqual({ state: 'p', goOn: false });
    expect(stateAfter({ kind: 'retryLater', description: '' })).toEqual({ state: 'p', goOn: false });
  });

  it('the client’s language, else the studio’s, else whichever text there is', () => {
    expect(textFor({ ru: 'привет', en: 'hi' }, 'en', 'ru')).toBe('hi');
    expect(textFor({ ru: 'привет', en: 'hi' }, null, 'ru')).toBe('привет');
    expect(textFor({ ru: '', en: 'hi' }, 'ru', 'ru')).toBe('hi');
  });
});
