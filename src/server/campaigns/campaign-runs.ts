// Running campaigns: deciding each recipient once (the Sends rows), then sending in time-boxed runs
// that continue through a one-off trigger, pause for the quota or a run of failures, and resume.
import {
  decideRecipients,
  kindOfCampaigns,
  newSendRows,
  type RecipientDecision,
} from '../../domain/campaigns/exclusions';
import { BusyError, withLock, withSendLock } from '../../services/locks';
import { failureStreak } from '../../domain/campaigns/sending';
import type { CampaignSettings } from '../../domain/campaigns/settings';
import { campaignCounts, isDue, transitionCampaign } from '../../domain/campaigns/state';
import type { Campaign, CampaignStatus, Client, Locale } from '../../domain/types';
import { translate } from '../../i18n';
import type { CampaignProgress } from '../../contract/sidebar-api';
import { remainingMailQuota } from '../../services/mailer';
import { scheduleContinuation } from '../../services/triggers';
import { scriptStore, type ScriptStore } from '../../services/properties';
import { readMemo, writeMemo, type CampaignMemo } from '../../services/campaign-memo';
import { pendingUnsubscribes } from '../../services/unsubscribe-requests';
import { appendRows, type Table, type Workbook } from '../../sheets';
import {
  readCampaigns,
  readCampaignsSheet,
  readCampaignSettings,
  readClientBase,
  readFlowSettings,
  readSends,
  readSendsSheet,
  writeCampaign,
  type CampaignRow,
  type ClientBase,
  type SendRow,
} from '../../sheets/campaigns';
import { mergeSources, composeMail, mergeValuesFor, templateBlocked, usesLoyaltyFields } from './mail-merge';
import { noteCampaignStatus } from '../telegram/campaign-events';
import { clientChannels, deliverOnTelegram } from '../telegram/campaign-channel';
import { readStoredBot } from '../../services/telegram';
import { templateVariants } from './template-variants';
import { segmentClientIds } from './mail-seams';
import {
  journalPending,
  sendingMailbox,
  sendQueue,
  settleJournal,
  type QueueOutcome,
  type QueuedMail,
} from './sending';
import { currentAccount, readSendingAccount } from '../../services/sending-account';

/**
 * A trigger run's last moment to start a mail, from its start: the 6-minute limit less what the entry point
 * spends around the run. The run keeps a reserve for its closing writes inside it (closingReserve), sized
 * by how slow Apps Script is answering today, so a slow day sends up to the end rather than half of it.
 */
export const TRIGGER_BUDGET_MS = 5 * 60_000;
/**
 * The closing writes (Sends rows, the campaign's counts, the next trigger) take about this many sheet reads' time:
 * about 33 calls, a read being 3 (getSheetByName, getDataRange, getValues).
 */
const CLOSING_IN_READS = 11;
/** The least reserve kept for the closing writes, however quick the reads were. */
const CLOSING_RESERVE_MIN_MS = 20_000;
/** A sidebar press sends for a short while, then a trigger continues: staff are not kept waiting. */
export const CLIENT_BUDGET_MS = 30_000;
/**
 * The hourly execution runs several steps one after another (intake, unsubscribes, campaigns, flows):
 * campaigns and flows each get a share, so the whole execution stays under the limit. A campaign not
 * finished in its share goes on in its own continuation trigger with the full budget.
 */
export const HOURLY_CAMPAIGN_BUDGET_MS = 90_000;
export const HOURLY_FLOW_BUDGET_MS = 2 * 60_000;
/** The hourly step leaves sending to a campaign continuation due within this long. */
export const HOURLY_LEAVES_TO_CONTINUATION_MS = 15 * 60_000;
export const CONTINUE_HANDLER = 'continueCampaigns';
/** The one-off trigger at a scheduled campaign's time (one pending: the earliest; each run re-arms the next). */
export const START_HANDLER = 'startScheduledCampaigns';
const CONTINUE_AFTER_MS = 60_000;
/** A run that only met failures to retry (Gmail failing, or refusing the last addresses) is tried again later. */
const RETRY_AFTER_MS = 15 * 60_000;

