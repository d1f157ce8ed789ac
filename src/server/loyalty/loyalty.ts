// Loyalty entry points: the nightly step (also run from the sidebar), and the client card's
// adjustments and redemptions. Logic is in src/domain/loyalty; here we read, plan and write back.
import type { LoyaltyRunSummary, PointsAdjustment, PointsChange, PointsRedemption } from '../../contract/sidebar-api';
import { ledgerEntryInWords } from './loyalty-words';
import { withLock } from '../../services/locks';
import {
  adjustPoints as planAdjustment,
  planLoyaltyNight,
  redeemForOrder,
  type LoyaltyMessage,
} from '../../domain/loyalty';
import type { Feedback, LedgerEntry } from '../../domain/types';
import { appendRows, openWorkbook, readCoreSettings, updateRows, type RowUpdate, type Workbook } from '../../sheets';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import {
  ledgerRow,
  readFeedback,
  readLedger,
  readLoyaltyClients,
  readLoyaltyOrders,
  readLoyaltySettings,
  sumFor,
  type LoyaltyClientRow,
} from '../../sheets/loyalty';
import { referralCodeOf } from './client-codes';
import { isoDay } from '../../domain/analysis/dates';
import { lazySigner } from '../../services/signer';

/**
 * Reconciles the ledger with the sheets and refreshes the derived Clients columns. Held under the
 * document lock from read to write, so a sidebar run and the nightly trigger never both append.
 */
export function reconcileLoyalty(book: Workbook, asOf: Date): LoyaltyRunSummary {
  return withLock('database', () => {
    const settings = readLoyaltySettings(book);
    const clients = readLoyaltyClients(book);
    const orders = readLoyaltyOrders(book, clients);
    const plan = planLoyaltyNight({
      clients,
      orders,
      feedback: feedbackEarningPoints(readFeedback(book), orders),
      ledger: readLedger(book),
      settings,
      asOf,
    });
    appendRows(
      book,
      'loyalty',
      plan.appended.map((entry) =>
        ledgerRow(ledgerEntryInWords(entry, book.locale, readCoreSettings(book).settings.currency)),
      ),
    );

    const sign = lazySigner();
    const updates: RowUpdate[] = [];
    for (const client of clients) {
      const standing = plan.standings.get(client.id);
      if (!standing) continue;
      // Every client gets the same columns, so the write is one block per run of adjacent columns.
      const values: Record<string, string | number | Date> = {
        pointsBalance: standing.balance,
        tier: standing.tier,
        tierSince: standing.tierSince,
      };
      if (!client.referralCode) values.referralCode = referralCodeOf(client, settings, sign);
      if (changed(client, values)) updates.push({ rowNumber: client.rowNumber, identity: { id: client.id }, values });
    }
    updateRows(book, 'clients', updates);
    return { appended: plan.appended.length, clients: updates.length };
  });
}

function changed(client: LoyaltyClientRow, values: Record<string, string | number | Date>): boolean {
  const since = values.tierSince as Date;
  return (
    client.pointsBalance !== values.pointsBalance ||
    client.tier !== values.tier ||
    'referralCode' in values ||
    !client.tierSince ||
    // tierSince keeps days: compared by the studio's day, a second run that day does not rewrite it.
    isoDay(client.tierSince) !== isoDay(since)
  );
}

/** The nightly step (see scheduled.ts). */
export function runLoyaltyNightly(): void {
  const summary = reconcileLoyalty(openWorkbook(), new Date());
  console.log(`loyalty: ${summary.appended} ledger entries appended, ${summary.clients} clients refreshed`);
}

/** The nightly step, now, for the sidebar's "update points" button. */
export function runLoyaltyNow(): LoyaltyRunSummary {
  return asStaff((book) => reconcileLoyalty(book, new Date()));
}

function refuse(error: LoyaltyMessage): never {
  throw new UserFacingError(error.key, error.params);
}

/** Appends the entries and writes the client's new balance into the Clients column. */
function recordForClient(
  book: Workbook,
  client: LoyaltyClientRow,
  ledger: readonly LedgerEntry[],
  appended: readonly LedgerEntry[],
): PointsChange {
  appendRows(
    book,
    'loyalty',
    appended.map((entry) =>
      ledgerRow(ledgerEntryInWords(entry, book.locale, readCoreSettings(book).settings.currency)),
    ),
  );
  const balance = sumFor([...ledger, ...appended], client.id);
  if (client.pointsBalance !== balance)
    updateRows(book, 'clients', [
      { rowNumber: client.rowNumber, identity: { id: client.id }, values: { pointsBalance: balance } },
    ]);
  return { clientId: client.id, balance, recorded: appended.length > 0 };
}

function requireClient(clients: readonly LoyaltyClientRow[], clientId: string): LoyaltyClientRow {
  const client = clients.find((candidate) => candidate.id === String(clientId ?? '').trim());
  if (!client) throw new UserFacingError('loyalty.client.unknown', { client: String(clientId ?? '') });
  return client;
}

/** A manual adjustment by the staff member at the keyboard; refused when the balance would go negative. */
export function adjustPoints(adjustment: PointsAdjustment): PointsChange {
  return asStaff((book) =>
    withLock('database', () => {
      const client = requireClient(readLoyaltyClients(book), adjustment.clientId);
      const ledger = readLedger(book);
      const by = Session.getActiveUser().getEmail();
      const planned = planAdjustment(
        ledger,
        {
          clientId: client.id,
          points: Number(adjustment.points),
          reason: String(adjustment.reason ?? ''),
          by,
          requestId: String(adjustment.pressId ?? ''),
        },
        new Date(),
      );
      if (!planned.ok) refuse(planned.error);
      return recordForClient(book, client, ledger, planned.entries);
    }),
  );
}

/** Spends points on one of the client's orders (once per order) and notes them in the order's row. */
export function redeemPoints(redemption: PointsRedemption): PointsChange {
  return asStaff((book) =>
    withLock('database', () => {
      const clients = readLoyaltyClients(book);
      const client = requireClient(clients, redemption.clientId);
      const orderId = String(redemption.orderId ?? '').trim();
      const order = readLoyaltyOrders(book, clients).find((candidate) => candidate.id === orderId);
      if (!order) throw new UserFacingError('loyalty.order.unknown', { order: orderId });
      if (order.clientId !== client.id)
        throw new UserFacingError('loyalty.order.otherClient', { order: orderId, client: client.id });
      const ledger = readLedger(book);
      const planned = redeemForOrder(ledger, order, Number(redemption.points), new Date());
      if (!planned.ok) refuse(planned.error);
      const change = recordForClient(book, client, ledger, planned.entries);
      if (planned.entries.length > 0)
        updateRows(book, 'orders', [
          { rowNumber: 0, identity: { id: order.id }, values: { pointsRedeemed: Number(redemption.points) } },
        ]);
      return change;
    }),
  );
}

/**
 * Feedback earns points once per order: the first answer for an order in sheet order (a second answer
 * for the same order is kept, without points); answers naming no order each count; an answer naming an
 * order that does not exist earns nothing (a made-up reference would otherwise earn again and again).
 */
export function feedbackEarningPoints(feedback: readonly Feedback[], orders: readonly { id: string }[]): Feedback[] {
  const known = new Set(orders.map((order) => order.id.toLowerCase()));
  const answered = new Set<string>();
  return feedback.filter((entry) => {
    if (entry.orderId === '') return true;
    const order = entry.orderId.toLowerCase();
    if (!known.has(order)) return false;
    if (answered.has(order)) return false;
    answered.add(order);
    return true;
  });
}
