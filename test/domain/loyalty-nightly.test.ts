import { describe, expect, it } from 'vitest';
import type { Feedback, LedgerEntry, Order } from '../../src/domain/types';
import { loyaltySettings } from '../../src/domain/loyalty/settings';
import { planLoyaltyNight, type LoyaltyClient } from '../../src/domain/loyalty/nightly';
import { tiersReachedFromLedger } from '../../src/domain/loyalty/tiers';

const settings = loyaltySettings({ bonusRegistration: 0, bonusBirthday: 0 });
const day = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 3);
const order = (id: string, clientId: string, amount: number, status: Order['status'], completedAt: Date): Order => ({
  id,
  clientId,
  date: completedAt,
  product: 'emotes',
  quantity: 1,
  amount,
  status,
  completedAt,
  pointsRedeemed: 0,
  discountCode: '',
  notes: '',
});
const client = (id: string, extra: Partial<LoyaltyClient> = {}): LoyaltyClient => ({
  id,
  birthday: null,
  referredBy: '',
  tier: '',
  tierSince: null,
  ...extra,
});

/** Runs the plan and returns the ledger with its entries appended, as the server would. */
function night(
  ledger: LedgerEntry[],
  clients: LoyaltyClient[],
  orders: Order[],
  asOf: Date,
  feedback: Feedback[] = [],
) {
  const plan = planLoyaltyNight({ clients, orders, feedback, ledger, settings, asOf });
  return { plan, ledger: [...ledger, ...plan.appended] };
}

describe('planLoyaltyNight', () => {
  it('earns for a completed order once, and a second night plans nothing', () => {
    const asOf = day(2026, 3, 10);
    const first = night([], [client('C-1')], [order('O-1', 'C-1', 250, 'completed', day(2026, 3, 9))], asOf);
    expect(first.plan.appended.map((entry) => [entry.key, entry.points])).toEqual([['order:O-1:earn', 250]]);
    expect(first.plan.standings.get('C-1')?.balance).toBe(250);
    const second = night(
      first.ledger,
      [client('C-1', { tier: 'Bronze', tierSince: asOf })],
      [order('O-1', 'C-1', 250, 'completed', day(2026, 3, 9))],
      asOf,
    );
    expect(second.plan.appended).toEqual([]);
    expect(second.plan.standings.get('C-1')?.balance).toBe(250);
  });

  it('reverses a cancelled order with a counter-entry in the owner’s ledger', () => {
    const first = night(
      [],
      [client('C-1')],
      [order('O-1', 'C-1', 250, 'completed', day(2026, 3, 9))],
      day(2026, 3, 10),
    );
    const cancelled = night(
      first.ledger,
      [client('C-1')],
      [order('O-1', 'C-1', 250, 'cancelled', day(2026, 3, 9))],
      day(2026, 3, 11),
    );
    expect(cancelled.plan.appended.map((entry) => [entry.kind, entry.points])).toEqual([['reverse', -250]]);
    expect(cancelled.plan.standings.get('C-1')?.balance).toBe(0);
  });

  it('credits referrer and newcomer once after the newcomer’s first completed order', () => {
    const clients = [client('C-1'), client('C-2', { referredBy: 'C-1' })];
    const before = night([], clients, [order('O-1', 'C-2', 100, 'new', day(2026, 3, 9))], day(2026, 3, 10));
    expect(before.plan.appended.filter((entry) => entry.key.startsWith('referral:'))).toEqual([]);
    const after = night(
      before.ledger,
      clients,
      [order('O-1', 'C-2', 100, 'completed', day(2026, 3, 11))],
      day(2026, 3, 12),
    );
    expect(after.plan.standings.get('C-1')?.balance).toBe(settings.bonusReferrer);
    expect(after.plan.standings.get('C-2')?.balance).toBe(settings.bonusReferee + 100);
    const again = night(
      after.ledger,
      clients,
      [order('O-1', 'C-2', 100, 'completed', day(2026, 3, 11))],
      day(2026, 3, 13),
    );
    expect(again.plan.appended).toEqual([]);
  });

  it('pays feedback once per answer', () => {
    const feedback: Feedback = {
      id: 'F-1',
      date: day(2026, 3, 9),
      clientId: 'C-1',
      orderId: '',
      rating: 5,
      nps: 10,
      comment: '',
      mayQuote: false,
      responseId: 'R-1',
    };
    const first = night([], [client('C-1')], [], day(2026, 3, 10), [feedback, feedback]);
    expect(first.plan.appended.map((entry) => entry.key)).toEqual(['feedback:F-1']);
  });

  it('moves up at the threshold with the up-bonus once, and down only after the grace period', () => {
    const orders = [order('O-1', 'C-1', 1000, 'completed', day(2025, 3, 10))];
    const up = night([], [client('C-1', { tier: 'Bronze' })], orders, day(2025, 3, 11));
    expect(up.plan.standings.get('C-1')).toMatchObject({ tier: 'Gold', change: 'up' });
    expect(up.plan.appended.filter((entry) => entry.key.startsWith('tier:')).map((entry) => entry.points)).toEqual([
      100, 250,
    ]);
    // 365 days after completion the order leaves the window; the tier is held from the last qualifying day.
    const lastQualified = day(2026, 3, 9);
    const held = night(
      up.ledger,
      [client('C-1', { tier: 'Gold', tierSince: lastQualified })],
      orders,
      day(2026, 3, 20),
    );
    expect(held.plan.standings.get('C-1')).toMatchObject({ tier: 'Gold', change: 'held' });
    const down = night(
      held.ledger,
      [client('C-1', { tier: 'Gold', tierSince: lastQualified })],
      orders,
      day(2026, 4, 9),
    );
    expect(down.plan.standings.get('C-1')).toMatchObject({ tier: 'Bronze', change: 'down' });
    expect(down.plan.appended.filter((entry) => entry.key.startsWith('tier:'))).toEqual([]);
  });

  it('expires points first in, first out after expiryMonths', () => {
    const first = night([], [client('C-1')], [order('O-1', 'C-1', 100, 'completed', day(2025, 1, 5))], day(2025, 1, 6));
    const expired = night(
      first.ledger,
      [client('C-1', { tier: 'Bronze' })],
      [order('O-1', 'C-1', 100, 'completed', day(2025, 1, 5))],
      day(2026, 1, 7),
    );
    expect(expired.plan.appended.map((entry) => [entry.kind, entry.points])).toEqual([['expire', -100]]);
    expect(expired.plan.standings.get('C-1')?.balance).toBe(0);
  });

  it('dates a tier reached by orders loaded from history when their spend crossed it, not tonight', () => {
    // Loaded on 1 Mar 2026: 400 on 5 Oct 2025 (→ Silver, 300), 700 on 20 Jan 2026 (→ 1100, Gold at 1000).
    const orders = [
      order('O-1', 'C-1', 400, 'completed', day(2025, 10, 5)),
      order('O-2', 'C-1', 700, 'completed', day(2026, 1, 20)),
    ];
    const first = night([], [client('C-1')], orders, day(2026, 3, 1));
    expect(first.plan.standings.get('C-1')).toMatchObject({ tier: 'Gold', change: 'up' });
    const reached = tiersReachedFromLedger(first.ledger);
    expect(reached.get('C-1|Silver')).toEqual(day(2025, 10, 5));
    expect(reached.get('C-1|Gold')).toEqual(day(2026, 1, 20));
    // The bonuses are credited tonight (their lots expire from tonight): 100 + 250, and the 1100 × 1 earned.
    expect(first.plan.standings.get('C-1')?.balance).toBe(1100 + 350);
  });
});