/** The clients whose unsubscribe is recorded but not yet in Clients, as the addresses exclusions check. */
export function pendingEmails(store: ScriptStore, clients: readonly Client[]): Set<string> {
  const ids = new Set(pendingUnsubscribes(store).map((pending) => pending.clientId));
  return new Set(clients.filter((client) => ids.has(client.id)).map((client) => client.email.trim().toLowerCase()));
}

/** Every member's decision, as a send would make it now; null when the segment can't be read. */
export function decideFor(
  book: Workbook,
  campaign: Campaign,
  base: ClientBase,
  sends: readonly SendRow[],
  store: ScriptStore,
  settings: CampaignSettings,
): RecipientDecision[] | null {
  const now = new Date();
  const memberIds = segmentClientIds(book, campaign.segmentId, base.clients, now);
  if (!memberIds) return null;
  const ids = new Set(memberIds);
  const members = base.clients.filter((client) => ids.has(client.id));
  // A campaign with a flow's template is of that flow's kind: one mail of a kind a week, campaign or flow.
  const rows = kindOfCampaigns(
    readCampaigns(book).map((row) => row.campaign),
    readFlowSettings(book),
  );
  const of = rows(campaign.id);
  return decideRecipients(
    campaign,
    members,
    sends.map((row) => row.send),
    {
      now,
      pendingUnsubscribes: pendingEmails(store, base.clients),
      settings,
      channels: clientChannels(base),
      ...(of ? { kind: { of, rows } } : {}),
    },
  );
}

/**
 * Writes one Sends row per member (queued, or skipped with its reason). Once per campaign, and again
 * when staff press send or resume: members who joined the segment since get their row (a new client
 * with an address the campaign already reached is skipped as alreadySent); nobody gets a second row.
 */
function prepare(
  book: Workbook,
  campaign: Campaign,
  base: ClientBase,
  sends: SendRow[],
  store: ScriptStore,
  settings: CampaignSettings,
  refresh: boolean,
): boolean {
  const listed = new Set(sends.filter((row) => row.send.campaignId === campaign.id).map((row) => row.send.clientId));
  if (listed.size > 0 && !refresh) return true;
  const decided = decideFor(book, campaign, base, sends, store, settings);
  if (!decided) return false;
  // Queued rows first, skipped after them: the rows a chunk of mails marks sent are one block of the sheet.
  const records = newSendRows(campaign.id, decided, listed, new Date()).sort(
    (a, b) => Number(a.status !== 'queued') - Number(b.status !== 'queued'),
  );
  // One setValues: the campaign's list is written whole or not at all.
  const rowNumbers = appendRows(
    book,
    'sends',
    records.map((record) => ({ ...record })),
  );
  records.forEach((send, index) => sends.push({ send, rowNumber: rowNumbers[index] ?? 0 }));
  return true;
}

interface RunContext {
  book: Workbook;
  store: ScriptStore;
  sends: SendRow[];
  sendsTable: Table;
  settings: CampaignSettings;
  locale: Locale;
  deadline: number;
  /** Kept free after the last mail for the closing writes (see TRIGGER_BUDGET_MS). */
  closingReserveMs: number;
  /** Campaigns staff just pressed send on: their list is brought up to date. */
  refresh: ReadonlySet<string>;
  base?: ClientBase;
  /** The sending account's mailbox, which this execution runs as. */
  mailbox: string;
  /** Some mail was sent, skipped or recorded failed: with only retries left, the next run waits longer. */
  progressed?: boolean;
  /** A campaign paused for the mail quota still owes Telegram messages: a continuation sends them. */
  telegramOwed?: boolean;
}

function clientBase(run: RunContext): ClientBase {
  run.base ??= readClientBase(run.book);
  return run.base;
}

