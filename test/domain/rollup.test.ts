import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROLLUP_SETTINGS,
  planSendsRollup,
  rolledSends,
  sendsRollupCutoff,
  withRolledCounts,
  withRolledResult,
} from '../../src/domain/campaigns/rollup';
import { campaignResults } from '../../src/domain/campaigns/attribution';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../src/domain/campaigns/settings';
import { campaignCounts } from '../../src/domain/campaigns/state';
import { balance, hasKey, ledgerEntry, ledgerReason } from '../../src/domain/loyalty/ledger';
import { openLots } from '../../src/domain/loyalty/expiry';
import { planLoyaltyNight } from '../../src/domain/loyalty/nightly';
import { orderEarnKey, orderRedeemKey } from '../../src/domain/loyalty/order-points';
import { ledgerRollupBoundary, planLedgerRollup } from '../../src/domain/loyalty/rollup';
import { loyaltySettings } from '../../src/domain/loyalty/settings';
import type { LedgerEntry, Order, Send } from '../../src/domain/types';

const at = (iso: string): Date => new Date(iso);

describe('sendsRollupCutoff', () => {
  const now = at('2026-12-04T12:00:00Z');
  it('is the setting’s months back when that is past every window', () => {
    // The default 3 months before 2026-12-04 12:00 UTC (92 days, past the KPI's 62-day look-back).
    expect(sendsRollupCutoff(now, DEFAULT_ROLLUP_SETTINGS, DEFAULT_CAMPAIGN_SETTINGS).toISOString()).toBe(
      '2026-09-04T12:00:00.000Z',
    );
    expect(
      sendsRollupCutoff(
        now,
        { ...DEFAULT_ROLLUP_SETTINGS, sendsAfterMonths: 12 },
        DEFAULT_CAMPAIGN_SETTINGS,
      ).toISOString(),
    ).toBe('2025-12-04T12:00:00.000Z');
  });
  it('never comes nearer than the longest window a reader looks back', () => {
    // 1 month would be 2026-11-04; the KPI month (62 days) is the longest window → 63 days back: 2026-10-02.
    const cutoff = sendsRollupCutoff(
      now,
      { ...DEFAULT_ROLLUP_SETTINGS, sendsAfterMonths: 1 },
      DEFAULT_CAMPAIGN_SETTINGS,
    );
    expect(cutoff.toISOString()).toBe('2026-10-02T12:00:00.000Z');
    // Attribution of 100 days wins over the KPI month: 101 days back from 2026-12-04 is 2026-08-25.
    expect(
      sendsRollupCutoff(
        now,
        { ...DEFAULT_ROLLUP_SETTINGS, sendsAfterMonths: 1 },
        { attributionDays: 100 },
      ).toISOString(),
    ).toBe('2026-08-25T12:00:00.000Z');
  });
});

const send = (
  campaignId: string,
  clientId: string,
  status: Send['status'],
  iso: string,
  extra: Partial<Send> = {},
): Send => ({
  campaignId,
  clientId,
  email: `${clientId.toLowerCase()}@example.com`,
  status,
  reason: status === 'skipped' ? 'noConsent' : '',
  occasion: '',
  at: at(iso),
  ...extra,
});

const order = (id: string, clientId: string, iso: string, amount: number): Order => ({
  id,
  clientId,
  date: at(iso),
  product: 'emotes',
  quantity: 1,
  amount,
  status: 'completed',
  completedAt: at(iso),
  pointsRedeemed: 0,
  discountCode: '',
  notes: '',
});

