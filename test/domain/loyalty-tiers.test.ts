import { describe, expect, it } from 'vitest';
import type { LedgerEntry, Order } from '../../src/domain/types';
import { balance } from '../../src/domain/loyalty/ledger';
import {
  evaluateTier,
  rollingSpend,
  spendReachedAt,
  tierForSpend,
  tierMultiplier,
  tiersReachedFromLedger,
  tierUpBonuses,
} from '../../src/domain/loyalty/tiers';
import { loyaltySettings } from '../../src/domain/loyalty/settings';

// Bronze 0, Silver 300, Gold 1000, VIP 3000; grace 30 days.
const settings = loyaltySettings();
const day = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 3);

describe('tierForSpend', () => {
  it('counts exactly the threshold as reaching the tier', () => {
    expect(tierForSpend(0, settings).name).toBe('Bronze');
    expect(tierForSpend(299.99, settings).name).toBe('Bronze');
    expect(tierForSpend(300, settings).name).toBe('Silver');
    expect(tierForSpend(999.99, settings).name).toBe('Silver');
    expect(tierForSpend(1000, settings).name).toBe('Gold');
    expect(tierForSpend(3000, settings).name).toBe('VIP');
    expect(tierForSpend(1e9, settings).name).toBe('VIP');
  });

  it('reads thresholds from settings, whatever order they are listed in', () => {
    const custom = loyaltySettings({
      tiers: [
        { name: 'Star', threshold: 50, multiplier: 3, upBonus: 0 },
        { name: 'Newcomer', threshold: 0, multiplier: 1, upBonus: 0 },
      ],
    });
    expect(tierForSpend(50, custom).name).toBe('Star');
    expect(tierForSpend(49, custom).name).toBe('Newcomer');
    expect(tierMultiplier('star', custom)).toBe(3);
    expect(tierMultiplier('Unknown', custom)).toBe(1);
  });
});