/** Writes status and counts; a status staff set meanwhile (cancelled) is kept. */
function finish(run: RunContext, row: CampaignRow, status: CampaignStatus): CampaignStatus {
  const counts = campaignCounts(
    row.campaign.id,
    run.sends.map((send) => send.send),
  );
  return withLock('database', () => {
    const sheet = readCampaignsSheet(run.book);
    const current = sheet.rows.find((candidate) => candidate.campaign.id === row.campaign.id) ?? row;
    const kept = current.campaign.status === 'cancelled' ? 'cancelled' : status;
    // A cancel during the run skipped rows this run still holds as queued: count from the sheet.
    const final =
      kept === 'cancelled'
        ? campaignCounts(
            row.campaign.id,
            readSends(run.book).map((send) => send.send),
          )
        : counts;
    noteCampaignStatus(current.campaign, kept, final);
    writeCampaign(
      run.book,
      current,
      { status: kept, recipients: final.recipients, sent: final.sent, skipped: final.skipped, failed: final.failed },
      sheet.table,
    );
    return kept;
  });
}

function pauseFor(run: RunContext, row: CampaignRow, pause: NonNullable<CampaignMemo['pause']>): CampaignStatus {
  writeMemo(run.store, row.campaign.id, { ...readMemo(run.store, row.campaign.id), pause });
  return finish(run, row, 'paused');
}

type Pause = NonNullable<CampaignMemo['pause']>;

/** The queued rows as mails to compose, or why the campaign cannot send (its template is missing or blocked). */
function queuedMails(
  run: RunContext,
  campaign: Campaign,
  queued: readonly SendRow[],
  at: string,
): QueuedMail[] | Pause {
  const variants = templateVariants(run.book, campaign.template, run.locale);
  if (!variants.base)
    return {
      reason: 'template',
      key: 'campaigns.pause.template',
      params: { template: campaign.template },
      at,
    };
  // Refused before any mail: a link clients cannot open would be in every one of them.
  const blocked = variants
    .all()
    .map(templateBlocked)
    .find((reason) => reason !== null);
  if (blocked) return { reason: 'webapp', key: blocked, params: {}, at };
  const base = clientBase(run);
  // Each run reads what its mails need again: a template with no loyalty field spares the loyalty sheets.
  const sources = mergeSources(run.book, base.clients, base.orders, run.locale, {
    links: true,
    campaignId: campaign.id,
    recipients: queued.map((send) => send.send.clientId),
    tables: base.tables,
    loyalty: usesLoyaltyFields(variants.all()),
  });
  const clientsById = new Map(base.clients.map((client) => [client.id, client]));
  return queued.map((send) => ({
    row: send,
    compose: () => {
      const client = clientsById.get(send.send.clientId);
      if (!client) return null;
      // The client's own language when the template has that variant, else the studio's.
      const { template, locale } = variants.forClient(client);
      if (!template) return null;
      return composeMail(template, mergeValuesFor(client, sources, template, {}, locale), {
        to: send.send.email,
        senderName: campaign.senderName,
        replyTo: campaign.replyTo,
      });
    },
  }));
}

