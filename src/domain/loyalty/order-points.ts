// Points tied to an order: earning when it completes, counter-entries when it is edited or
// cancelled, and redeeming points against it. History is never rewritten: a change appends
// the difference, so the order's entries always net to what its current state deserves.

import type { LedgerEntry, Order } from '../types';
import { balance, ledgerEntry, ledgerReason, parseLedgerReason, refused, type LedgerResult } from './ledger';
import type { LoyaltySettings } from './settings';

export function orderEarnKey(orderId: string): string {
  return `order:${orderId}:earn`;
}

export function orderRedeemKey(orderId: string): string {
  return `order:${orderId}:redeem`;
}

function orderRefundKey(orderId: string): string {
  return `order:${orderId}:redeem:refund`;
}

const REVERSE_PREFIX = (orderId: string): string => `order:${orderId}:reverse:`;

/** Rounded down, after cancelling float noise such as 0.29 × 100 = 28.999…. */
export function pointsFor(amount: number, rate: number): number {
  const exact = Math.round(amount * rate * 1e6) / 1e6;
  return Math.max(0, Math.floor(exact));
}

/**
 * The entries that bring an order's points in line with the order as it is now:
 * - completed and never earned: an `earn` of amount × pointsPerCurrencyUnit × tierMultiplier, rounded down;
 * - amount changed or no longer completed: a `reverse` for the difference (signed), keyed `order:O-1:reverse:<n>`;
 * - cancelled after points were redeemed on it: the redeemed points come back.
 * The rate fixed at the first earn is kept for later changes (stored in the earn's reason), so a tier
 * change between runs does not re-price an old order. Taking points back never drives the balance
 * below zero: what cannot be taken now is taken on a later run, once the client has points again.
 */
export function reconcileOrder(
  entries: readonly LedgerEntry[],
  order: Order,
  tierMultiplier: number,
  settings: LoyaltySettings,
  asOf: Date,
): LedgerEntry[] {
  const appended: LedgerEntry[] = [];
  // One pass over the client's entries, each key built once (this runs for every order every night).
  const redeemKey = orderRedeemKey(order.id);
  const refundKey = orderRefundKey(order.id);
  const earnKey = orderEarnKey(order.id);
  const reversePrefix = REVERSE_PREFIX(order.id);
  let redeem: LedgerEntry | undefined;
  let earn: LedgerEntry | undefined;
  let refunded = false;
  const reversals: LedgerEntry[] = [];
  for (const entry of entries) {
    if (entry.key === redeemKey) redeem ??= entry;
    else if (entry.key === refundKey) refunded = true;
    else if (entry.key === earnKey) earn ??= entry;
    else if (entry.key.startsWith(reversePrefix)) reversals.push(entry);
  }
  if (order.status === 'cancelled' && redeem && !refunded) {
    appended.push(
      ledgerEntry(
        {
          clientId: redeem.clientId,
          kind: 'reverse',
          points: -redeem.points,
          key: refundKey,
          orderId: order.id,
          reason: ledgerReason('loyalty.reason.redeemRefunded'),
        },
        asOf,
      ),
    );
  }

  const rate = earnedRate(earn) ?? settings.pointsPerCurrencyUnit * tierMultiplier;
  const target = order.status === 'completed' ? pointsFor(order.amount, rate) : 0;

  if (!earn) {
    if (target > 0) {
      appended.push(
        ledgerEntry(
          {
            clientId: order.clientId,
            kind: 'earn',
            points: target,
            key: earnKey,
            orderId: order.id,
            reason: ledgerReason('loyalty.reason.orderEarned', { amount: order.amount, rate }),
          },
          asOf,
        ),
      );
    }
    return appended;
  }

  const net = [earn, ...reversals].reduce((sum, entry) => sum + entry.points, 0);
  let difference = target - net;
  if (difference < 0) {
    const available = balance([...entries, ...appended], earn.clientId, asOf);
    difference = Math.max(difference, -Math.max(0, available));
  }
  if (difference === 0) return appended;
  const reason =
    order.status === 'completed'
      ? ledgerReason('loyalty.reason.orderChanged', { amount: order.amount })
      : ledgerReason('loyalty.reason.orderReversed', { status: order.status });
  appended.push(
    ledgerEntry(
      {
        clientId: earn.clientId,
        kind: 'reverse',
        points: difference,
        key: `${reversePrefix}${reversals.length + 1}`,
        orderId: order.id,
        reason,
      },
      asOf,
    ),
  );
  return appended;
}

function earnedRate(earn: LedgerEntry | undefined): number | null {
  if (!earn) return null;
  const rate = Number(parseLedgerReason(earn.reason)?.params['rate']);
  return Number.isFinite(rate) && rate >= 0 ? rate : null;
}

/**
 * Spend `points` on an order, once per order. Refused beyond the balance at `asOf`, for a cancelled
 * order, or when the order already has a different redemption; the same redemption again appends nothing.
 */
export function redeemForOrder(
  entries: readonly LedgerEntry[],
  order: Order,
  points: number,
  asOf: Date,
): LedgerResult {
  if (!Number.isInteger(points) || points <= 0)
    return refused('loyalty.redeem.invalidPoints', { points: String(points) });
  if (order.status === 'cancelled') return refused('loyalty.redeem.orderCancelled', { order: order.id });
  const existing = entries.find((entry) => entry.key === orderRedeemKey(order.id));
  if (existing) {
    return -existing.points === points
      ? { ok: true, entries: [] }
      : refused('loyalty.redeem.alreadyRedeemed', { order: order.id, points: -existing.points });
  }
  const available = balance(entries, order.clientId, asOf);
  if (points > available) return refused('loyalty.redeem.insufficient', { points, available });
  return {
    ok: true,
    entries: [
      ledgerEntry(
        {
          clientId: order.clientId,
          kind: 'redeem',
          points: -points,
          key: orderRedeemKey(order.id),
          orderId: order.id,
          reason: ledgerReason('loyalty.reason.redeemed', { order: order.id }),
        },
        asOf,
      ),
    ],
  };
}
