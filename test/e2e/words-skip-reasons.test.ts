// Skip reasons as words on dist/Code.js: a campaign's skipped members get their reason in the Sends sheet as a
// label in the studio's language, the Send totals roll-up writes "Skips by reason" as words, rows written
// before (old codes) stay readable, a language switch rewrites both, and counts and exclusions read the same.
import { describe, expect, it } from 'vitest';
import { rowsByKey } from '../support/sheet-rows';
import { writeFixture } from '../support/sheet-fixtures';
import { confirmedCount, consentingClient, mailStudio, type MailStudio } from '../support/mail-studio';
import type {
  CampaignConfirmation,
  CampaignProgress,
  CampaignView,
  ClientMailView,
} from '../../src/contract/sidebar-api';

const at = (iso: string) => new Date(iso);
const daysAgo = (days: number) => new Date(Date.parse('2026-11-24T09:00:00Z') - days * 86_400_000);
const send = (campaignId: string, clientId: string, status: string, when: Date, reason = '') => ({
  campaignId,
  clientId,
  email: `${clientId.toLowerCase()}@example.com`,
  status,
  reason,
  at: when,
});

/**
 * Today 24 Nov 2026 (MAIL_NOW), weekly cap 2 (the default), roll-ups after 12 months (the default).
 *   C-0001, C-0002: may be mailed.  C-0101: no consent.  C-0102: unsubscribed.
 *   C-0103: two marketing mails this week (K-0009, 2 and 3 days ago): weekly cap.
 *   C-0104: K-0009's mail to it failed with a bounce ("bounce 5.1.1", free text): bounced.
 * K-0000 (done), June 2025, rows written before skip reasons were words: sent C-0001, skipped C-0101 with the
 * old code `noConsent`, skipped C-0102 with the Russian words. Older than 12 months: the night rolls them up.
 */
function studio(): MailStudio {
  const s = mailStudio({
    clients: [
      consentingClient('C-0001'),
      consentingClient('C-0002'),
      consentingClient('C-0101', { consentAt: null }),
      consentingClient('C-0102', { unsubscribedAt: at('2026-06-01T10:00:00Z') }),
      consentingClient('C-0103'),
      consentingClient('C-0104'),
    ],
    sends: [
      send('K-0000', 'C-0001', 'sent', at('2025-06-10T10:00:00Z')),
      send('K-0000', 'C-0101', 'skipped', at('2025-06-10T10:00:00Z'), 'noConsent'),
      send('K-0000', 'C-0102', 'skipped', at('2025-06-10T10:00:00Z'), 'Отписался от рассылок'),
      send('K-0009', 'C-0103', 'sent', daysAgo(2)),
      send('K-0009', 'C-0103', 'sent', daysAgo(3)),
      send('K-0009', 'C-0104', 'failed', daysAgo(2), 'bounce 5.1.1'),
    ],
  });
  writeFixture(
    s.emu,
    'campaigns',
    ['K-0000', 'K-0009'].map((id) => ({
      id,
      name: id,
      segmentId: 'all',
      template: 'promo',
      status: 'done',
      cost: 0,
      createdAt: at(id === 'K-0000' ? '2025-06-01T09:00:00Z' : '2026-11-20T09:00:00Z'),
    })),
    s.locale,
  );
  return s;
}

function sendNow(s: MailStudio, name: string): { id: string; progress: CampaignProgress } {
  const { id } = s.call<CampaignView>('createCampaign', {
    name,
    segmentId: 'all',
    template: 'promo',
    senderName: 'Studio',
    replyTo: '',
    scheduledAt: null,
    cost: 0,
  });
  return { id, progress: s.call<CampaignProgress>('sendCampaign', id, confirmedCount(s, id)) };
}

/** Each client's [status, reason] cells of a campaign in the Sends sheet, as staff see them. */
function reasonCells(s: MailStudio, campaignId: string, locale: 'ru' | 'en'): Record<string, [unknown, unknown]> {
  return Object.fromEntries(
    rowsByKey(s.emu, 'sends', locale)
      .filter((row) => row.campaignId === campaignId)
      .map((row) => [String(row.clientId), [row.status, row.reason]]),
  );
}

