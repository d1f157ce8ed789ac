// Sends roll-up on dist/Code.js: a night with roll-ups off, then one with them on; campaign counts and
// results, a new campaign's exclusions (bounce, consent, weekly cap), a flow's "already mailed" and the
// Dashboard's tiles read the same before and after, while the rows nobody needs left Sends.
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n';
import { writeFixture } from '../support/sheet-fixtures';
import { consentingClient, mailStudio, PROMO_TEMPLATE, type MailStudio } from '../support/mail-studio';

const at = (iso: string) => new Date(iso);
const row = (
  campaignId: string,
  clientId: string,
  status: string,
  iso: string,
  extra: Record<string, unknown> = {},
) => ({
  campaignId,
  clientId,
  email: `${clientId.toLowerCase()}@example.com`,
  status,
  at: at(iso),
  ...extra,
});
const order = (id: string, clientId: string, iso: string, amount: number) => ({
  id,
  clientId,
  date: at(iso),
  product: 'Эмоут',
  amount,
  quantity: 1,
  status: 'completed',
  completedAt: at(iso),
});
const campaign = (id: string, cost: number, created: string, status = 'done') => ({
  id,
  name: id,
  segmentId: 'all',
  template: 'promo',
  status,
  cost,
  createdAt: at(created),
});

const SETTINGS = {
  'campaigns.weeklyCap': '1',
  'campaigns.attributionDays': '14',
  'campaigns.margin': '0.5',
  'flows.welcome': JSON.stringify({ enabled: true }),
};

/**
 * Today 24 Nov 2026; roll-ups cut at the default 3 months (24 Aug 2026). Rows:
 *   K-0001 (done, cost 100), 10 Jun 2025: sent A, B, E; skipped C (no consent); failed D (a bounce).
 *   K-0002 (done, cost 0), 20 Nov 2026: sent E; skipped C.
 *   flow:welcome to B, 11 Jun 2025 (B was created two days ago: the welcome is due again but already sent).
 *   K-0003 (done, cost 40), 15 Oct 2026: sent A (young: stays; the Dashboard's month, October).
 * Orders: A 12 Jun 2025 300 → K-0001; B 30 Jul 2025 200 → nobody (50 days > 14); E 21 Nov 2026 150 → K-0002;
 *   A 17 Oct 2026 100 → K-0003 (conversion 1, ROI (100 × 0.5 − 40) / 40 = 0.25).
 * Expected, by hand:
 *   K-0001: 5 rows, 3 sent, 1 skipped, 1 failed; 1 order, revenue 300, 1 buyer of 3 → conversion 1/3,
 *           ROI (300 × 0.5 − 100) / 100 = 0.5.  K-0002: 2 rows, 1 sent, 1 skipped; 1 order, 150, conversion 1.
 *   A new campaign to all: A and B mailed; C no consent, D bounced (the kept failed row), E weekly cap
 *   (K-0002's mail four days ago, cap 1).
 *   The hourly run mails nobody: B's welcome is in its totals after the roll-up as it was in its row before.
 * Roll-up: every K-0001 row but the bounce (4), K-0002's skip (finished campaign: at any age) and the
 * flow row go: 6 of 9 rows; left are D's bounce, E's K-0002 mail and A's K-0003 mail.
 */
function studio(): MailStudio {
  const s = mailStudio({
    settings: { ...SETTINGS, 'rollups.enabled': 'false' },
    clients: [
      consentingClient('C-A'),
      consentingClient('C-B', { createdAt: at('2026-11-22T10:00:00Z') }),
      consentingClient('C-C', { consentAt: null }),
      consentingClient('C-D'),
      consentingClient('C-E'),
    ],
    sends: [
      row('K-0001', 'C-A', 'sent', '2025-06-10T10:00:00Z'),
      row('K-0001', 'C-B', 'sent', '2025-06-10T10:00:00Z'),
      row('K-0001', 'C-C', 'skipped', '2025-06-10T10:00:00Z', { reason: 'noConsent' }),
      row('K-0001', 'C-D', 'failed', '2025-06-10T10:00:00Z', { reason: 'bounce 5.1.1' }),
      row('K-0001', 'C-E', 'sent', '2025-06-10T10:00:00Z'),
      row('K-0002', 'C-E', 'sent', '2026-11-20T10:00:00Z'),
      row('K-0002', 'C-C', 'skipped', '2026-11-20T10:00:00Z', { reason: 'noConsent' }),
      row('flow:welcome', 'C-B', 'sent', '2025-06-11T10:00:00Z', { occasion: 'welcome' }),
      row('K-0003', 'C-A', 'sent', '2026-10-15T10:00:00Z'),
    ],
    orders: [
      order('O-1', 'C-A', '2025-06-12T12:00:00Z', 300),
      order('O-2', 'C-B', '2025-07-30T12:00:00Z', 200),
      order('O-3', 'C-E', '2026-11-21T12:00:00Z', 150),
      order('O-4', 'C-A', '2026-10-17T12:00:00Z', 100),
    ],
    templates: [
      PROMO_TEMPLATE,
      { name: 'welcome', subject: 'Добро пожаловать', htmlBody: '<p>Привет!</p>', textBody: '' },
    ],
  });
  writeFixture(
    s.emu,
    'campaigns',
    [
      campaign('K-0001', 100, '2025-06-01T09:00:00Z'),
      campaign('K-0002', 0, '2026-11-01T09:00:00Z'),
      campaign('K-0003', 40, '2026-10-01T09:00:00Z'),
    ],
    s.locale,
  );
  return s;
}

