// Nightly roll-ups, each a step of its own execution: old Sends into Send totals, closed ledger years into
// one entry per client and its open lots. The decisions are domain/campaigns/rollup.ts and
// domain/loyalty/rollup.ts; here the reads (each sheet once) and the writes, under the database lock.
import {
  DEFAULT_ROLLUP_SETTINGS,
  planSendsRollup,
  sendsRollupCutoff,
  sendsToRollUp,
  type RollupSettings,
} from '../../domain/campaigns/rollup';
import { ledgerRollupBoundary, nextRollupWindow, planLedgerRollupByClient } from '../../domain/loyalty/rollup';
import { DEFAULT_NIGHT_BUDGET, nightBudget } from '../../domain/loyalty/night-budget';
import { ledgerEntryFromRow, sendFromRow } from '../../domain/schema';
import type { LedgerEntry } from '../../domain/types';
import { withLock } from '../../services/locks';
import { readJsonProperty, writeJsonProperty } from '../../services/properties';
import {
  findSheet,
  openWorkbook,
  readSettingsFor,
  readTable,
  setUpWorkbook,
  type RowValues,
  type Workbook,
} from '../../sheets';
import { readCampaigns, readCampaignSettings, readClientBase, readFlowSettings } from '../../sheets/campaigns';
import { ledgerRow, rewriteLedgerRows, sortLedgerByClient } from '../../sheets/loyalty';
import { ledgerEntryInWords } from '../loyalty/loyalty-words';
import { readSendTotals, replaceRows, writeSendTotals } from '../../sheets/rollups';

const LEDGER_BOUNDARY_PROPERTY = 'rollups.ledgerBoundary';
/** The boundary the ledger was last sorted by client for (the roll-up's first execution sorts it). */
const LEDGER_SORTED_PROPERTY = 'rollups.ledgerSortedFor';

/** `rollups.sendsAfterMonths`, `rollups.ledgerKeepYears` in Settings; left out, the defaults. */
export function readRollupSettings(book: Workbook): RollupSettings {
  return { ...DEFAULT_ROLLUP_SETTINGS, ...readSettingsFor(book, DEFAULT_ROLLUP_SETTINGS, 'rollups').overrides };
}

export interface RollupOutcome {
  rolled: number;
  added: number;
  /** False when the step stopped at its budget and goes on in the next execution. */
  done: boolean;
}

/** Nightly step: Sends rows past the cutoff (and a finished campaign's skips) become totals. */
export function rollUpSends(now: Date = new Date()): RollupOutcome {
  const book = openWorkbook();
  return withLock('database', () => {
    const settings = readRollupSettings(book);
    if (!settings.enabled) return { rolled: 0, added: 0, done: true };
    const table = readTable(book, 'sends');
    if (table.sheetName === null || table.rows.length === 0) return { rolled: 0, added: 0, done: true };
    const campaignSettings = readCampaignSettings(book);
    const cutoff = sendsRollupCutoff(now, settings, campaignSettings, readFlowSettings(book));
    const sends = table.rows.map(sendFromRow);
    const campaigns = readCampaigns(book).map((row) => row.campaign);
    // Most nights nothing new is old enough: Orders and Clients are read only when something is.
    if (sendsToRollUp(sends, campaigns, cutoff).length === 0) return { rolled: 0, added: 0, done: true };
    if (!findSheet(book, 'sendTotals')) setUpWorkbook(book);
    const plan = planSendsRollup({
      sends,
      campaigns,
      orders: readClientBase(book).orders,
      campaignSettings,
      cutoff,
      totals: readSendTotals(book),
    });
    if (plan.rolled.length === 0) return { rolled: 0, added: 0, done: true };
    // Nobody writes Sends while the lock is held: totals first, then the rows they replace.
    writeSendTotals(book, plan.totals);
    if (!replaceRows(book, 'sends', table, plan.rolled)) throw new Error('Sends changed during the roll-up');
    return { rolled: plan.rolled.length, added: plan.totals.length, done: true };
  });
}

/**
 * Nightly step, after loyalty's: closed years of the ledger. The ledger is sorted by client, then the
 * clients' rows are rolled up a run of rows at a time, one write each (`nightly.ledgerRollupRowsPerRun`
 * rows at most, at least one client): a step over a bigger ledger stops there (done false) and the
 * nightly continues it in the next execution, which finds the clients rolled already and goes on with
 * the rest. Every write leaves each client's rows either as they were or rolled up, so balances read the
 * same between executions and after a cut-off.
 */
export function rollUpLedger(now: Date = new Date()): RollupOutcome {
  const book = openWorkbook();
  let boundary: Date | null = null;
  let sorted = false;
  const outcome = withLock('database', (): RollupOutcome => {
    const settings = readRollupSettings(book);
    if (!settings.enabled) return { rolled: 0, added: 0, done: true };
    const closing = ledgerRollupBoundary(now, settings.ledgerKeepYears);
    // The boundary moves once a year: a night that already rolled up to it does not read the ledger again.
    if (readJsonProperty<string | null>(LEDGER_BOUNDARY_PROPERTY, null) === closing.toISOString())
      return { rolled: 0, added: 0, done: true };
    if (!findSheet(book, 'loyalty')) return { rolled: 0, added: 0, done: true };
    boundary = closing;
    const budget = nightBudget(readSettingsFor(book, DEFAULT_NIGHT_BUDGET, 'nightly').overrides);
    // Sorted once a boundary: rows added since (tonight's, dated after it) need no place among the closed
    // years. Unsorted (a column it sorts by is missing) the runs are longer: still right, only slower.
    if (readJsonProperty<string | null>(LEDGER_SORTED_PROPERTY, null) !== closing.toISOString()) {
      sortLedgerByClient(book);
      sorted = true;
    }
    const table = readTable(book, 'loyalty');
    const entries: LedgerEntry[] = [];
    const rows: number[] = [];
    table.rows.forEach((row, position) => {
      const entry = ledgerEntryFromRow(row);
      if (entry) {
        entries.push(entry);
        rows.push(table.rowNumbers[position] as number);
      }
    });
    const clients = planLedgerRollupByClient(entries, closing);
    const window = nextRollupWindow(clients, (index) => rows[index] as number, budget.ledgerRollupRowsPerRun);
    if (!window) return { rolled: 0, added: 0, done: true };
    const replaced = new Map<number, RowValues[]>();
    for (const client of window.clients) {
      const words = client.replacements.map((entry) => ledgerRow(ledgerEntryInWords(entry, book.locale)));
      client.rolled.forEach((index, nth) => replaced.set(rows[index] as number, nth === 0 ? words : []));
    }
    if (!rewriteLedgerRows(book, table, window.from, window.to, replaced))
      throw new Error('the ledger changed during the roll-up');
    return {
      rolled: window.clients.reduce((sum, client) => sum + client.rolled.length, 0),
      added: window.clients.reduce((sum, client) => sum + client.replacements.length, 0),
      done: window.clients.length === clients.length,
    };
  });
  // Noted once the lock's release has flushed the rows: a run cut off before that rolls up again.
  const closed = (boundary as Date | null)?.toISOString();
  if (closed && outcome.done) writeJsonProperty(LEDGER_BOUNDARY_PROPERTY, closed);
  else if (closed && sorted) writeJsonProperty(LEDGER_SORTED_PROPERTY, closed);
  return outcome;
}
