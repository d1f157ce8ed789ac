import { describe, expect, it } from 'vitest';
import { attributeOrders, campaignResults } from '../../src/domain/campaigns/attribution';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../src/domain/campaigns/settings';
import type { Order, Send } from '../../src/domain/types';

const at = (day: number, hour = 0) => new Date(2026, 4, day, hour);
const mail = (campaignId: string, clientId: string, when: Date, status: Send['status'] = 'sent'): Send => ({
  campaignId,
  clientId,
  email: '',
  status,
  reason: '',
  at: when,
});
const order = (
  id: string,
  clientId: string,
  date: Date,
  amount: number,
  status: Order['status'] = 'completed',
): Order => ({
  id,
  clientId,
  date,
  product: 'emotes',
  quantity: 1,
  amount,
  status,
  completedAt: null,
  pointsRedeemed: 0,
  discountCode: '',
  notes: '',
});

/*
 * Worked by hand, window 14 days, margin 0.5:
 *   K-A (cost 100) sent May 1 10:00 to a, b, c.   K-B (cost 50) sent May 10 10:00 to a, d.
 *   O-1 a May 5 (date only)   → only K-A before it                         → K-A 200
 *   O-2 a May 12 (date only)  → K-A (May 1) and K-B (May 10): last touch     → K-B 300
 *   O-3 b May 1 (date only)   → same day as K-A: counts from the mail's day  → K-A 100
 *   O-4 c May 16 09:00        → K-A + 14 days = May 15 10:00: too late       → none
 *   O-5 d May 10 09:00        → before K-B's mail at 10:00                   → none
 *   O-6 d May 11 (cancelled)  → never credited
 *   O-7 e May 3               → e got a flow mail only                       → none
 *   K-A: recipients 3, orders 2 (O-1, O-3), buyers 2 (a, b), revenue 300, conversion 2/3,
 *        ROI (300 × 0.5 − 100) / 100 = 0.5
 *   K-B: recipients 2, orders 1 (O-2), buyers 1 (a), revenue 300, conversion 1/2, ROI (150 − 50) / 50 = 2
 *   K-C: cost 0, nothing sent (d's row failed) → recipients 0, conversion 0, ROI null
 */
describe('attribution', () => {
  const sends = [
    mail('K-A', 'a', at(1, 10)),
    mail('K-A', 'b', at(1, 10)),
    mail('K-A', 'c', at(1, 10)),
    mail('K-B', 'a', at(10, 10)),
    mail('K-B', 'd', at(10, 10)),
    mail('flow:winback', 'e', at(2, 10)),
    mail('K-C', 'd', at(2, 10), 'failed'),
  ];
  const orders = [
    order('O-1', 'a', at(5), 200),
    order('O-2', 'a', at(12), 300),
    order('O-3', 'b', at(1), 100),
    order('O-4', 'c', at(16, 9), 400),
    order('O-5', 'd', at(10, 9), 80),
    order('O-6', 'd', at(11), 90, 'cancelled'),
    order('O-7', 'e', at(3), 70),
  ];
  const settings = { ...DEFAULT_CAMPAIGN_SETTINGS, attributionDays: 14, margin: 0.5 };

  it('credits each order to the last campaign mail before it, inside the window', () => {
    expect(Object.fromEntries(attributeOrders(orders, sends, settings))).toEqual({
      'O-1': 'K-A',
      'O-2': 'K-B',
      'O-3': 'K-A',
    });
  });

  it('sums recipients, orders, revenue, conversion and ROI per campaign', () => {
    const results = campaignResults(
      [
        { id: 'K-A', cost: 100 },
        { id: 'K-B', cost: 50 },
        { id: 'K-C', cost: 0 },
      ],
      sends,
      orders,
      settings,
    );
    expect(results).toEqual([
      { campaignId: 'K-A', recipients: 3, orders: 2, buyers: 2, revenue: 300, conversionRate: 2 / 3, roi: 0.5 },
      { campaignId: 'K-B', recipients: 2, orders: 1, buyers: 1, revenue: 300, conversionRate: 0.5, roi: 2 },
      { campaignId: 'K-C', recipients: 0, orders: 0, buyers: 0, revenue: 0, conversionRate: 0, roi: null },
    ]);
  });
});
