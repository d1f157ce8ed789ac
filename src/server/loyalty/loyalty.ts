// Loyalty entry points: the nightly step (also run from the sidebar), and the client card's
// adjustments and redemptions. Logic is in src/domain/loyalty; here we read, plan and write back.
import type { LoyaltyRunSummary, PointsAdjustment, PointsChange, PointsRedemption } from '../../contract/sidebar-api';
import { ledgerEntryInWords } from './loyalty-words';
import { withLock } from '../../services/locks';
import {
  adjustPoints as planAdjustment,
  planLoyaltyNight,
  redeemForOrder,
  DEFAULT_NIGHT_BUDGET,
  NIGHT_CHUNK_ROWS,
  NIGHT_STEP_BUDGET_MS,
  nightBudget,
  type LoyaltyMessage,
} from '../../domain/loyalty';
import type { Feedback, LedgerEntry } from '../../domain/types';
import {
  appendRows,
  openWorkbook,
  readCoreSettings,
  readSettingsFor,
  updateRows,
  type RowUpdate,
  type Workbook,
} from '../../sheets';
import { deleteProperty, readJsonProperty, writeJsonProperty } from '../../services/properties';
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
import { ledgerRollupBoundary } from '../../domain/loyalty/rollup';
import { readRollupSettings } from '../app/rollups';

/** How far one execution goes: at most `rows` ledger rows, and no new block after `deadline` (Date.now()). */
export interface LoyaltyRunLimit {
  rows: number;
  deadline: number;
}

const UNLIMITED: LoyaltyRunLimit = { rows: Infinity, deadline: Infinity };

/**
 * Reconciles the ledger with the sheets and refreshes the derived Clients columns. Held under the
 * document lock from read to write, so a sidebar run and the nightly trigger never both append.
 * Under a limit it appends tonight's entries in flushed blocks and stops when the limit is reached
 * (`done` false): every entry is keyed, so the next execution planning over the ledger as it is then
 * plans exactly the entries not yet written, none twice. The Clients columns are written only once the
 * ledger is complete: a tier written earlier would change the multiplier of orders not yet earned.
 */
export function reconcileLoyalty(
  book: Workbook,
  asOf: Date,
  limit: LoyaltyRunLimit = UNLIMITED,
): LoyaltyRunSummary & { done: boolean } {
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
      settledBefore: settledBoundary(book, asOf),
    });
    const currency = readCoreSettings(book).settings.currency;
    const writable = Math.min(plan.appended.length, limit.rows);
    let appended = 0;
    while (appended < writable) {
      if (appended > 0 && Date.now() > limit.deadline) break;
      const block = plan.appended.slice(appended, Math.min(writable, appended + NIGHT_CHUNK_ROWS));
      appendRows(
        book,
        'loyalty',
        block.map((entry) => ledgerRow(ledgerEntryInWords(entry, book.locale, currency))),
      );
      appended += block.length;
      // A block kept: an execution cut off later leaves it written, and the next one goes on after it.
      if (appended < writable) SpreadsheetApp.flush();
    }
    if (appended < plan.appended.length) return { appended, clients: 0, done: false };

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
    return { appended, clients: updates.length, done: true };
  });
}

/** Where the ledger roll-up settles orders as of `asOf` (null with roll-ups off): see planLoyaltyNight. */
function settledBoundary(book: Workbook, asOf: Date): Date | null {
  const rollups = readRollupSettings(book);
  return rollups.enabled ? ledgerRollupBoundary(asOf, rollups.ledgerKeepYears) : null;
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

/** The night a loyalty run belongs to: every execution of it plans as of the same moment. */
interface LoyaltyNight {
  asOf: string;
}

const LOYALTY_NIGHT_PROPERTY = 'loyalty.night';
/** A run left unfinished longer than this (its continuations lost) starts again as of now. */
const LOYALTY_NIGHT_STALE_MS = 12 * 3_600_000;

/**
 * The nightly step (see scheduled.ts): one execution's share of the run, false while there is more. The
 * run's moment is kept in a property, so its later executions (and one after a cut-off) plan the same
 * entries with the same dates.
 */
export function runLoyaltyNightly(): boolean {
  const started = Date.now();
  const kept = readJsonProperty<LoyaltyNight | null>(LOYALTY_NIGHT_PROPERTY, null);
  const keptAsOf = kept ? Date.parse(kept.asOf) : NaN;
  const fresh = Number.isFinite(keptAsOf) && started - keptAsOf < LOYALTY_NIGHT_STALE_MS;
  const asOf = fresh ? new Date(keptAsOf) : new Date(started);
  if (!fresh) writeJsonProperty(LOYALTY_NIGHT_PROPERTY, { asOf: asOf.toISOString() } satisfies LoyaltyNight);
  const book = openWorkbook();
  const budget = nightBudget(readSettingsFor(book, DEFAULT_NIGHT_BUDGET, 'nightly').overrides);
  const summary = reconcileLoyalty(book, asOf, {
    rows: budget.loyaltyRowsPerRun,
    deadline: started + NIGHT_STEP_BUDGET_MS,
  });
  console.log(
    `loyalty: ${summary.appended} ledger entries appended, ${summary.clients} clients refreshed` +
      (summary.done ? '' : '; the rest in the next execution'),
  );
  if (summary.done) deleteProperty(LOYALTY_NIGHT_PROPERTY);
  return summary.done;
}

/** The nightly step, now, for the sidebar's "update points" button: the whole run in this execution. */
export function runLoyaltyNow(): LoyaltyRunSummary {
  return asStaff((book) => {
    const { appended, clients } = reconcileLoyalty(book, new Date());
    return { appended, clients };
  });
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