function night(s: MailStudio): void {
  s.app.run('runNightly', [], { kind: 'trigger' });
  s.emu.advance(10 * 60_000); // each nightly step its own execution, a minute apart
  expect(s.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
}

/** The "Skips by reason" cell of a campaign's row in Send totals (campaign id first, client id blank). */
function totalsReasons(s: MailStudio, tab: string, campaignId: string): unknown {
  const [header = [], ...rows] = s.emu.spreadsheet.values(tab);
  const column = header.findIndex((title) => title === 'Пропуски по причинам' || title === 'Skips by reason');
  expect(column).toBeGreaterThan(-1);
  return rows.find((cells) => cells[0] === campaignId && cells[1] === '')?.[column];
}

const progressOf = (s: MailStudio, id: string) => s.call<CampaignProgress>('getCampaignProgress', id).skippedByReason;

describe('skip reasons as words', () => {
  it('a campaign writes its skips as Russian words; they read back to the same counts and exclusions', () => {
    const s = studio();
    const { id, progress } = sendNow(s, 'Ноябрь');
    // One of each: C-0101 no consent, C-0102 unsubscribed, C-0103 at the cap, C-0104 bounced (from free text).
    const skips = { noConsent: 1, unsubscribed: 1, weeklyCap: 1, bounced: 1 };
    expect(progress.skippedByReason).toEqual(skips);
    expect([...s.mailedTo()].sort()).toEqual(['c-0001@example.com', 'c-0002@example.com']);
    expect(reasonCells(s, id, 'ru')).toEqual({
      'C-0001': ['Отправлено', ''],
      'C-0002': ['Отправлено', ''],
      'C-0101': ['Пропущено', 'Нет согласия на рассылки'],
      'C-0102': ['Пропущено', 'Отписался от рассылок'],
      'C-0103': ['Пропущено', 'Недельный лимит писем'],
      'C-0104': ['Пропущено', 'Письма не доходили'],
    });
    // Read back from the words: the same reasons; the old campaign's code and words alike.
    expect(progressOf(s, id)).toEqual(skips);
    expect(progressOf(s, 'K-0000')).toEqual({ noConsent: 1, unsubscribed: 1 });
    // The failure's free text is kept as written.
    expect(reasonCells(s, 'K-0009', 'ru')['C-0104']).toEqual(['Ошибка', 'bounce 5.1.1']);

    // A second campaign decides the same exclusions over Sends rows whose reasons are words: C-0001 and C-0002
    // have one mail this week (cap 2: still open), C-0103 two, C-0104's bounce still counts.
    const { id: second } = s.call<CampaignView>('createCampaign', {
      name: 'Ещё',
      segmentId: 'all',
      template: 'promo',
      senderName: 'Studio',
      replyTo: '',
      scheduledAt: null,
      cost: 0,
    });
    const confirmation = s.call<CampaignConfirmation>('confirmCampaign', second);
    expect(confirmation).toMatchObject({ count: 2, skippedByReason: skips });
  });

  it('the roll-up writes Skips by reason in words; a language switch rewrites them and the Sends reasons', () => {
    const s = studio();
    const { id } = sendNow(s, 'Ноябрь');
    const skips = { noConsent: 1, unsubscribed: 1, weeklyCap: 1, bounced: 1 };
    night(s);
    // K-0000's rows (older than 12 months) and the finished K-0001's skips left Sends for Send totals, in the
    // list's order: unsubscribed, bounced, no consent, weekly cap.
    expect(rowsByKey(s.emu, 'sends', 'ru').filter((row) => row.campaignId === 'K-0000')).toEqual([]);
    expect(Object.keys(reasonCells(s, id, 'ru')).sort()).toEqual(['C-0001', 'C-0002']);
    expect(totalsReasons(s, 'Итоги отправок', 'K-0000')).toBe('Отписался от рассылок: 1; Нет согласия на рассылки: 1');
    expect(totalsReasons(s, 'Итоги отправок', id)).toBe(
      'Отписался от рассылок: 1; Письма не доходили: 1; Нет согласия на рассылки: 1; Недельный лимит писем: 1',
    );
    expect(progressOf(s, 'K-0000')).toEqual({ noConsent: 1, unsubscribed: 1 });
    expect(progressOf(s, id)).toEqual(skips);

    // A second campaign's skips stay in Sends (in Russian) until the switch.
    const second = sendNow(s, 'Декабрь');
    expect(second.progress.skippedByReason).toEqual(skips);
    s.call('saveSetting', 'core.locale', 'en');
    expect(totalsReasons(s, 'Send totals', 'K-0000')).toBe('Unsubscribed: 1; No consent to mailings: 1');
    expect(totalsReasons(s, 'Send totals', id)).toBe(
      'Unsubscribed: 1; Mail bounced before: 1; No consent to mailings: 1; Weekly mail limit reached: 1',
    );
    expect(reasonCells(s, second.id, 'en')).toEqual({
      'C-0001': ['Sent', ''],
      'C-0002': ['Sent', ''],
      'C-0101': ['Skipped', 'No consent to mailings'],
      'C-0102': ['Skipped', 'Unsubscribed'],
      'C-0103': ['Skipped', 'Weekly mail limit reached'],
      'C-0104': ['Skipped', 'Mail bounced before'],
    });
    expect(reasonCells(s, 'K-0009', 'en')['C-0104']).toEqual(['Failed', 'bounce 5.1.1']);
    // Nothing is lost reading the English words back; the next night leaves the totals' words as they are.
    expect(progressOf(s, 'K-0000')).toEqual({ noConsent: 1, unsubscribed: 1 });
    expect(progressOf(s, id)).toEqual(skips);
    expect(progressOf(s, second.id)).toEqual(skips);
    night(s);
    expect(totalsReasons(s, 'Send totals', 'K-0000')).toBe('Unsubscribed: 1; No consent to mailings: 1');
    expect(totalsReasons(s, 'Send totals', second.id)).toBe(
      'Unsubscribed: 1; Mail bounced before: 1; No consent to mailings: 1; Weekly mail limit reached: 1',
    );
    expect(progressOf(s, id)).toEqual(skips);
  });

  it("the client card's mail history words a follow-up's stop, read from the old code or the words", () => {
    const s = studio();
    writeFixture(
      s.emu,
      'sends',
      [
        { ...send('followUp:K-0009', 'C-0103', 'skipped', daysAgo(1), 'replied'), occasion: 'step:1' },
        { ...send('followUp:K-0009', 'C-0103', 'skipped', daysAgo(1), 'Заказал после письма'), occasion: 'step:2' },
      ],
      s.locale,
    );
    const reasons = s
      .call<ClientMailView[]>('getClientMails', 'C-0103')
      .filter((mail) => mail.status === 'skipped')
      .map((mail) => mail.reason);
    expect(reasons.sort()).toEqual(['Заказал после письма', 'Ответил на письмо']);
  });
});
