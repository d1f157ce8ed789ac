import { describe, expect, it } from 'vitest';
import type { LedgerEntry, Order } from '../../src/domain/types';
import { loyaltySettings } from '../../src/domain/loyalty/settings';
import { planLoyaltyNight, type LoyaltyClient } from '../../src/domain/loyalty/nightly';
import { planLedgerRollupByClient } from '../../src/domain/loyalty/rollup';
import { rolledUpKeys } from '../../src/domain/loyalty/ledger';

const settings = loyaltySettings({ bonusRegistration: 0, bonusBirthday: 0 });
const order = (
  id: string,
  clientId: string,
  amount: number,
  status: Order['status'],
  placed: string,
  completed: string | null,
): Order => ({
  id,
  clientId,
  date: new Date(placed),
  product: 'emotes',
  quantity: 1,
  amount,
  status,
  completedAt: completed ? new Date(completed) : null,
  pointsRedeemed: 0,
  discountCode: '',
  notes: '',
});
const client = (id: string): LoyaltyClient => ({ id, birthday: null, referredBy: '', tier: '', tierSince: null });

const asOf = new Date('2026-03-10T03:00:00Z');
const boundary = new Date(Date.UTC(2025, 0, 1));
const clients = [client('C-1'), client('C-2')];
const orders = [
  order('O-1', 'C-1', 100, 'completed', '2024-06-01T12:00:00Z', '2024-06-01T12:00:00Z'),
  // Placed before the boundary, completed after it: a kept year's order, one row of its own.
  order('O-2', 'C-1', 200, 'completed', '2024-12-30T12:00:00Z', '2025-01-05T12:00:00Z'),
  order('O-3', 'C-1', 50, 'cancelled', '2024-05-01T12:00:00Z', null),
  order('O-4', 'C-2', 70, 'completed', '2023-01-01T12:00:00Z', '2023-01-01T12:00:00Z'),
];

function night(ledger: LedgerEntry[]) {
  const plan = planLoyaltyNight({ clients, orders, feedback: [], ledger, settings, asOf, settledBefore: boundary });
  return { plan, ledger: [...ledger, ...plan.appended] };
}

describe('first night over closed years (settledBefore)', () => {
  it('credits orders completed before the boundary once per client, the rest one row each, and earns nothing twice', () => {
    const first = night([]);
    // 1 point per 1 of amount (multiplier 1 before any tier): C-1 O-1 100 settled, O-2 200 a row, O-3 nothing;
    // C-2 O-4 70 settled. Balances C-1 100 + 200 = 300, C-2 70.
    expect(first.plan.appended.map((entry) => [entry.key, entry.kind, entry.points, entry.date.toISOString()])).toEqual(
      [
        ['order:O-2:earn', 'earn', 200, asOf.toISOString()],
        ['rollup:C-1:2026-03-10T03:00:00.000Z', 'earn', 100, asOf.toISOString()],
        ['rollup:C-2:2026-03-10T03:00:00.000Z', 'earn', 70, asOf.toISOString()],
      ],
    );
    expect([...rolledUpKeys(first.plan.appended[1] as LedgerEntry)]).toEqual(['order:O-1:earn']);
    expect(first.plan.standings.get('C-1')?.balance).toBe(300);
    expect(first.plan.standings.get('C-2')?.balance).toBe(70);
    expect(night(first.ledger).plan.appended).toEqual([]);
  });

  it('a settled order reassigned to another client earns nothing for it', () => {
    const { ledger } = night([]);
    const reassigned = orders.map((o) => (o.id === 'O-1' ? { ...o, clientId: 'C-2' } : o));
    const plan = planLoyaltyNight({
      clients,
      orders: reassigned,
      feedback: [],
      ledger,
      settings,
      asOf,
      settledBefore: boundary,
    });
    expect(plan.appended).toEqual([]);
    // C-2 keeps its 70 (O-4); O-1's 100 stays C-1's: 100 + 200 = 300.
    expect(plan.standings.get('C-2')?.balance).toBe(70);
    expect(plan.standings.get('C-1')?.balance).toBe(300);
  });

  it('without a boundary (roll-ups off) every order is a row', () => {
    const plan = planLoyaltyNight({ clients, orders, feedback: [], ledger: [], settings, asOf, settledBefore: null });
    expect(plan.appended.map((entry) => entry.key)).toEqual(['order:O-1:earn', 'order:O-2:earn', 'order:O-4:earn']);
  });

  it('a later roll-up over the credit rolls each client once: the credit is one of its carried lots', () => {
    const { ledger } = night([]);
    const later = new Date(Date.UTC(2027, 0, 1));
    const plans = planLedgerRollupByClient(ledger, later);
    // C-1: the credit (100) and O-2 (200) both unspent: a roll-up entry of 300 − 300 = 0, then both lots, the
    // credit first (both dated tonight; on a tie a roll-up-keyed entry replays first, see openLots).
    expect(plans.map((p) => [p.clientId, p.replacements.map((entry) => [entry.key, entry.points])])).toEqual([
      [
        'C-1',
        [
          ['rollup:C-1', 0],
          ['rollup:C-1:2026-03-10T03:00:00.000Z', 100],
          ['order:O-2:earn', 200],
        ],
      ],
      [
        'C-2',
        [
          ['rollup:C-2', 0],
          ['rollup:C-2:2026-03-10T03:00:00.000Z', 70],
        ],
      ],
    ]);
    const rolledPositions = new Set(plans.flatMap((p) => p.rolled));
    const rolled = [
      ...ledger.filter((_, index) => !rolledPositions.has(index)),
      ...plans.flatMap((p) => p.replacements),
    ];
    expect(planLedgerRollupByClient(rolled, later)).toEqual([]);
  });
});
