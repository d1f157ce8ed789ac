// Points expire first-in, first-out: every credit is a lot, spending consumes the oldest lots
// first, and whatever is left of a lot `expiryMonths` after it was credited expires.

import type { ClientId, LedgerEntry } from '../types';
import { addDays, DAY_MS, isoDay } from '../analysis/dates';
import { wallParts, zonedDate } from '../cells/dates';
import { LEDGER_ROLLUP_PREFIX, ledgerEntry, ledgerReason } from './ledger';
import type { LoyaltySettings } from './settings';

/** What is left of one credit. */
export interface PointsLot {
  /** The key of the credit entry. */
  key: string;
  clientId: ClientId;
  date: Date;
  orderId: string;
  remaining: number;
}

const EXPIRE_PREFIX = 'expire:';

export function expiryKey(lotKey: string): string {
  return `${EXPIRE_PREFIX}${lotKey}`;
}

/**
 * Same day of month and wall-clock time `months` later on the studio's calendar, clamped to the month's last
 * day (31 Jan + 1 month = 28/29 Feb).
 */
export function addMonths(date: Date, months: number): Date {
  const wall = wallParts(date);
  // Day 0 of the month after the target is the target's last day.
  const lastDay = wallParts(zonedDate(wall.year, wall.month + months + 1, 0)).day;
  return zonedDate(
    wall.year,
    wall.month + months,
    Math.min(wall.day, lastDay),
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
  );
}

/**
 * The client's unspent lots at `asOf`, oldest first, replaying the ledger in date order.
 * Debits take from the oldest lots, except that an expiry takes from the lot it names and a
 * counter-entry for an order takes from that order's lots first (cancelling an order should not
 * eat older, unrelated points).
 */
export function openLots(entries: readonly LedgerEntry[], clientId: ClientId, asOf: Date): PointsLot[] {
  return lotsOfClient(
    entries.filter((entry) => entry.clientId === clientId),
    clientId,
    asOf,
  );
}

const isRollup = (entry: LedgerEntry): boolean => entry.key.startsWith(LEDGER_ROLLUP_PREFIX);

/** openLots over entries that are already the client's own, in ledger order. */
function lotsOfClient(own: readonly LedgerEntry[], clientId: ClientId, asOf: Date): PointsLot[] {
  const history = own
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.date.getTime() <= asOf.getTime())
    // A roll-up entry first on a tie with its carried lots: it stands for what came before them, whatever
    // the row order (the roll-up night sorts the ledger by client and date).
    .sort(
      (a, b) =>
        a.entry.date.getTime() - b.entry.date.getTime() ||
        Number(!isRollup(a.entry)) - Number(!isRollup(b.entry)) ||
        a.index - b.index,
    );
  const lots: PointsLot[] = [];
  for (const { entry } of history) {
    if (entry.points > 0) {
      lots.push({ key: entry.key, clientId, date: entry.date, orderId: entry.orderId, remaining: entry.points });
      continue;
    }
    let owed = -entry.points;
    const preferred =
      entry.kind === 'expire'
        ? lots.filter((lot) => expiryKey(lot.key) === entry.key)
        : entry.kind === 'reverse' && entry.orderId
          ? lots.filter((lot) => lot.orderId === entry.orderId)
          : [];
    for (const lot of [...preferred, ...lots]) {
      if (owed === 0) break;
      const taken = Math.min(owed, lot.remaining);
      lot.remaining -= taken;
      owed -= taken;
    }
  }
  return lots.filter((lot) => lot.remaining > 0);
}

/**
 * Every client's entries, in ledger order, sorted by client id: one pass over the ledger, so a pass
 * over all clients grows with the ledger, not with clients × ledger.
 */
export function ledgerByClient(entries: readonly LedgerEntry[]): Map<ClientId, LedgerEntry[]> {
  const byClient = new Map<ClientId, LedgerEntry[]>();
  for (const entry of entries) {
    const own = byClient.get(entry.clientId);
    if (own) own.push(entry);
    else byClient.set(entry.clientId, [entry]);
  }
  return new Map([...byClient].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The `expire` entries due at `asOf` for every client: one per lot whose time is up. */
export function expiryEntries(entries: readonly LedgerEntry[], settings: LoyaltySettings, asOf: Date): LedgerEntry[] {
  if (settings.expiryMonths <= 0) return [];
  const due: LedgerEntry[] = [];
  const keys = new Set(entries.map((entry) => entry.key));
  // A lot credited after this moment cannot be due (months are at least 28 days; 2 days spare for DST
  // and clamping), so addMonths and its Dates are skipped for most lots.
  const surelyFresh = asOf.getTime() - (settings.expiryMonths * 28 - 2) * DAY_MS;
  for (const [clientId, own] of ledgerByClient(entries)) {
    for (const lot of lotsOfClient(own, clientId, asOf)) {
      if (lot.date.getTime() > surelyFresh) continue;
      const key = expiryKey(lot.key);
      if (addMonths(lot.date, settings.expiryMonths).getTime() > asOf.getTime() || keys.has(key)) continue;
      const reason = ledgerReason('loyalty.reason.expired', { credited: isoDay(lot.date) });
      due.push(
        ledgerEntry({ clientId, kind: 'expire', points: -lot.remaining, key, orderId: lot.orderId, reason }, asOf),
      );
    }
  }
  return due;
}

export interface ExpiringPoints {
  clientId: ClientId;
  points: number;
  /** When the first of these points expire. */
  firstExpiresAt: Date;
}

/** Points that will expire after `asOf` and within `expiryReminderDays`, per client, for reminder mails. */
export function pointsExpiringSoon(
  entries: readonly LedgerEntry[],
  settings: LoyaltySettings,
  asOf: Date,
): ExpiringPoints[] {
  if (settings.expiryMonths <= 0) return [];
  const horizon = addDays(asOf, settings.expiryReminderDays).getTime();
  const expiring: ExpiringPoints[] = [];
  for (const [clientId, own] of ledgerByClient(entries)) {
    let points = 0;
    let first: Date | null = null;
    for (const lot of lotsOfClient(own, clientId, asOf)) {
      const expiresAt = addMonths(lot.date, settings.expiryMonths);
      if (expiresAt.getTime() <= asOf.getTime() || expiresAt.getTime() > horizon) continue;
      points += lot.remaining;
      if (!first || expiresAt.getTime() < first.getTime()) first = expiresAt;
    }
    if (first && points > 0) expiring.push({ clientId, points, firstExpiresAt: first });
  }
  return expiring;
}
