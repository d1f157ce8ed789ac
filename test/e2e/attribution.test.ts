// Attribution and ROI on a hand-checked example: the nightly run credits orders to the last campaign
// mail within N days, writes orders, revenue, conversion and ROI on the Campaigns sheet, and the
// Dashboard's campaign tiles show October's campaigns.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { translate } from '../../src/i18n';
import { consentingClient, mailStudio } from '../support/mail-studio';

const at = (iso: string) => new Date(iso);
const sent = (campaignId: string, clientId: string, iso: string) => ({
  campaignId,
  clientId,
  email: `${clientId.toLowerCase()}@example.com`,
  status: 'sent',
  at: at(iso),
});
const order = (id: string, clientId: string, iso: string, amount: number, status = 'completed') => ({
  id,
  clientId,
  date: at(iso),
  product: 'Эмоут',
  amount,
  quantity: 1,
  status,
  completedAt: status === 'completed' ? at(iso) : null,
});
const campaign = (id: string, cost: number) => ({
  id,
  name: id,
  segmentId: 'all',
  template: 'promo',
  status: 'done',
  cost,
  createdAt: at('2026-10-01T09:00:00Z'),
});

/**
 * Settings: attribution 7 days, margin 0.5. Mails (all sent) and orders:
 *   K-0001 (cost 100) on 5 Oct 10:00 to A, B, C, D, F — covers orders 5 Oct 10:00 … 12 Oct 10:00.
 *   K-0002 (cost 50) on 12 Oct 10:00 to A, E — covers 12 Oct 10:00 … 19 Oct 10:00.
 *   K-0003 (cost 300) on 18 Nov 10:00 to C — covers 18 … 25 Nov.
 *   flow:welcome to B on 6 Oct — flow mails are never credited.
 *   A  8 Oct 300 → K-0001.      A 14 Oct 200 → K-0002 (K-0001's week is over; last touch).
 *   B  7 Oct 400 → K-0001 (the later welcome flow mail does not take it).
 *   C 20 Oct 1000 → nobody (K-0001's week ended 12 Oct).    C 20 Nov 600 → K-0003.
 *   D  4 Oct 250 → nobody (before the mail).
 *   E 12 Oct 08:00 90 → nobody (two hours before K-0002).   E 13 Oct 500 cancelled → nobody.
 * Per campaign (conversion = buyers / recipients, ROI = (revenue × 0.5 − cost) / cost):
 *   K-0001: 5 recipients, 2 orders, revenue 700, conversion 2/5 = 0.4, ROI (350 − 100)/100 = 2.5
 *   K-0002: 2 recipients, 1 order,  revenue 200, conversion 1/2 = 0.5, ROI (100 − 50)/50 = 1
 *   K-0003: 1 recipient,  1 order,  revenue 600, conversion 1,         ROI (300 − 300)/300 = 0
 * Dashboard (refresh on 24 Nov: last full month October, so K-0001 and K-0002 only):
 *   conversion 3 buyers / 7 recipients = 0.428571…, ROI (900 × 0.5 − 150) / 150 = 2
 */
function attributionStudio() {
  return mailStudio({
    settings: { 'campaigns.attributionDays': '7', 'campaigns.margin': '0.5' },
    clients: ['C-A', 'C-B', 'C-C', 'C-D', 'C-E', 'C-F'].map((id) => consentingClient(id)),
    sends: [
      ...['C-A', 'C-B', 'C-C', 'C-D', 'C-F'].map((id) => sent('K-0001', id, '2026-10-05T10:00:00Z')),
      sent('K-0002', 'C-A', '2026-10-12T10:00:00Z'),
      sent('K-0002', 'C-E', '2026-10-12T10:00:00Z'),
      sent('K-0003', 'C-C', '2026-11-18T10:00:00Z'),
      { ...sent('flow:welcome', 'C-B', '2026-10-06T10:00:00Z'), occasion: 'welcome' },
    ],
    orders: [
      order('O-1', 'C-A', '2026-10-08T12:00:00Z', 300),
      order('O-2', 'C-A', '2026-10-14T12:00:00Z', 200),
      order('O-3', 'C-B', '2026-10-07T12:00:00Z', 400),
      order('O-4', 'C-C', '2026-10-20T12:00:00Z', 1000),
      order('O-5', 'C-C', '2026-11-20T12:00:00Z', 600),
      order('O-6', 'C-D', '2026-10-04T12:00:00Z', 250),
      order('O-7', 'C-E', '2026-10-12T08:00:00Z', 90),
      order('O-8', 'C-E', '2026-10-13T12:00:00Z', 500, 'cancelled'),
    ],
  });
}

describe('attribution and ROI', () => {
  it('credits orders by last touch within N days and shows the results on Campaigns and the Dashboard', () => {
    const studio = attributionStudio();
    const { emu, app, rows } = studio;
    writeFixture(
      emu,
      'campaigns',
      [campaign('K-0001', 100), campaign('K-0002', 50), campaign('K-0003', 300)],
      studio.locale,
    );
    app.run('runNightly', [], { kind: 'trigger' });

    const results = Object.fromEntries(
      rows('campaigns').map((row) => [row.id, [row.orders, row.revenue, row.conversionRate, row.roi]]),
    );
    expect(results).toEqual({
      'K-0001': [2, 700, 0.4, 2.5],
      'K-0002': [1, 200, 0.5, 1],
      'K-0003': [1, 600, 1, 0],
    });

    const dashboard = emu.spreadsheet.values(translate('ru', 'analysis.dashboard.sheetName'));
    const tile = (key: string) =>
      dashboard.find((cells) => cells[0] === translate('ru', `analysis.kpi.${key}` as never))?.[1];
    expect(tile('campaignConversion') as number).toBeCloseTo(3 / 7, 9);
    expect(tile('campaignRoi') as number).toBeCloseTo(2, 9);
  });
});