describe('planSendsRollup', () => {
  const cutoff = at('2025-12-04T12:00:00Z');
  const sends: Send[] = [
    send('K-1', 'C-1', 'sent', '2025-01-10T10:00:00Z'), // 0: old, done campaign → rolls
    send('K-1', 'C-2', 'sent', '2025-01-10T10:01:00Z'), // 1: rolls
    send('K-1', 'C-3', 'skipped', '2025-01-10T10:00:00Z'), // 2: rolls
    send('K-1', 'C-4', 'failed', '2025-01-10T10:00:00Z', { reason: 'bounce 5.1.1' }), // 3: a bounce stays
    send('K-2', 'C-1', 'skipped', '2026-11-30T10:00:00Z'), // 4: done campaign's skip: rolls at any age
    send('K-2', 'C-2', 'sent', '2026-11-30T10:00:00Z'), // 5: young: stays
    send('K-3', 'C-5', 'sent', '2025-01-10T10:00:00Z'), // 6: campaign still sending: stays
    send('flow:tierReached', 'C-1', 'sent', '2025-02-01T10:00:00Z', { occasion: 'tier:Gold' }), // 7: rolls
    send('K-3', 'C-2', 'queued', '2025-01-10T10:00:00Z'), // 8: queued: stays
  ];
  const campaigns = [
    { id: 'K-1', status: 'done' as const },
    { id: 'K-2', status: 'done' as const },
    { id: 'K-3', status: 'sending' as const },
  ];
  // O-1: C-1 five days after K-1's mail (14 days of attribution) → K-1; O-2: C-2 a month later → nobody.
  const orders = [order('O-1', 'C-1', '2025-01-15T10:00:00Z', 500), order('O-2', 'C-2', '2025-02-20T10:00:00Z', 90)];
  const plan = planSendsRollup({
    sends,
    campaigns,
    orders,
    campaignSettings: DEFAULT_CAMPAIGN_SETTINGS,
    cutoff,
    totals: [],
  });

  it('rolls old rows of finished campaigns and flows, and every skip of a finished campaign; keeps bounces, queued, running', () => {
    expect(plan.rolled).toEqual([0, 1, 2, 4, 7]);
  });

  it('keeps each campaign’s counts and results, and each client’s campaigns and occasions', () => {
    const rolled = rolledSends(plan.totals);
    const kept = sends.filter((_, index) => !plan.rolled.includes(index));
    for (const id of ['K-1', 'K-2', 'K-3', 'flow:tierReached']) {
      const after = withRolledCounts(campaignCounts(id, kept), rolled.campaigns.get(id));
      const { queued, ...before } = campaignCounts(id, sends);
      expect({ ...after, queued }).toEqual({ ...before, queued });
    }
    // K-1: 2 sent, 1 skip, 1 bounce row (kept); O-1 500 credited, 1 buyer of 2 recipients.
    const k1 = rolled.campaigns.get('K-1');
    expect(k1).toMatchObject({ sent: 2, skipped: 1, failed: 0, orders: 1, revenue: 500, buyers: 1 });
    const [before] = campaignResults([{ id: 'K-1', cost: 100 }], sends, orders);
    const [afterRaw] = campaignResults([{ id: 'K-1', cost: 100 }], kept, orders);
    const after = withRolledResult(afterRaw!, k1, 100, DEFAULT_CAMPAIGN_SETTINGS.margin);
    // ROI: (500 × 0.7 − 100) / 100 = 2.5; conversion 1 / 2.
    expect(after).toEqual(before);
    expect(after.roi).toBeCloseTo(2.5);
    expect(after.conversionRate).toBe(0.5);
    expect(rolled.handled.has('flow:tierReached|C-1|tier:Gold')).toBe(true);
    expect(rolled.listed.has('K-2|C-1')).toBe(true);
  });

  it('adds to the totals already there, and a second run over the kept rows rolls nothing', () => {
    const kept = sends.filter((_, index) => !plan.rolled.includes(index));
    const again = planSendsRollup({
      sends: kept,
      campaigns,
      orders,
      campaignSettings: DEFAULT_CAMPAIGN_SETTINGS,
      cutoff,
      totals: plan.totals,
    });
    expect(again.rolled).toEqual([]);
    expect(again.totals).toEqual(plan.totals);
    // Cut off after writing the totals, before removing the rows: the next run removes them, counting nothing twice.
    const interrupted = planSendsRollup({
      sends,
      campaigns,
      orders,
      campaignSettings: DEFAULT_CAMPAIGN_SETTINGS,
      cutoff,
      totals: plan.totals,
    });
    expect(interrupted.rolled).toEqual(plan.rolled);
    expect(interrupted.totals).toEqual(plan.totals);
    // A year later K-2's sent row (2026-11-30) rolls too and K-2's totals grow to 1 sent + 1 skip.
    const later = planSendsRollup({
      sends: kept,
      campaigns,
      orders,
      campaignSettings: DEFAULT_CAMPAIGN_SETTINGS,
      cutoff: at('2026-12-31T00:00:00Z'),
      totals: plan.totals,
    });
    expect(later.rolled).toEqual([kept.findIndex((row) => row.campaignId === 'K-2')]);
    expect(rolledSends(later.totals).campaigns.get('K-2')).toMatchObject({ sent: 1, skipped: 1 });
  });
});

