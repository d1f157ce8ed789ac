// The two time-driven triggers every feature shares. Each step runs on its own: one failing step is
// logged and the others still run, so a bad row in one sheet never stops mail or loyalty.
// The hourly run first reads a little to learn whether a step has anything to do (see docs/scale.md):
// an idle hour at 10,000 clients costs a few calls, not a read of Sends, Clients and Orders.
import { isDue } from '../../domain/campaigns/state';
import { isQuietHour } from '../../domain/campaigns/flows';
import type { SheetKey } from '../../domain/schema';
import { runAnalysisNightly } from '../analysis/analysis';
import { runLoyaltyNightly } from '../loyalty/loyalty';
import { runIntakeBacklog } from '../intake/intake';
import { keepClientCards } from '../intake/client-card-store';
import { refreshCampaignResults } from '../campaigns/attribution';
import { runAutomationsHourly } from '../campaigns/automations';
import { runCampaignsHourly } from '../campaigns/campaigns';
import { applyPendingUnsubscribes } from '../campaigns/unsubscribe';
import { clientWebAppUrl } from '../campaigns/mail-merge';
import { findSheet, openWorkbook, settingEntries, type Workbook } from '../../sheets';
import { readCampaignSettings, readCampaigns } from '../../sheets/campaigns';
import { readMemo } from '../../services/campaign-memo';
import { journalHasDrafts, readJournal } from '../../services/send-journal';
import { readSendingAccount } from '../../services/sending-account';
import { deleteProperty, readJsonProperty, scriptStore, writeJsonProperty } from '../../services/properties';
import { scheduleContinuation } from '../../services/triggers';
import { runInboxHourly } from '../inbox/inbox';
import { rollUpLedger, rollUpSends } from './rollups';
import { mailBroadcastFallbacks } from '../telegram/broadcast-mail';

/**
 * A step that `continues` returns false when it stopped at its time budget: it runs again in the next
 * execution (see continueNightly), and so does one cut off meanwhile; it keeps its own journal.
 */
type Step = { name: string; run: () => void | boolean; continues?: true };

/** Nightly work, in order: what later steps read is refreshed first. Features add their step here. */
const nightlySteps: Step[] = [
  { name: 'analysis', run: runAnalysisNightly },
  { name: 'loyalty', run: runLoyaltyNightly, continues: true },
  { name: 'campaignResults', run: refreshCampaignResults },
  // After the steps that read history: what they settled (points, attribution) is what rolls up.
  { name: 'ledgerRollup', run: () => rollUpLedger().done, continues: true },
  { name: 'sendsRollup', run: () => void rollUpSends() },
  // Last: what the client card keeps is read after every step above wrote (and the roll-ups moved rows).
  { name: 'clientCards', run: keepClientCards },
];

/** Hourly work: automated mailings and continuing campaigns. Features add their step here. */
const hourlySteps: Step[] = [
  { name: 'intake', run: () => runIntakeBacklog(hourBook) },
  // Unsubscribes first, so the mail steps after them already see them in Clients.
  { name: 'unsubscribes', run: () => applyPendingUnsubscribes(hourBook) },
  // Bounces and replies before the mail steps, so a bounced address is not mailed again this hour.
  { name: 'inbox', run: () => runInboxHourly(hourBook) },
  {
    name: 'campaigns',
    run: () => {
      if (campaignsHaveWork(hourBook())) runCampaignsHourly(hourBook());
    },
  },
  { name: 'automations', run: () => runAutomationsIfDue(hourBook()) },
  // Telegram broadcasts' 403s mailed instead, when the poll runs under another account (one property read if none).
  { name: 'broadcastMail', run: mailBroadcastFallbacks },
];

function logFailure(name: string, error: unknown): void {
  console.error(`${name} failed: ${error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)}`);
}

/**
 * No hourly step starts after this much of the run: on a slow day each step's fixed reads alone take a
 * minute, and a step started late would be killed at six minutes. What is left waits an hour (campaigns
 * are also continued by their own trigger).
 */