/** One campaign's share of a run: prepare, send what time and quota allow, write the outcome. */
function runCampaign(run: RunContext, row: CampaignRow): CampaignStatus {
  const campaign = row.campaign;
  const at = new Date().toISOString();
  if (!prepare(run.book, campaign, clientBase(run), run.sends, run.store, run.settings, run.refresh.has(campaign.id))) {
    return pauseFor(run, row, {
      reason: 'segment',
      key: 'campaigns.pause.segment',
      params: { segment: campaign.segmentId },
      at,
    });
  }
  const queued = run.sends.filter((send) => send.send.campaignId === campaign.id && send.send.status === 'queued');
  if (queued.length === 0) return finish(run, row, 'done');
  const mails = queuedMails(run, campaign, queued, at);
  if (!Array.isArray(mails)) return pauseFor(run, row, mails);
  const base = clientBase(run);
  const memo = readMemo(run.store, campaign.id);
  const since = memo.resumedAt ? new Date(memo.resumedAt).getTime() : -Infinity;
  const history = run.sends.filter((send) => (send.send.at?.getTime() ?? 0) > since).map((send) => send.send);
  const cancelled = () => readMemo(run.store, campaign.id).cancelledAt !== undefined;
  // Clients whose channel is Telegram get it there first; what is left (mail, both, fallbacks) is mailed.
  const telegram = deliverOnTelegram(run.book, mails, base, {
    deadline: run.deadline,
    sendsTable: run.sendsTable,
    cancelled,
  });
  const close = (outcome: QueueOutcome): CampaignStatus => {
    if (outcome.sent + outcome.failed + outcome.skipped + telegram.delivered + telegram.skipped > 0)
      run.progressed = true;
    const left = run.sends.some((send) => send.send.campaignId === campaign.id && send.send.status === 'queued');
    if (outcome.pause?.reason === 'quota' && telegram.heldBack > 0) run.telegramOwed = true;
    // The breaker guards the mails still to send; with none left there is nothing to hold back.
    if (outcome.pause && (left || outcome.pause.reason !== 'failures'))
      return pauseFor(run, row, { ...outcome.pause, at });
    return finish(run, row, left ? 'sending' : 'done');
  };
  // The campaign's closing write shares the last rows' lock and flush.
  const closed: { status?: CampaignStatus } = {};
  const outcome = sendQueue(run.book, run.store, telegram.viaMail, {
    reserve: run.settings.quotaReserveForFlows,
    deadline: run.deadline,
    closingReserveMs: run.closingReserveMs,
    streak: failureStreak(campaign.id, history),
    settings: run.settings,
    cancelled,
    sendsTable: run.sendsTable,
    locale: run.locale,
    mailbox: run.mailbox,
    closing: (done) => {
      closed.status = close(done);
    },
  });
  return closed.status ?? close(outcome);
}

/**
 * A campaign paused for the mail quota: its Telegram messages need no mail quota, so they go on meanwhile; the
 * mails wait for the quota. True when Telegram messages are still held back (Telegram asked to wait, no answer,
 * time up). Costs one property read when no bot is connected.
 */
function runTelegramWhilePaused(run: RunContext, row: CampaignRow): boolean {
  if (!readStoredBot()) return false;
  const campaign = row.campaign;
  const base = clientBase(run);
  const channels = clientChannels(base);
  // Only messages Telegram still owes: a both client's row with its Telegram message id waits for its mail.
  const owed = run.sends.filter(
    (send) =>
      send.send.campaignId === campaign.id &&
      send.send.status === 'queued' &&
      !send.send.telegramMessageId &&
      (channels.get(send.send.clientId) ?? 'mail') !== 'mail',
  );
  if (owed.length === 0) return false;
  const mails = queuedMails(run, campaign, owed, new Date().toISOString());
  if (!Array.isArray(mails)) return false;
  const telegram = deliverOnTelegram(run.book, mails, base, {
    deadline: run.deadline,
    sendsTable: run.sendsTable,
    cancelled: () => readMemo(run.store, campaign.id).cancelledAt !== undefined,
    mailWaits: true,
  });
  if (telegram.delivered + telegram.skipped === 0) return telegram.heldBack > 0;
  run.progressed = true;
  const left = run.sends.some((send) => send.send.campaignId === campaign.id && send.send.status === 'queued');
  // Still paused (no second alert: the status does not change), with the counts brought up to date.
  finish(run, row, left ? 'paused' : 'done');
  return telegram.heldBack > 0;
}

