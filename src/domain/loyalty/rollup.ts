// Closed years of the ledger rolled up per client: every entry dated before the boundary is replaced by
// (1) the points still unspent at the boundary, one entry per lot as it was credited (same key, date and
// order, so expiry and order reversals still find their lot), and (2) one roll-up entry holding the rest of
// the sum (what debits took beyond the lots, never positive) and, in its reason, every settled key, so no
// order earns twice and no bonus is paid twice. Balances, open lots and keys read the same before and after.
import type { ClientId, LedgerEntry } from '../types';
import { openLots } from './expiry';
import { LEDGER_ROLLUP_PREFIX, ledgerEntry, ledgerReason, rolledUpKeys } from './ledger';

/** Entries before 1 January (UTC) of the year `keepYears` before asOf's roll up: 1 keeps last year's rows. */
export function ledgerRollupBoundary(asOf: Date, keepYears: number): Date {
  return new Date(Date.UTC(asOf.getUTCFullYear() - Math.max(0, Math.floor(keepYears)), 0, 1));
}

export interface LedgerRollupPlan {
  /** Positions in the ledger of the entries replaced, ascending. */
  rolled: number[];
  /** What replaces them: per client its roll-up entry first, then its carried lots. */
  replacements: LedgerEntry[];
}

/** One client's share of a roll-up: what it replaces and with what. */
export interface ClientRollup {
  clientId: ClientId;
  /** Positions in the ledger of the client's entries replaced, ascending. */
  rolled: number[];
  /** Its roll-up entry first, then its carried lots. */
  replacements: LedgerEntry[];
}

/** Expiry keys are left out of the list: a lot they closed is spent and never looked up again. */
const EXPIRE_PREFIX = 'expire:';

export function planLedgerRollup(ledger: readonly LedgerEntry[], boundary: Date): LedgerRollupPlan {
  const clients = planLedgerRollupByClient(ledger, boundary);
  return {
    rolled: clients.flatMap((client) => client.rolled).sort((a, b) => a - b),
    replacements: clients.flatMap((client) => client.replacements),
  };
}

/**
 * The roll-up client by client (by client id), leaving out clients already rolled up to this boundary: a
 * roll-up written for some clients in one execution and the rest in later ones plans the rest only.
 */
export function planLedgerRollupByClient(ledger: readonly LedgerEntry[], boundary: Date): ClientRollup[] {
  const byClient = new Map<ClientId, number[]>();
  ledger.forEach((entry, index) => {
    if (entry.date.getTime() >= boundary.getTime()) return;
    const own = byClient.get(entry.clientId);
    if (own) own.push(index);
    else byClient.set(entry.clientId, [index]);
  });
  const plans: ClientRollup[] = [];
  const clientIds = [...byClient.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const clientId of clientIds) {
    const positions = byClient.get(clientId) as number[];
    const old = positions.map((index) => ledger[index] as LedgerEntry);
    const lots = openLots(old, clientId, new Date(boundary.getTime() - 1));
    // Already rolled up to this boundary: only the roll-up entry and its lots are there (a first night's
    // settled credit, see settledCredit, is one of those lots).
    const alreadyRolled =
      old.filter((entry) => entry.key === `${LEDGER_ROLLUP_PREFIX}${clientId}`).length === 1 &&
      old.length === 1 + lots.length &&
      lots.every((lot) => old.some((entry) => entry.key === lot.key && entry.points === lot.remaining));
    if (alreadyRolled) continue;
    const keys = new Set<string>();
    for (const entry of old) {
      for (const key of rolledUpKeys(entry)) keys.add(key);
      if (!entry.key.startsWith(LEDGER_ROLLUP_PREFIX) && !entry.key.startsWith(EXPIRE_PREFIX)) keys.add(entry.key);
    }
    const sum = old.reduce((total, entry) => total + entry.points, 0);
    const carried = lots.reduce((total, lot) => total + lot.remaining, 0);
    const earliest = new Date(Math.min(...old.map((entry) => entry.date.getTime())));
    const replacements = [
      ledgerEntry(
        {
          clientId,
          kind: 'adjust',
          // Dated first (and replayed first on a tie, see openLots), so replaying it never eats a carried
          // lot (it is what debits took beyond the lots).
          points: sum - carried,
          key: `${LEDGER_ROLLUP_PREFIX}${clientId}`,
          reason: ledgerReason('loyalty.reason.rolledUp', {
            // The boundary is a UTC midnight: its day before, in UTC too (not the script's zone).
            until: new Date(boundary.getTime() - 1).toISOString().slice(0, 10),
            entries: old.length,
            keys: [...keys].sort().join(','),
          }),
        },
        earliest,
      ),
    ];
    for (const lot of lots) {
      const credit = old.find((entry) => entry.key === lot.key) as LedgerEntry;
      replacements.push({ ...credit, date: new Date(credit.date.getTime()), points: lot.remaining });
    }
    plans.push({ clientId, rolled: positions, replacements });
  }
  return plans;
}

/** Rows of one rewrite: a run of ledger rows (sheet rows `from`..`to`) and the clients whose rows lie there. */
export interface RollupWindow {
  from: number;
  to: number;
  clients: ClientRollup[];
}

/**
 * The next clients to roll up in one write, given each entry's sheet row: clients taken in sheet order
 * (the first row of each) while the run of rows from the first one's first row to the last one's last
 * row stays within `maxRows` (at least one client, however long its run). Rows of other clients inside
 * the run are rewritten as they are. With the ledger sorted by client the runs are short and adjacent.
 */
export function nextRollupWindow(
  clients: readonly ClientRollup[],
  rowOf: (position: number) => number,
  maxRows: number,
): RollupWindow | null {
  const spans = clients
    .map((client) => {
      const rows = client.rolled.map(rowOf);
      return { client, first: Math.min(...rows), last: Math.max(...rows) };
    })
    .sort((a, b) => a.first - b.first);
  const [head] = spans;
  if (!head) return null;
  const window: RollupWindow = { from: head.first, to: head.last, clients: [head.client] };
  for (const span of spans.slice(1)) {
    const to = Math.max(window.to, span.last);
    if (to - window.from + 1 > maxRows) break;
    window.to = to;
    window.clients.push(span.client);
  }
  return window;
}

/**
 * Earn entries of orders the roll-up would settle (completed before the boundary), written as one credit
 * instead: the same points, dated as they are (tonight), and, in its reason, every settled earn key, so no
 * order earns twice. A first night crediting years of history writes one row per client, not one per order.
 * Its key names the night, so a later night settling orders typed in since writes a credit of its own.
 */
export function settledCredit(
  clientId: ClientId,
  earns: readonly LedgerEntry[],
  boundary: Date,
  asOf: Date,
): LedgerEntry {
  return ledgerEntry(
    {
      clientId,
      kind: 'earn',
      points: earns.reduce((sum, entry) => sum + entry.points, 0),
      key: `${LEDGER_ROLLUP_PREFIX}${clientId}:${asOf.toISOString()}`,
      reason: ledgerReason('loyalty.reason.rolledUp', {
        until: new Date(boundary.getTime() - 1).toISOString().slice(0, 10),
        entries: earns.length,
        keys: earns
          .map((entry) => entry.key)
          .sort()
          .join(','),
      }),
    },
    asOf,
  );
}