const HOURLY_STEP_START_LIMIT_MS = 2 * 60_000;

function runSteps(steps: readonly Step[], startLimitMs = Infinity): void {
  const failures: string[] = [];
  const started = Date.now();
  for (const step of steps) {
    if (Date.now() - started > startLimitMs) {
      console.warn(
        `${step.name} left for the next run: this one has used ${Math.round((Date.now() - started) / 1000)} s`,
      );
      continue;
    }
    try {
      step.run();
    } catch (error) {
      failures.push(step.name);
      logFailure(step.name, error);
    }
  }
  if (failures.length > 0) throw new Error(`Failed steps: ${failures.join(', ')}`);
}

// ---- Nightly: each step its own execution ----

/** Where the night's run has got to: the next step, the executions it has started, and the failures so far. */
interface NightProgress {
  next: number;
  failed: string[];
  /** Executions the step `next` has started (older progress has none: 0). */
  runs?: number;
  /** When the night's first step started (absent in a progress stored before it was kept). */
  startedAt?: number;
}

const NIGHT_PROPERTY = 'scheduled.night';
const NIGHT_HANDLER = 'continueNightly';
/** The next step starts a minute after the last one ends, in a fresh execution with its own 6 minutes. */
const NIGHT_CONTINUE_AFTER_MS = 60_000;
/**
 * A continuing step runs again, at most this many executions a night: one killed every time is then given
 * up until the next night instead of running night and day. (Any other step is not run again after a cut-off.)
 */
const NIGHT_STEP_MAX_RUNS = 8;

/**
 * The nightly trigger: starts the night's steps. Each step runs in an execution of its own, the next
 * one continuing in a one-off trigger a minute later: at 50,000 clients analysis and loyalty each take
 * minutes, and together they would pass the 6-minute limit.
 */
export function runNightly(): void {
  writeJsonProperty(NIGHT_PROPERTY, { next: 0, failed: [], runs: 0, startedAt: Date.now() } satisfies NightProgress);
  continueNightly();
}

/**
 * Which night the last nightly run is (its start, ms), null when none is stored: what a step keeps for the
 * day can say which night kept it (the client cards: kept by an earlier night, the roll-ups since moved rows).
 */
export function currentNight(): number | null {
  return readJsonProperty<NightProgress | null>(NIGHT_PROPERTY, null)?.startedAt ?? null;
}

/**
 * The continuation of the nightly run (a one-off trigger): the next step, or the rest of one that
 * stopped at its time budget. The progress is saved and the continuation scheduled before the step
 * runs: a continuing step cut off by the 6-minute limit is run again by that continuation, at most
 * NIGHT_STEP_MAX_RUNS times; any other step killed is not run again night after night.
 */
export function continueNightly(): void {
  const progress = readJsonProperty<NightProgress | null>(NIGHT_PROPERTY, null);
  if (!progress) return;
  let step = nightlySteps[progress.next];
  let runs = progress.runs ?? 0;
  if (step && runs >= NIGHT_STEP_MAX_RUNS) {
    progress.failed.push(step.name);
    logFailure(step.name, new Error(`not finished after ${runs} executions; the next night goes on`));
    progress.next += 1;
    step = nightlySteps[progress.next];
    runs = 0;
  }
  if (!step) return;
  const at = progress.next;
  const advance = () => {
    progress.next = at + 1;
    progress.runs = 0;
  };
  if (step.continues) progress.runs = runs + 1;
  else advance();
  writeJsonProperty(NIGHT_PROPERTY, progress);
  if (step.continues || progress.next < nightlySteps.length)
    scheduleContinuation(NIGHT_HANDLER, new Date(Date.now() + NIGHT_CONTINUE_AFTER_MS));
  try {
    if (step.run() !== false && step.continues) {
      advance();
      writeJsonProperty(NIGHT_PROPERTY, progress);
    }
  } catch (error) {
    progress.failed.push(step.name);
    advance();
    writeJsonProperty(NIGHT_PROPERTY, progress);
    logFailure(step.name, error);
    throw new Error(`Failed steps: ${progress.failed.join(', ')}`);
  } finally {
    // What the nightly steps write (stored facts, tiers, points) can make a flow mail due.
    forgetFlowIndex();
  }
}

