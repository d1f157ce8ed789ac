// Per-client order statistics: the base every other analysis builds on.
import type { Client, ClientId, Order } from '../types';
import { calendarDaysBetween, isValidDate } from './dates';

export interface ClientStats {
  clientId: ClientId;
  /** Orders that were not cancelled (new, in progress and completed all count). */
  orderCount: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** Calendar days from the last order to `asOf`; null without orders. */
  daysSinceLastOrder: number | null;
  totalSpend: number;
  averageSpend: number | null;
  /** The client's own rhythm: calendar days between first and last order / (orders − 1); null under 2 orders. */
  averageGapDays: number | null;
  /** Distinct product categories bought, alphabetical. */
  products: string[];
}

/** Cancelled orders never count as purchases, anywhere in analysis. */
export function countsAsOrder(order: Order): boolean {
  return order.status !== 'cancelled';
}

/** Orders that count, dated on or before `asOf`; the filter every analysis applies the same way. */
export function isCountedOrderAsOf(order: Order, asOf: Date): boolean {
  return countsAsOrder(order) && isValidDate(order.date) && order.date.getTime() <= asOf.getTime();
}

/**
 * Statistics for every client (clients without orders included, with zero counts).
 * One pass over orders; orders of unknown clients or dated after `asOf` are ignored.
 */
export function clientStats(
  clients: readonly Client[],
  orders: readonly Order[],
  asOf: Date,
): Map<ClientId, ClientStats> {
  const byClient = new Map<ClientId, ClientStats & { productSet: Set<string> }>();
  for (const client of clients) {
    if (byClient.has(client.id)) continue;
    byClient.set(client.id, {
      clientId: client.id,
      orderCount: 0,
      firstOrderAt: null,
      lastOrderAt: null,
      daysSinceLastOrder: null,
      totalSpend: 0,
      averageSpend: null,
      averageGapDays: null,
      products: [],
      productSet: new Set(),
    });
  }
  for (const order of orders) {
    const entry = byClient.get(order.clientId);
    if (!entry || !isCountedOrderAsOf(order, asOf)) continue;
    entry.orderCount += 1;
    entry.totalSpend += Number.isFinite(order.amount) ? order.amount : 0;
    if (!entry.firstOrderAt || order.date.getTime() < entry.firstOrderAt.getTime()) entry.firstOrderAt = order.date;
    if (!entry.lastOrderAt || order.date.getTime() > entry.lastOrderAt.getTime()) entry.lastOrderAt = order.date;
    const product = order.product.trim();
    if (product) entry.productSet.add(product);
  }
  const result = new Map<ClientId, ClientStats>();
  for (const [id, { productSet, ...stats }] of byClient) {
    if (stats.firstOrderAt && stats.lastOrderAt) {
      stats.daysSinceLastOrder = calendarDaysBetween(stats.lastOrderAt, asOf);
      stats.averageSpend = stats.totalSpend / stats.orderCount;
      if (stats.orderCount >= 2) {
        stats.averageGapDays = calendarDaysBetween(stats.firstOrderAt, stats.lastOrderAt) / (stats.orderCount - 1);
      }
    }
    stats.products = [...productSet].sort();
    result.set(id, stats);
  }
  return result;
}

/** Each client's first counted order on or before `asOf`, for new-vs-returning splits. One pass. */
export function firstOrderDates(orders: readonly Order[], asOf: Date): Map<ClientId, Date> {
  const first = new Map<ClientId, Date>();
  for (const order of orders) {
    if (!isCountedOrderAsOf(order, asOf)) continue;
    const known = first.get(order.clientId);
    if (!known || order.date.getTime() < known.getTime()) first.set(order.clientId, order.date);
  }
  return first;
}