/** Due scheduled campaigns start; campaigns paused for the quota resume once it has refilled. */
function wakeCampaigns(run: RunContext, rows: CampaignRow[], table: Table): void {
  const now = new Date();
  let quota: number | null = null;
  for (const row of rows) {
    const { campaign } = row;
    let wake = isDue(campaign, now);
    if (campaign.status === 'paused' && readMemo(run.store, campaign.id).pause?.reason === 'quota') {
      quota ??= remainingMailQuota();
      wake = quota > run.settings.quotaReserveForFlows;
    }
    if (!wake) continue;
    const moved = transitionCampaign(campaign, 'sending');
    if (!moved.ok) continue;
    writeCampaign(run.book, row, { status: 'sending' }, table);
    const memo = readMemo(run.store, campaign.id);
    delete memo.pause;
    writeMemo(run.store, campaign.id, memo);
    row.campaign = moved.campaign;
  }
}

/**
 * Only the earliest start trigger is kept pending, so a later scheduled campaign would otherwise wait
 * for the hourly step: after each run the next scheduled time gets its trigger.
 */
function armNextStart(rows: readonly CampaignRow[]): void {
  const now = Date.now();
  const times = rows
    .filter((row) => row.campaign.status === 'scheduled' && row.campaign.scheduledAt !== null)
    .map((row) => (row.campaign.scheduledAt as Date).getTime())
    .filter((time) => time > now);
  if (times.length > 0) scheduleContinuation(START_HANDLER, new Date(Math.min(...times)));
}

/** Set while campaigns wait for the sending account's run: continueCampaigns does nothing without it. */
const WAITING_KEY = 'crm.campaignsWaiting';
/** How often the sending account's continueCampaigns trigger runs (installed by Setup). */
export const CONTINUE_EVERY_MINUTES = 10;

/** Campaigns pressed by another account, to bring up to date when the sending account's run starts them. */
function waitingIds(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const ids: unknown = JSON.parse(raw);
    return Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return [];
  }
}

/** Marks campaigns as waiting; under the database lock, as the end of a run clears the mark under it. */
function markWaiting(store: ScriptStore, campaignIds: Iterable<string>): string {
  return withLock('database', () => {
    const raw = JSON.stringify([...new Set([...waitingIds(store.getProperty(WAITING_KEY)), ...campaignIds])]);
    store.setProperty(WAITING_KEY, raw);
    return raw;
  });
}

/** Whether any campaign waits for a run: one property read, so the frequent trigger is cheap when idle. */
export function campaignsWaiting(): boolean {
  return scriptStore().getProperty(WAITING_KEY) !== null;
}

/** What a run answers the press that started it. */
export interface RunAnswer {
  /** False when another execution is sending (it goes on; nothing is lost) or another account sends. */
  ran: boolean;
  /** Set when another account sends: its email, and when its trigger starts the run at the latest. */
  queuedFor: { account: string; by: Date } | null;
}

/** A press marks its campaign waiting before moving it to sending: a press killed between is continued. */
export function markPressed(campaignId: string): void {
  markWaiting(scriptStore(), [campaignId]);
}

/** The press's answer, with who sends and by when when another account sends. */
export function withQueuedFor(progress: CampaignProgress, run: RunAnswer, locale: Locale): CampaignProgress {
  if (!run.queuedFor) return progress;
  const { account, by } = run.queuedFor;
  return {
    ...progress,
    queuedFor: {
      account,
      by: by.toISOString(),
      message: translate(locale, 'campaigns.send.queuedForOwner', { owner: account, minutes: CONTINUE_EVERY_MINUTES }),
    },
  };
}

function queuedForOwner(store: ScriptStore, owner: string, refresh: ReadonlySet<string>): RunAnswer {
  markWaiting(store, refresh);
  return { ran: false, queuedFor: { account: owner, by: new Date(Date.now() + CONTINUE_EVERY_MINUTES * 60_000) } };
}

/**
 * One engine run over every campaign that is sending (oldest first), under the send lock, in the sending
 * account's mailbox only: run by another account, it leaves the campaigns waiting for the sending account's
 * continueCampaigns trigger and answers who sends and by when. Schedules its own continuation.
 * `deadline` (epoch ms) counts from the entry point's start: the reads before the run take time too.
 */
