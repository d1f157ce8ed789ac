// The nightly loyalty run as one pure plan: which ledger entries to append and what each client's
// derived columns (balance, tier, tier since) become. Every step is keyed, so planning again over the
// ledger with tonight's entries appended plans nothing new.
//
// The ledger is split by client first: each domain function then scans one client's few entries
// instead of the whole ledger, which keeps the run linear at tens of thousands of clients.

import type { ClientId, Feedback, LedgerEntry, Order } from '../types';
import { birthdayBonus, feedbackBonus, registrationBonus, rolledUpKeys } from './ledger';
import { orderEarnKey, reconcileOrder } from './order-points';
import { expiryEntries } from './expiry';
import { evaluateTier, rollingSpend, spendReachedAt, tierMultiplier, tierUpBonuses, type TierChange } from './tiers';
import { referralCredits } from './referrals';
import { settledCredit } from './rollup';
import type { LoyaltySettings } from './settings';

/** What the nightly run needs of a client: the Clients row, including the tier it wrote last night. */
export interface LoyaltyClient {
  id: ClientId;
  birthday: Date | null;
  referredBy: ClientId | '';
  /** The tier column as read ('' before the first run). */
  tier: string;
  /** The tierSince column as read. */
  tierSince: Date | null;
}

export interface ClientStanding {
  clientId: ClientId;
  /** The sum of the client's ledger entries, tonight's included. */
  balance: number;
  tier: string;
  tierSince: Date;
  change: TierChange;
}

export interface LoyaltyNightPlan {
  /** In the order they should be appended. */
  appended: LedgerEntry[];
  standings: Map<ClientId, ClientStanding>;
}

export interface LoyaltyNightInput {
  clients: readonly LoyaltyClient[];
  orders: readonly Order[];
  feedback: readonly Feedback[];
  ledger: readonly LedgerEntry[];
  settings: LoyaltySettings;
  asOf: Date;
  /**
   * The roll-up's boundary (null: roll-ups off). An order completed before it that earns tonight is credited
   * in one entry per client (settledCredit), as the roll-up would leave it, instead of one row per order.
   */
  settledBefore?: Date | null;
}

/** The ledger split by client, growing as entries are planned. */
class LedgerByClient {
  private readonly byClient = new Map<ClientId, LedgerEntry[]>();
  readonly appended: LedgerEntry[] = [];

  constructor(ledger: readonly LedgerEntry[]) {
    for (const entry of ledger) this.of(entry.clientId).push(entry);
  }

  of(clientId: ClientId): LedgerEntry[] {
    let entries = this.byClient.get(clientId);
    if (!entries) {
      entries = [];
      this.byClient.set(clientId, entries);
    }
    return entries;
  }

  add(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      this.of(entry.clientId).push(entry);
      this.appended.push(entry);
    }
  }

  clientIds(): ClientId[] {
    return [...this.byClient.keys()];
  }
}

/**
 * Tonight's plan, in this order: orders (earn at the tier held before tonight, counter-entries for
 * edited or cancelled orders), feedback bonuses, registration and birthday bonuses, referral credits,
 * tier evaluation with up-bonuses, then expiry over everything credited so far.
 */