/** The workbook every hourly step reads through, opened once per run, when a step first needs it (opening reads every tab's name). */
let hourlyBook: Workbook | null = null;
function hourBook(): Workbook {
  return (hourlyBook ??= openWorkbook());
}

export function runHourly(): void {
  hourlyBook = null;
  runSteps(hourlySteps, HOURLY_STEP_START_LIMIT_MS);
}

// ---- Hourly: learn cheaply whether a step has work ----

/**
 * Whether the campaign engine has anything to do now: a send journal to settle, a campaign sending (or
 * left sending by a lost trigger), one scheduled and due, or one paused for the quota (its own check is
 * the quota). Otherwise runCampaigns would read Sends whole to find that out. Reads Campaigns (small).
 */
function campaignsHaveWork(book: Workbook): boolean {
  const store = scriptStore();
  const mailbox = readSendingAccount();
  if (mailbox && journalHasDrafts(readJournal(store, mailbox))) return true;
  const now = new Date();
  return readCampaigns(book).some(
    ({ campaign }) =>
      campaign.status === 'sending' ||
      isDue(campaign, now) ||
      (campaign.status === 'paused' && readMemo(store, campaign.id).pause?.reason === 'quota'),
  );
}

/** What an automations run found nothing due against. */
interface FlowIndex {
  /** The studio's calendar day: every flow's window is counted in whole days. */
  day: string;
  quiet: boolean;
  /** Rows of each sheet a flow reads, the Settings and the web app's URL, when it found nothing due. */
  fingerprint: string;
}

const FLOW_INDEX_PROPERTY = 'scheduled.flowIndex';
/** The sheets a flow mail is decided from: a new row in any of them may make one due. */
const FLOW_SHEETS: readonly SheetKey[] = ['clients', 'orders', 'sends', 'loyalty', 'feedback', 'templates'];

/** The studio's calendar day, on the spreadsheet's clock. */
function studioDay(now: Date, book: Workbook): string {
  return Utilities.formatDate(now, book.timeZone, 'yyyy-MM-dd');
}

function flowFingerprint(book: Workbook): string {
  const rows = FLOW_SHEETS.map((key) => findSheet(book, key)?.getLastRow() ?? -1);
  // The web app's deployment too: a flow held back for want of it goes out the hour after it is deployed.
  return JSON.stringify([rows, settingEntries(book), clientWebAppUrl()]);
}

/**
 * Runs the automations unless the last run found nothing due on this same calendar day, in the same
 * quiet-hours state, with no row added to the sheets flows read and the Settings unchanged since. Flow
 * windows are whole days, so within one day only new data or a setting can make a mail due; the nightly
 * run forgets the index (it writes tiers, points and churn risk). A row edited in place (not added) is
 * seen by the next full run: the first run of the next day, or any run after a row is added.
 */
function runAutomationsIfDue(book: Workbook): void {
  const now = new Date();
  const localHour = Number(Utilities.formatDate(now, book.timeZone, 'H'));
  const current = {
    day: studioDay(now, book),
    quiet: isQuietHour(localHour, readCampaignSettings(book)),
    fingerprint: flowFingerprint(book),
  } satisfies FlowIndex;
  const known = readJsonProperty<FlowIndex | null>(FLOW_INDEX_PROPERTY, null);
  if (known && known.day === current.day && known.quiet === current.quiet && known.fingerprint === current.fingerprint)
    return;
  runAutomationsHourly(book);
  // Nothing added to Sends: nothing was due. Anything queued or sent leaves the index unset, so the next
  // hour looks again.
  if (flowFingerprint(book) === current.fingerprint) writeJsonProperty(FLOW_INDEX_PROPERTY, current);
  else forgetFlowIndex();
}

function forgetFlowIndex(): void {
  deleteProperty(FLOW_INDEX_PROPERTY);
}
