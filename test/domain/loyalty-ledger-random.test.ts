// Many random operations on one ledger, with the invariants checked after every step.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, Order, OrderStatus } from '../../src/domain/types';
import { addDays } from '../../src/domain/analysis/dates';
import {
  adjustPoints,
  balance,
  birthdayBonus,
  feedbackBonus,
  registrationBonus,
  type LedgerResult,
} from '../../src/domain/loyalty/ledger';
import { pointsFor, reconcileOrder, redeemForOrder } from '../../src/domain/loyalty/order-points';
import { addMonths, expiryEntries, openLots } from '../../src/domain/loyalty/expiry';
import { loyaltySettings } from '../../src/domain/loyalty/settings';
// A seeded PRNG, so a failure replays exactly.
import { seededRandom } from '../../local/playground/demo-studio';

const settings = loyaltySettings({ expiryMonths: 6 });
const CLIENTS = ['C-1', 'C-2', 'C-3'];
const MULTIPLIERS = [1, 1.25, 1.5, 2];

function runScenario(seed: number, steps: number): void {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const ledger: LedgerEntry[] = [];
  const orders = new Map<string, Order>();
  let asOf = new Date(2025, 0, 1, 9);
  let requests = 0;

  for (let step = 0; step < steps; step++) {
    asOf = addDays(asOf, Math.floor(random() * 6));
    const before = structuredClone(ledger);
    const kind = pick([
      'newOrder',
      'editOrder',
      'redeem',
      'adjust',
      'feedback',
      'registration',
      'birthday',
      'expire',
    ] as const);
    // Each operation returns its entries; it is run twice to check the second run appends nothing.
    let operation: () => LedgerEntry[];
    switch (kind) {
      case 'newOrder': {
        const id = `O-${orders.size + 1}`;
        const status = pick<OrderStatus>(['new', 'completed', 'completed']);
        orders.set(id, {
          id,
          clientId: pick(CLIENTS),
          date: asOf,
          product: 'emotes',
          quantity: 1,
          amount: Math.round(random() * 40000) / 100,
          status,
          completedAt: status === 'completed' ? asOf : null,
          pointsRedeemed: 0,
          discountCode: '',
          notes: '',
        });
        const order = orders.get(id) as Order;
        const multiplier = pick(MULTIPLIERS);
        operation = () => reconcileOrder(ledger, order, multiplier, settings, asOf);
        break;
      }
      case 'editOrder': {
        if (orders.size === 0) continue;
        const previous = pick([...orders.values()]);
        const change = random();
        const order: Order =
          change < 0.4
            ? { ...previous, status: 'cancelled' }
            : change < 0.7
              ? { ...previous, status: 'completed', amount: Math.round(random() * 40000) / 100 }
              : { ...previous, status: 'completed' };
        orders.set(order.id, order);
        const multiplier = pick(MULTIPLIERS);
        operation = () => reconcileOrder(ledger, order, multiplier, settings, asOf);
        break;
      }
      case 'redeem': {
        if (orders.size === 0) continue;
        const order = pick([...orders.values()]);
        const points = 1 + Math.floor(random() * 400);
        operation = () => accepted(redeemForOrder(ledger, order, points, asOf));
        break;
      }
      case 'adjust': {
        const adjustment = {
          clientId: pick(CLIENTS),
          points: Math.floor(random() * 300) - 150 || 1,
          reason: 'goodwill',
          by: 'staff@studio.example',
          requestId: `q-${++requests}`,
        };
        operation = () => accepted(adjustPoints(ledger, adjustment, asOf));
        break;
      }
      case 'feedback': {
        const feedback = { id: `R-${Math.floor(random() * 20)}`, clientId: pick(CLIENTS) };
        operation = () => feedbackBonus(ledger, feedback, settings, asOf);
        break;
      }
      case 'registration': {
        const clientId = pick(CLIENTS);
        operation = () => registrationBonus(ledger, clientId, settings, asOf);
        break;
      }
      case 'birthday': {
        const client = { id: pick(CLIENTS), birthday: addDays(asOf, -Math.floor(random() * 10)) };
        operation = () => birthdayBonus(ledger, client, settings, asOf);
        break;
      }
      case 'expire':
        operation = () => expiryEntries(ledger, settings, asOf);
        break;
    }
    ledger.push(...operation());
    const context = `seed ${seed}, step ${step} (${kind})`;
    expect(operation(), `${context}: second run appends nothing`).toEqual([]);
    expect(ledger.slice(0, before.length), `${context}: history unchanged`).toEqual(before);
    checkInvariants(ledger, orders, asOf, kind === 'expire', context);
  }
}

function accepted(result: LedgerResult): LedgerEntry[] {
  return result.ok ? result.entries : [];
}

function checkInvariants(
  ledger: LedgerEntry[],
  orders: Map<string, Order>,
  asOf: Date,
  justExpired: boolean,
  context: string,
): void {
  expect(new Set(ledger.map((entry) => entry.key)).size, `${context}: keys unique`).toBe(ledger.length);
  expect(new Set(ledger.map((entry) => entry.id)).size, `${context}: ids unique`).toBe(ledger.length);
  for (const clientId of CLIENTS) {
    const points = balance(ledger, clientId, asOf);
    expect(points, `${context}: ${clientId} balance never negative`).toBeGreaterThanOrEqual(0);
    const lots = openLots(ledger, clientId, asOf);
    expect(
      lots.reduce((sum, lot) => sum + lot.remaining, 0),
      `${context}: ${clientId} lots add up to the balance`,
    ).toBe(points);
    if (justExpired) {
      for (const lot of lots)
        expect(
          addMonths(lot.date, settings.expiryMonths).getTime(),
          `${context}: nothing overdue left`,
        ).toBeGreaterThan(asOf.getTime());
    }
  }
  for (const order of orders.values()) {
    const earn = ledger.find((entry) => entry.key === `order:${order.id}:earn`);
    if (!earn) continue;
    const net = ledger
      .filter((entry) => entry.key === earn.key || entry.key.startsWith(`order:${order.id}:reverse:`))
      .reduce((sum, entry) => sum + entry.points, 0);
    const rate = Number(/rate=([\d.]+)/.exec(earn.reason)?.[1]);
    const target = order.status === 'completed' ? pointsFor(order.amount, rate) : 0;
    // Either the order's entries net to what it deserves, or the rest waits for the client to have points.
    if (net !== target) {
      expect(net, `${context}: ${order.id} short only by an unpaid clawback`).toBeGreaterThan(target);
    }
  }
}

describe('the ledger under random operations', () => {
  for (const seed of [1, 7, 42, 2026, 31337]) {
    it(`keeps its invariants (seed ${seed})`, () => runScenario(seed, 400));
  }
});