export function planLoyaltyNight(input: LoyaltyNightInput): LoyaltyNightPlan {
  const { clients, settings, asOf } = input;
  const ledger = new LedgerByClient(input.ledger);
  const clientsById = new Map(clients.map((client) => [client.id, client]));

  // An order keeps the client it first earned for, so reassigning it never earns twice.
  const earnedBy = new Map<string, ClientId>();
  for (const entry of input.ledger) {
    if (entry.kind === 'earn' && entry.orderId && entry.key === orderEarnKey(entry.orderId))
      earnedBy.set(entry.orderId, entry.clientId);
    // A rolled-up or settled order's earn lives only in its roll-up entry's keys.
    for (const key of rolledUpKeys(entry)) {
      if (key.startsWith(EARN_KEY_HEAD) && key.endsWith(EARN_KEY_TAIL))
        earnedBy.set(key.slice(EARN_KEY_HEAD.length, -EARN_KEY_TAIL.length), entry.clientId);
    }
  }
  const settledBefore = input.settledBefore ?? null;
  const settledEarns = new Map<ClientId, LedgerEntry[]>();
  for (const order of latestOrders(input.orders)) {
    const owner = earnedBy.get(order.id) ?? order.clientId;
    if (!owner) continue;
    // An order of a rolled-up closed year is settled: its points are in the roll-up, never earned again.
    const earnKey = orderEarnKey(order.id);
    if (ledger.of(owner).some((entry) => rolledUpKeys(entry).has(earnKey))) continue;
    const multiplier = tierMultiplier(clientsById.get(order.clientId)?.tier ?? '', settings);
    const entries = reconcileOrder(ledger.of(owner), order, multiplier, settings, asOf);
    const [earn] = entries;
    if (entries.length === 1 && earn?.key === earnKey && settledBefore && settles(order, settledBefore)) {
      const own = settledEarns.get(earn.clientId);
      if (own) own.push(earn);
      else settledEarns.set(earn.clientId, [earn]);
    } else ledger.add(entries);
  }
  for (const [clientId, earns] of settledEarns)
    ledger.add([settledCredit(clientId, earns, settledBefore as Date, asOf)]);

  for (const feedback of input.feedback) {
    if (!feedback.clientId || feedback.date.getTime() > asOf.getTime()) continue;
    ledger.add(feedbackBonus(ledger.of(feedback.clientId), feedback, settings, asOf));
  }

  const ordersByClient = new Map<ClientId, Order[]>();
  for (const order of input.orders) {
    const own = ordersByClient.get(order.clientId);
    if (own) own.push(order);
    else ordersByClient.set(order.clientId, [order]);
  }
  const spend = rollingSpend(input.orders, settings, asOf);
  const decisions = new Map<ClientId, ReturnType<typeof evaluateTier>>();

  for (const client of clients) {
    ledger.add(registrationBonus(ledger.of(client.id), client.id, settings, asOf));
    ledger.add(birthdayBonus(ledger.of(client.id), client, settings, asOf));
    if (client.referredBy) {
      // The referrer's credit is keyed by the newcomer but kept in the referrer's entries.
      const known = [...ledger.of(client.id), ...ledger.of(client.referredBy)];
      ledger.add(referralCredits(known, client, ordersByClient.get(client.id) ?? [], settings, asOf));
    }
    const decision = evaluateTier(client.tier, client.tierSince, spend.get(client.id) ?? 0, asOf, settings);
    decisions.set(client.id, decision);
    const own = ordersByClient.get(client.id) ?? [];
    ledger.add(
      tierUpBonuses(ledger.of(client.id), client.id, decision, asOf, (threshold) =>
        spendReachedAt(own, threshold, settings, asOf),
      ),
    );
  }

  for (const clientId of ledger.clientIds()) ledger.add(expiryEntries(ledger.of(clientId), settings, asOf));

  const standings = new Map<ClientId, ClientStanding>();
  for (const client of clients) {
    const decision = decisions.get(client.id);
    if (!decision) continue;
    const balance = ledger
      .of(client.id)
      .reduce((sum, entry) => (entry.date.getTime() <= asOf.getTime() ? sum + entry.points : sum), 0);
    standings.set(client.id, {
      clientId: client.id,
      balance,
      tier: decision.tier,
      tierSince: decision.since,
      change: decision.change,
    });
  }
  return { appended: ledger.appended, standings };
}

/** orderEarnKey's shape around the order id. */
const [EARN_KEY_HEAD, EARN_KEY_TAIL] = orderEarnKey('\u0000').split('\u0000') as [string, string];

/** Placed and completed before the boundary: the roll-up would have settled its earn already. */
function settles(order: Order, boundary: Date): boolean {
  const completed = order.completedAt ?? order.date;
  return Math.max(order.date.getTime(), completed.getTime()) < boundary.getTime();
}

/** One order per id, the lowest row winning: two rows with one id would otherwise re-price each other every night. */
function latestOrders(orders: readonly Order[]): Order[] {
  const byId = new Map<string, Order>();
  for (const order of orders) if (order.id) byId.set(order.id, order);
  return [...byId.values()];
}