describe('planLedgerRollup', () => {
  const settings = loyaltySettings();
  const entry = (iso: string, clientId: string, kind: LedgerEntry['kind'], points: number, key: string, orderId = '') =>
    ledgerEntry(
      {
        clientId,
        kind,
        points,
        key,
        orderId,
        reason: ledgerReason('loyalty.reason.orderEarned', { amount: points, rate: 1 }),
      },
      at(iso),
    );
  const ledger: LedgerEntry[] = [
    entry('2023-03-10T10:00:00Z', 'C-1', 'earn', 100, orderEarnKey('O-1'), 'O-1'),
    entry('2023-06-01T10:00:00Z', 'C-1', 'bonus', 200, 'registration:C-1'),
    // Takes the 100 of O-1 and 50 of the registration lot.
    entry('2023-09-01T10:00:00Z', 'C-1', 'redeem', -150, orderRedeemKey('O-2'), 'O-2'),
    // What is left of the registration lot (150) expires.
    entry('2024-06-01T10:00:00Z', 'C-1', 'expire', -150, 'expire:registration:C-1'),
    entry('2024-11-20T10:00:00Z', 'C-1', 'earn', 300, orderEarnKey('O-3'), 'O-3'),
    entry('2025-02-01T10:00:00Z', 'C-1', 'earn', 80, orderEarnKey('O-4'), 'O-4'),
    // C-2 owed 50 with no lot to take them from (lost), then earned 120.
    entry('2024-01-05T10:00:00Z', 'C-2', 'adjust', -50, 'adjust:1'),
    entry('2024-02-01T10:00:00Z', 'C-2', 'earn', 120, orderEarnKey('O-9'), 'O-9'),
  ];
  const asOf = at('2026-12-04T12:00:00Z');
  const boundary = ledgerRollupBoundary(asOf, 1);
  const plan = planLedgerRollup(ledger, boundary);
  const after = [...ledger.filter((_, index) => !plan.rolled.includes(index)), ...plan.replacements];

  it('closes the years before last year: everything dated before 2025', () => {
    expect(boundary.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(plan.rolled).toEqual([0, 1, 2, 3, 4, 6, 7]);
    // Per client: its roll-up entry, then its open lots (C-1: O-3's 300; C-2: O-9's 120).
    expect(plan.replacements.map((row) => [row.clientId, row.key, row.points])).toEqual([
      ['C-1', 'rollup:C-1', 0], // 100 + 200 − 150 − 150 + 300 = 300, all of it in O-3's lot
      ['C-1', orderEarnKey('O-3'), 300],
      ['C-2', 'rollup:C-2', -50], // −50 + 120 = 70; the lot holds 120, the lost 50 stay lost
      ['C-2', orderEarnKey('O-9'), 120],
    ]);
  });

  it('keeps balances, open lots and settled keys', () => {
    for (const [clientId, points] of [
      ['C-1', 380],
      ['C-2', 70],
    ] as const) {
      expect(balance(ledger, clientId, asOf)).toBe(points);
      expect(balance(after, clientId, asOf)).toBe(points);
      expect(openLots(after, clientId, asOf)).toEqual(openLots(ledger, clientId, asOf));
    }
    for (const key of [orderEarnKey('O-1'), 'registration:C-1', orderRedeemKey('O-2'), orderEarnKey('O-3')])
      expect(hasKey(after, key)).toBe(true);
  });

  it('rolls nothing twice, and the nightly plan is the same before and after', () => {
    expect(planLedgerRollup(after, boundary)).toEqual({ rolled: [], replacements: [] });
    const clients = ['C-1', 'C-2'].map((id) => ({
      id,
      birthday: null,
      referredBy: '' as const,
      tier: 'Bronze',
      tierSince: null,
    }));
    const orders = [
      order('O-1', 'C-1', '2023-03-10T10:00:00Z', 100),
      order('O-3', 'C-1', '2024-11-20T10:00:00Z', 300),
      order('O-4', 'C-1', '2025-02-01T10:00:00Z', 80),
      order('O-9', 'C-2', '2024-02-01T10:00:00Z', 120),
    ];
    const night = (entries: LedgerEntry[]) =>
      planLoyaltyNight({ clients, orders, feedback: [], ledger: entries, settings, asOf });
    const before = night(ledger);
    const rolled = night(after);
    // The registration bonus is settled in C-1's roll-up; C-2's is not in the ledger and is due either way.
    expect(rolled.appended.map((row) => row.key)).toEqual(before.appended.map((row) => row.key));
    expect(rolled.appended.map((row) => row.points)).toEqual(before.appended.map((row) => row.points));
    expect([...rolled.standings.values()].map((row) => row.balance)).toEqual(
      [...before.standings.values()].map((row) => row.balance),
    );
  });
});