describe('rollingSpend', () => {
  const order = (id: string, completedAt: Date, amount: number, status: Order['status'] = 'completed'): Order => ({
    id,
    clientId: 'C-1',
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

  it('sums completed orders of the last 365 days, today included', () => {
    const asOf = day(2026, 6, 30);
    const orders = [
      order('O-1', day(2026, 6, 30), 100),
      order('O-2', day(2025, 7, 1), 20), // 364 days before: inside
      order('O-3', day(2025, 6, 30), 40), // 365 days before: outside
      order('O-4', day(2026, 6, 1), 500, 'cancelled'),
      order('O-5', day(2026, 7, 1), 7), // after asOf
    ];
    expect(rollingSpend(orders, settings, asOf).get('C-1')).toBe(120);
  });
});

describe('evaluateTier', () => {
  it('moves up at once, even several tiers, with a bonus for every tier passed', () => {
    const decision = evaluateTier('Bronze', day(2026, 1, 1), 1000, day(2026, 3, 1), settings);
    expect(decision).toEqual({
      tier: 'Gold',
      since: day(2026, 3, 1),
      change: 'up',
      upBonuses: [
        { tier: 'Silver', points: 100, threshold: 300 },
        { tier: 'Gold', points: 250, threshold: 1000 },
      ],
      graceEndsAt: null,
    });
  });

  it('treats a client with no tier yet as the lowest tier', () => {
    expect(evaluateTier('', null, 10, day(2026, 3, 1), settings)).toMatchObject({ tier: 'Bronze', change: 'same' });
    expect(evaluateTier('', null, 300, day(2026, 3, 1), settings)).toMatchObject({ tier: 'Silver', change: 'up' });
  });

  it('re-stamps since while the client still qualifies', () => {
    expect(evaluateTier('Gold', day(2026, 1, 1), 1500, day(2026, 3, 1), settings)).toMatchObject({
      tier: 'Gold',
      change: 'same',
      since: day(2026, 3, 1),
    });
  });

  it('holds a tier through the grace period and drops it the day the grace ends', () => {
    const lastQualified = day(2026, 3, 1);
    const heldDecision = evaluateTier('Gold', lastQualified, 999.99, day(2026, 3, 30), settings);
    expect(heldDecision).toEqual({
      tier: 'Gold',
      since: lastQualified,
      change: 'held',
      upBonuses: [],
      graceEndsAt: day(2026, 3, 31),
    });
    const dropped = evaluateTier('Gold', lastQualified, 999.99, day(2026, 3, 31), settings);
    expect(dropped).toMatchObject({ tier: 'Silver', change: 'down', since: day(2026, 3, 31) });
  });

  it('drops straight to the tier the spend reaches', () => {
    expect(evaluateTier('VIP', day(2026, 1, 1), 5, day(2026, 6, 1), settings)).toMatchObject({
      tier: 'Bronze',
      change: 'down',
    });
  });

  it('keeps the tier without a drop when the client re-qualifies during the grace period', () => {
    const held = evaluateTier('Gold', day(2026, 3, 1), 900, day(2026, 3, 20), settings);
    const back = evaluateTier(held.tier, held.since, 1000, day(2026, 3, 25), settings);
    expect(back).toMatchObject({ tier: 'Gold', change: 'same', since: day(2026, 3, 25), upBonuses: [] });
  });
});

describe('tierUpBonuses', () => {
  it('pays each tier once per client, even after dropping and climbing again', () => {
    const ledger: LedgerEntry[] = [];
    const up = evaluateTier('Bronze', null, 1200, day(2026, 1, 5), settings);
    ledger.push(...tierUpBonuses(ledger, 'C-3', up, day(2026, 1, 5)));
    expect(ledger.map((entry) => [entry.key, entry.points])).toEqual([
      ['tier:C-3:Silver', 100],
      ['tier:C-3:Gold', 250],
    ]);
    expect(tierUpBonuses(ledger, 'C-3', up, day(2026, 1, 6))).toEqual([]);
    const again = evaluateTier('Silver', day(2026, 6, 1), 1200, day(2026, 9, 1), settings);
    expect(again.change).toBe('up');
    expect(tierUpBonuses(ledger, 'C-3', again, day(2026, 9, 1))).toEqual([]);
    expect(balance(ledger, 'C-3', day(2026, 9, 1))).toBe(350);
  });
});

describe('when a threshold was crossed', () => {
  const completedOrder = (id: string, amount: number, completedAt: Date, status = 'completed'): Order =>
    ({
      id,
      clientId: 'C-7',
      date: completedAt,
      product: 'Эмоут',
      quantity: 1,
      amount,
      status,
      completedAt,
    }) as Order;

  it('is the completion of the order that brought the counted spend to the threshold, not the night that saw it', () => {
    const orders = [
      completedOrder('O-3', 500, day(2026, 2, 10)),
      completedOrder('O-1', 200, day(2025, 12, 1)),
      completedOrder('O-2', 150, day(2026, 1, 15)),
      completedOrder('O-X', 900, day(2026, 1, 20), 'cancelled'),
      // 2024: out of the 365-day window on 1 Mar 2026, so it does not count.
      completedOrder('O-0', 5000, day(2024, 6, 1)),
    ];
    // Oldest first: 200 (1 Dec) → 350 (15 Jan) ≥ 300 Silver; → 850 (10 Feb); never 1000 (Gold).
    expect(spendReachedAt(orders, 300, settings, day(2026, 3, 1))).toEqual(day(2026, 1, 15));
    expect(spendReachedAt(orders, 850, settings, day(2026, 3, 1))).toEqual(day(2026, 2, 10));
    // Not reached by tonight's counted orders: tonight.
    expect(spendReachedAt(orders, 1000, settings, day(2026, 3, 1))).toEqual(day(2026, 3, 1));
  });

  it('goes to the ledger with each tier passed, a tier without a bonus recorded at 0 points, read back by tier', () => {
    const noBonusSilver = loyaltySettings({
      tiers: [
        { name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 },
        { name: 'Silver', threshold: 300, multiplier: 1, upBonus: 0 },
        { name: 'Gold', threshold: 1000, multiplier: 1, upBonus: 250 },
      ],
    });
    const night = day(2026, 3, 1);
    const up = evaluateTier('Bronze', null, 1200, night, noBonusSilver);
    const crossed = { 300: day(2025, 12, 1), 1000: day(2026, 2, 10) } as Record<number, Date>;
    const entries = tierUpBonuses([], 'C-7', up, night, (threshold) => crossed[threshold] ?? night);
    expect(entries.map((entry) => [entry.key, entry.points, entry.date])).toEqual([
      ['tier:C-7:Silver', 0, night],
      ['tier:C-7:Gold', 250, night],
    ]);
    const reached = tiersReachedFromLedger(entries);
    expect(reached.get('C-7|Silver')).toEqual(day(2025, 12, 1));
    expect(reached.get('C-7|Gold')).toEqual(day(2026, 2, 10));
    // An entry written before the crossing was recorded: its own date stands in.
    const legacy = { ...entries[1]!, key: 'tier:C-8:Gold', clientId: 'C-8', reason: 'loyalty.reason.tierUp tier=Gold' };
    expect(tiersReachedFromLedger([legacy]).get('C-8|Gold')).toEqual(night);
  });
});

describe('loyaltySettings', () => {
  it('keeps defaults for overrides left undefined', () => {
    expect(loyaltySettings({ tierGraceDays: undefined, expiryMonths: 6 })).toMatchObject({
      tierGraceDays: 30,
      expiryMonths: 6,
    });
  });
});