export function runCampaigns(
  deadline: number,
  locale: Locale,
  book: Workbook,
  refresh: ReadonlySet<string> = new Set(),
): RunAnswer {
  const store = scriptStore();
  const owner = readSendingAccount();
  const me = currentAccount();
  // Another account's press does not wait for the send lock: the sending account's run may hold it for minutes.
  if (owner && owner.trim().toLowerCase() !== me.trim().toLowerCase()) return queuedForOwner(store, owner, refresh);
  const done = withSendLock(
    (): RunAnswer => {
      const mailbox = sendingMailbox(me);
      if (!mailbox) return queuedForOwner(store, readSendingAccount() ?? '', refresh);
      // The press marked its campaign waiting before moving it: a run killed mid-way is picked up next time.
      const startRaw = store.getProperty(WAITING_KEY);
      const sends = readSendsSheet(book);
      const run: RunContext = {
        book,
        store,
        sends: sends.rows,
        sendsTable: sends.table,
        settings: readCampaignSettings(book),
        locale,
        deadline,
        closingReserveMs: CLOSING_RESERVE_MIN_MS,
        refresh: new Set([...refresh, ...waitingIds(startRaw)]),
        mailbox,
      };
      settleJournal(book, store, run.sends, run.sendsTable, mailbox);
      const readStarted = Date.now();
      const { rows, table: campaignsTable } = readCampaignsSheet(book);
      // One sheet read's time says how slow the calls are today: the closing writes are a few reads' worth.
      run.closingReserveMs = Math.max(CLOSING_RESERVE_MIN_MS, CLOSING_IN_READS * (Date.now() - readStarted));
      wakeCampaigns(run, rows, campaignsTable);
      const sending = rows
        .filter((row) => row.campaign.status === 'sending')
        .sort((a, b) => a.campaign.createdAt.getTime() - b.campaign.createdAt.getTime());
      let more = false;
      for (const row of sending) {
        if (Date.now() + run.closingReserveMs > run.deadline) {
          more = true;
          break;
        }
        try {
          if (runCampaign(run, row) === 'sending') more = true;
        } catch (error) {
          // A staff press holding the database past the wait: this campaign goes on in the next run.
          if (!(error instanceof BusyError)) throw error;
          more = true;
        }
      }
      for (const row of rows) {
        if (row.campaign.status !== 'paused' || readMemo(store, row.campaign.id).pause?.reason !== 'quota') continue;
        if (Date.now() > run.deadline) {
          more = true;
          break;
        }
        if (runTelegramWhilePaused(run, row)) more = true;
      }
      if (run.telegramOwed) more = true;
      // A draft or intent left unsettled (Gmail failed while settling) keeps the next run coming, to clean it up.
      const unsettled = journalPending(store, mailbox);
      if (more || unsettled) {
        // Kept as a bare mark: the campaigns it named are listed by now.
        if (startRaw !== '[]') store.setProperty(WAITING_KEY, '[]');
      } else if (startRaw !== null) {
        // Cleared only if nobody marked meanwhile: that campaign may have started after this run read them.
        // With the database busy (a staff press) the mark stays: the next continueCampaigns finds nothing to do.
        // Only a property is written: nothing to flush.
        withLock(
          'database',
          () => {
            if (store.getProperty(WAITING_KEY) === startRaw) store.deleteProperty(WAITING_KEY);
          },
          { ifBusy: () => undefined, flushOnRelease: false },
        );
      }
      const outOfTime = Date.now() + run.closingReserveMs > run.deadline;
      const after = more && (run.progressed || outOfTime) ? CONTINUE_AFTER_MS : RETRY_AFTER_MS;
      if (more || unsettled) scheduleContinuation(CONTINUE_HANDLER, new Date(Date.now() + after));
      armNextStart(rows);
      return { ran: true, queuedFor: null };
    },
    // A run writes the sheets only through appendRows and updateRows, whose database lock flushes before its
    // release: nothing is left to flush when the send lock goes.
    () => false,
  );
  return done ?? { ran: false, queuedFor: null };
}