/** Staff edit the Settings row `rollups.enabled` (its value is the second column). */
export function switchRollups(s: Pick<MailStudio, 'emu'>, value: string): void {
  const settings = s.emu.spreadsheet.values('Настройки');
  const row = settings.findIndex((cells) => cells[0] === 'rollups.enabled');
  expect(row).toBeGreaterThan(0);
  s.emu.spreadsheet.edit('Настройки', `B${row + 1}`, [[value]]);
}

function night(s: MailStudio): void {
  s.app.run('runNightly', [], { kind: 'trigger' });
  s.emu.advance(10 * 60_000); // each nightly step its own execution, a minute apart
  expect(s.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
}

/** Everything staff and the engine read of the mail history. */
function observed(s: MailStudio, newCampaign: string) {
  const views =
    s.call<{ id: string; recipients: number; sent: number; skipped: number; failed: number }[]>('listCampaigns');
  const preview = s.call<{ recipients: number; skippedByReason: Record<string, number> }>(
    'previewCampaign',
    newCampaign,
    null,
  );
  const dashboard = s.emu.spreadsheet.values(translate('ru', 'analysis.dashboard.sheetName'));
  return {
    counts: Object.fromEntries(views.map((view) => [view.id, [view.recipients, view.sent, view.skipped, view.failed]])),
    results: Object.fromEntries(
      s.rows('campaigns').map((r) => [r.id, [r.orders, r.revenue, Number(r.conversionRate).toFixed(4), r.roi]]),
    ),
    preview: { recipients: preview.recipients, skipped: preview.skippedByReason },
    kpis: ['campaignConversion', 'campaignRoi'].map(
      (key) => dashboard.find((cells) => cells[0] === translate('ru', `analysis.kpi.${key}` as never))?.[1],
    ),
  };
}

describe('Sends roll-up', () => {
  it('keeps counts, results, exclusions and "already mailed" identical while old rows leave Sends', () => {
    const s = studio();
    const { id: fresh } = s.call<{ id: string }>('createCampaign', {
      name: 'New',
      segmentId: 'all',
      template: 'promo',
      senderName: 'Studio',
      replyTo: '',
      scheduledAt: null,
      cost: 0,
    });
    night(s);
    expect(s.rows('sends')).toHaveLength(9); // roll-ups off: nothing moved
    const before = observed(s, fresh);
    expect(before).toEqual({
      counts: { 'K-0001': [5, 3, 1, 1], 'K-0002': [2, 1, 1, 0], 'K-0003': [1, 1, 0, 0], [fresh]: [0, 0, 0, 0] },
      results: {
        'K-0001': [1, 300, (1 / 3).toFixed(4), 0.5],
        'K-0002': [1, 150, (1).toFixed(4), ''],
        'K-0003': [1, 100, (1).toFixed(4), 0.25],
        [fresh]: [0, 0, (0).toFixed(4), ''],
      },
      preview: { recipients: 2, skipped: { noConsent: 1, bounced: 1, weeklyCap: 1 } },
      // October (the last full month) had K-0003 only: 1 buyer of 1 recipient, ROI (100 × 0.5 − 40) / 40 = 0.25.
      kpis: [1, 0.25],
    });

    switchRollups(s, 'true');
    night(s);
    expect(s.rows('sends').map((r) => [r.campaignId, r.clientId, r.status])).toEqual([
      ['K-0001', 'C-D', 'Ошибка'],
      ['K-0002', 'C-E', 'Отправлено'],
      ['K-0003', 'C-A', 'Отправлено'],
    ]);
    const totals = s.emu.spreadsheet.values('Итоги отправок');
    // Header, then the campaigns' rows (K-0001, K-0002, flow:welcome), then the clients' (A, B, C, E).
    expect(totals.slice(1).map((cells) => [cells[0], cells[1]])).toEqual([
      ['K-0001', ''],
      ['K-0002', ''],
      ['flow:welcome', ''],
      ['', 'C-A'],
      ['', 'C-B'],
      ['', 'C-C'],
      ['', 'C-E'],
    ]);
    expect(observed(s, fresh)).toEqual(before);

    // B's welcome (occasion `welcome`) is still known: the hourly run mails nobody.
    s.app.run('runHourly', [], { kind: 'trigger' });
    expect(s.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
    expect(s.mailedTo()).toEqual([]);

    // A second night rolls nothing more and leaves the totals as they are.
    night(s);
    expect(s.emu.spreadsheet.values('Итоги отправок')).toEqual(totals);
    expect(observed(s, fresh)).toEqual(before);
  });
});
