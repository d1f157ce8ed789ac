// The send engine's Apps Script half: the per-mail journal in script properties, settling it after an
// interrupted run, and sending a queue of Sends rows. The protocol and every decision about what to
// send, resend or drop are in src/domain/campaigns/sending.ts (read its header first).
import type { SkipReason } from '../../domain/campaigns/exclusions';
import {
  countFailure,
  mailTooLarge,
  planBatch,
  reconcile,
  recipientKey,
  trackOutcome,
  type Attempt,
  type DraftIntent,
  type JournalEntry,
  type PauseDecision,
  type QueuedRecipient,
} from '../../domain/campaigns/sending';
import type { CampaignSettings } from '../../domain/campaigns/settings';
import type { Locale, Send } from '../../domain/types';
import { translate } from '../../i18n';
import {
  blobBytes,
  createMailDraft,
  deleteMailDraft,
  findUnjournaledDrafts,
  listDraftIds,
  mailSizes,
  remainingMailQuota,
  sendMailDraft,
  type CreatedDraft,
  type OutgoingMail,
} from '../../services/mailer';
import type { ScriptStore } from '../../services/properties';
import {
  adoptLegacyJournal,
  journalBytes,
  journalHasDrafts,
  JOURNAL_BYTES_LIMIT,
  readJournal,
  writeJournal,
} from '../../services/send-journal';
import { currentAccount, readSendingAccount, recordSendingAccount } from '../../services/sending-account';
import { updateRows, type RowUpdate, type Table, type Workbook } from '../../sheets';
import { sendIdentity, type SendRow } from '../../sheets/campaigns';
import { withLock } from '../../services/locks';
import { isUnsubscribePending } from '../../services/unsubscribe-requests';

type BlobSource = GoogleAppsScript.Base.BlobSource;

/** Rows written and the journal trimmed every this many mails: keeps the journal far below 9 KB. */
export const SEND_CHUNK = 40;
/**
 * Failures in a row that count against nobody (Gmail failing for everyone) stop the run: the rest waits for a
 * later run instead of each costing calls and a journal record now.
 */
export const UNCOUNTED_FAILURES_STOP = 5;
/** Intents left by failed createDrafts that a run could not settle yet: beyond this, no new draft is started. */
export const OPEN_INTENTS_LIMIT = 10;
/** A cancel pressed during a run is noticed within this many mails (one property read each time). */
export const CANCEL_CHECK_EVERY = 5;

/** A flow mail is one per occasion, so its journal key carries the occasion. */
export function journalCampaignId(send: Pick<Send, 'campaignId' | 'occasion'>): string {
  return send.occasion ? `${send.campaignId}#${send.occasion}` : send.campaignId;
}

function rowsByRecipient(sends: readonly SendRow[]): Map<string, SendRow> {
  const byKey = new Map<string, SendRow>();
  for (const row of sends)
    byKey.set(recipientKey({ campaignId: journalCampaignId(row.send), clientId: row.send.clientId }), row);
  return byKey;
}

function applyToRow(
  row: SendRow,
  values: { status: Send['status']; reason: string; at: Date; threadId?: string },
): RowUpdate {
  row.send = { ...row.send, ...values };
  return { rowNumber: row.rowNumber, identity: sendIdentity(row.send), values: values };
}

/**
 * The mailbox this execution may create and send mail in: the studio's sending account's, and only when this
 * execution runs as it. With none recorded yet, the account sending first becomes it (under the send lock, so
 * two first sends cannot both record). Null: another account sends; nothing is created or settled here.
 */
export function sendingMailbox(me: string = currentAccount()): string | null {
  const owner = readSendingAccount();
  if (!owner) {
    if (!me) return null;
    recordSendingAccount(me);
    return me;
  }
  return owner.trim().toLowerCase() === me.trim().toLowerCase() ? me : null;
}

/** Whether the sending mailbox's journal still holds drafts or intents to settle (one property read). */
export function journalPending(store: ScriptStore, mailbox: string): boolean {
  return journalHasDrafts(readJournal(store, mailbox));
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Before anything else in a run: what the sending mailbox's journal means. A journaled draft no longer among
 * the mailbox's drafts went out (its row becomes sent); drafts of recipients no longer queued, and drafts a
 * killed run made without journaling them, are deleted; drafts still to send stay journaled for sendQueue.
 * Answers false when it could not tell (not the sending account, or Gmail did not list the drafts): the
 * journal is kept as it is and sendQueue leaves its recipients for a later run. `sends` is updated in place.
 */
export function settleJournal(
  book: Workbook,
  store: ScriptStore,
  sends: SendRow[],
  sendsTable?: Table,
  knownMailbox?: string,
): boolean {
  const mailbox = knownMailbox ?? sendingMailbox();
  if (!mailbox) return false;
  adoptLegacyJournal(store, mailbox);
  const journal = readJournal(store, mailbox);
  if (!journalHasDrafts(journal)) return true;
  let drafts: Set<string>;
  try {
    drafts = listDraftIds();
  } catch (error) {
    console.warn(`drafts not listed, the journal waits for the next run: ${errorText(error)}`);
    return false;
  }
  const byKey = rowsByRecipient(sends);
  const recordedSent = new Set([...byKey].filter(([, row]) => row.send.status === 'sent').map(([key]) => key));
  const settled = reconcile(journal.entries, drafts, recordedSent);
  const now = new Date();
  const updates: RowUpdate[] = [];
  for (const entry of settled.toRecord) {
    const row = byKey.get(recipientKey(entry));
    if (row) updates.push(applyToRow(row, { status: 'sent', reason: '', at: now }));
  }
  const orphans = settled.retry.filter((entry) => byKey.get(recipientKey(entry))?.send.status !== 'queued');
  const keep = settled.retry.filter((entry) => !orphans.includes(entry));
  // Rows first (updateRows flushes under its lock): a journal trimmed before its sent row is written would resend.
  updateRows(book, 'sends', updates, sendsTable);
  let intents = journal.intents;
  if (intents.length > 0) {
    try {
      const strays = findUnjournaledDrafts(intents, new Set(journal.entries.map((entry) => entry.draftId)));
      // An unjournaled draft is never sent by us: deleting it is safe at any time.
      if (strays.every((draftId) => deleteMailDraft(draftId))) intents = [];
    } catch (error) {
      console.warn(`unjournaled drafts not looked for: ${errorText(error)}`);
    }
  }
  // A draft to delete is marked withdrawn first: a journaled draft gone missing would otherwise read as sent.
  const withdrawn: JournalEntry[] = [...settled.discard, ...orphans].map((entry) => ({ ...entry, withdrawn: true }));
  journal.entries = [...keep, ...withdrawn];
  journal.intents = intents;
  writeJournal(store, mailbox, journal);
  if (withdrawn.length === 0) return true;
  const deleted = new Set(withdrawn.filter((entry) => deleteMailDraft(entry.draftId)));
  journal.entries = journal.entries.filter((entry) => !deleted.has(entry));
  writeJournal(store, mailbox, journal);
  return true;
}

export interface QueuedMail {
  row: SendRow;
  /**
   * The mail for this recipient; null when it can no longer be written (the client is gone), or a skip
   * reason when it cannot be filled (a field with no value and no fallback): never sent half-filled.
   */
  compose(): OutgoingMail | { skip: SkipReason } | null;
}

export interface QueueOutcome {
  sent: number;
  failed: number;
  skipped: number;
  /** Mails that failed this time and are tried again by a later run (their rows stay queued). */
  retryLater: number;
  /** Why sending stopped for the day or for good (quota, failures in a row), or null. */
  pause: PauseDecision | null;
  /** Stopped at the deadline with mails left, or Gmail could not be asked: another run continues. */
  outOfTime: boolean;
  streak: number;
  /** This execution is not the sending account's: nothing was sent. */
  notSendingAccount: boolean;
}

export interface QueueOptions {
  /** Mails of the remaining quota to leave unused (for the automated flows). */
  reserve: number;
  /** Epoch ms after which no new mail is started. */
  deadline: number;
  /**
   * Time the run still needs after its last mail (writing rows, the campaign's counts, the next trigger).
   * A mail starts only when it, as slow as the slowest so far, and this reserve fit before the deadline:
   * on a slow day a run sends up to its end instead of stopping at a fixed share of it. Default 0.
   */
  closingReserveMs?: number;
  /** Failures in a row before this run (the breaker continues the count). */
  streak: number;
  settings: CampaignSettings;
  /** Whether staff cancelled meanwhile; asked every CANCEL_CHECK_EVERY mails. */
  cancelled?: () => boolean;
  /** The Sends sheet as this run read it: each chunk's rows are found in it, not in a fresh read. */
  sendsTable?: Table;
  /** The staff's language, for the reason of a mail too large to send (the spreadsheet's unless given). */
  locale?: Locale;
  /** The sending mailbox, when the caller already checked this execution runs as it. */
  mailbox?: string;
  /**
   * The caller's closing writes (the campaign's status and counts), run under the database lock with the last
   * rows' write, so they share its flush; the journal is trimmed after both. Not run when sendQueue answers
   * before sending (another account's execution, the quota not read): the caller closes then.
   */
  closing?: (outcome: QueueOutcome) => void;
}

type Prepared = { mail: OutgoingMail } | { skip: SkipReason } | { error: unknown } | { tooLarge: string };

/** A mail of the current batch with its journaled draft, waiting for its send. */
interface Sendable {
  mail: QueuedMail;
  key: string;
  entry: JournalEntry;
  send: () => string;
  /** Drafted by this batch: withdrawn (deleted) when a cancel or a pause stops the run before its send. */
  fresh: boolean;
}

/**
 * Sends the queued rows, exactly once each, in batches: the batch's intents in one journal write, its drafts,
 * their entries in one journal write, then each send (see the protocol in src/domain/campaigns/sending.ts).
 * Rows are written and the journal trimmed once SEND_CHUNK rows wait, riding on the next batch's intents
 * write, and at the end. Every per-mail step is guarded: one recipient never stops the run. Run settleJournal
 * first.
 */
export function sendQueue(
  book: Workbook,
  store: ScriptStore,
  queue: readonly QueuedMail[],
  options: QueueOptions,
): QueueOutcome {
  const outcome: QueueOutcome = {
    sent: 0,
    failed: 0,
    skipped: 0,
    retryLater: 0,
    pause: null,
    outOfTime: false,
    streak: options.streak,
    notSendingAccount: false,
  };
  const mailbox = options.mailbox ?? sendingMailbox();
  if (!mailbox) {
    outcome.notSendingAccount = true;
    return outcome;
  }
  const locale = options.locale ?? book.locale;
  const journal = readJournal(store, mailbox);
  const keyOf = (mail: QueuedMail): string =>
    recipientKey({ campaignId: journalCampaignId(mail.row.send), clientId: mail.row.send.clientId });
  const recipients: QueuedRecipient[] = queue.map((mail) => ({
    campaignId: journalCampaignId(mail.row.send),
    clientId: mail.row.send.clientId,
    email: mail.row.send.email,
  }));
  const byKey = new Map(queue.map((mail) => [keyOf(mail), mail]));
  const live = journal.entries.filter((entry) => !entry.withdrawn);
  const journaled = reconcile(journal.entries, new Set(live.map((entry) => entry.draftId)));
  let quota: number;
  try {
    quota = remainingMailQuota();
  } catch (error) {
    console.warn(`mail quota not read, sending waits for the next run: ${errorText(error)}`);
    outcome.outOfTime = true;
    return outcome;
  }
  const hasFailed = (attempt: Attempt): boolean =>
    journal.failures[recipientKey(attempt.kind === 'sendDraft' ? attempt.entry : attempt.recipient)] !== undefined;
  const plan = planBatch(recipients, journaled, quota, options.reserve, recipients.length + journal.entries.length);
  // Recipients that failed before go last: one refusing address never holds up the rest of the list.
  const attempts = [...plan.attempts].sort((a, b) => Number(hasFailed(a)) - Number(hasFailed(b)));
  let updates: RowUpdate[] = [];
  let finished: JournalEntry[] = [];
  // How long each kind of step took at its slowest: a batch is as many mails as fit before the deadline.
  const slowest = { draft: 0, send: 0, save: 0, flush: 0 };
  const timedStep = (step: keyof typeof slowest, body: () => void): void => {
    const started = Date.now();
    body();
    slowest[step] = Math.max(slowest[step], Date.now() - started);
  };
  const save = (): void => timedStep('save', () => writeJournal(store, mailbox, journal));
  const withdraw = (entry: JournalEntry): void => {
    entry.withdrawn = true;
  };
  /** Rows first (updateRows flushes under its lock), then the journal without their entries: one write. */
  const flush = (closing?: () => void): void => {
    const writeRows = () => updateRows(book, 'sends', updates, options.sendsTable);
    timedStep('flush', () =>
      closing
        ? withLock('database', () => {
            writeRows();
            closing();
          })
        : writeRows(),
    );
    const done = new Set(finished);
    journal.entries = journal.entries.filter((entry) => !done.has(entry));
    const toDelete = journal.entries.filter((entry) => entry.withdrawn);
    save();
    if (toDelete.length > 0) {
      const deleted = new Set(toDelete.filter((entry) => deleteMailDraft(entry.draftId)));
      journal.entries = journal.entries.filter((entry) => !deleted.has(entry));
      save();
    }
    updates = [];
    finished = [];
  };
  // Every row update writes status through thread, the unused draft column blank: one block per run of rows.
  const rowUpdate = (mail: QueuedMail, status: Send['status'], reason: string, threadId = ''): void => {
    const update = applyToRow(mail.row, { status, reason, at: new Date(), threadId });
    updates.push({ ...update, values: { ...update.values, draftId: '' } });
  };

  let uncounted = 0;
  const recordFailure = (mail: QueuedMail, entry: JournalEntry | null, reason: string, definitive: boolean): void => {
    const key = keyOf(mail);
    const counted = countFailure(journal.failures[key], Date.now(), journal.sentCount);
    if (!definitive && !counted.giveUp) {
      journal.failures[key] = counted.record;
      outcome.retryLater += 1;
      uncounted += 1;
      if (uncounted >= UNCOUNTED_FAILURES_STOP) outcome.outOfTime = true;
      return;
    }
    uncounted = 0;
    delete journal.failures[key];
    rowUpdate(mail, 'failed', reason);
    if (entry) withdraw(entry);
    outcome.failed += 1;
    if (definitive) return;
    const breaker = trackOutcome(outcome.streak, 'failed', options.settings);
    outcome.streak = breaker.streak;
    if (breaker.pause) outcome.pause = breaker.pause;
  };

  const attachmentSizes = new Map<BlobSource, number>();
  const sizeOf = (blob: BlobSource): number => {
    if (!attachmentSizes.has(blob)) attachmentSizes.set(blob, blobBytes(blob));
    return attachmentSizes.get(blob) ?? 0;
  };
  const prepared = new Map<string, Prepared>();
  const prepare = (mail: QueuedMail): Prepared => {
    const known = prepared.get(keyOf(mail));
    if (known) return known;
    const result = composeChecked(mail);
    prepared.set(keyOf(mail), result);
    return result;
  };
  const composeChecked = (mail: QueuedMail): Prepared => {
    try {
      const outgoing = mail.compose();
      // A mail that cannot be composed (no address) or filled (a field empty with no fallback) is skipped.
      if (!outgoing) return { skip: 'invalidEmail' };
      if ('skip' in outgoing) return outgoing;
      const sizes = mailSizes(outgoing, sizeOf);
      const large = mailTooLarge(sizes.body, sizes.attachments);
      return large ? { tooLarge: translate(locale, large.key, large.params) } : { mail: outgoing };
    } catch (error) {
      return { error };
    }
  };
  const intentOf = (mail: QueuedMail, outgoing: OutgoingMail): DraftIntent => ({
    campaignId: journalCampaignId(mail.row.send),
    clientId: mail.row.send.clientId,
    email: outgoing.to,
    subject: outgoing.subject,
  });
  /** Intents written for this batch's drafts not created yet: not counted as open, dropped if never drafted. */
  const ahead = new Set<DraftIntent>();
  /** A draft id as long as Gmail's (r- and 19 digits), for sizing the journal before the drafts exist. */
  const placeholderId = 'r-0000000000000000000';
  const stopped = (): boolean => outcome.pause !== null || outcome.outOfTime;

  const closingReserve = options.closingReserveMs ?? 0;
  let timed = false;
  // Sends attempted so far, and at which count the cancel was last asked: asked before every CANCEL_CHECK_EVERY-th.
  let attempted = 0;
  let askedAt = 0;
  const cancelNow = (): boolean => {
    askedAt = attempted;
    return options.cancelled?.() ?? false;
  };
  let cancelled = false;
  let next = 0;
  while (next < attempts.length && !stopped() && !cancelled) {
    const now = Date.now();
    const perMail = slowest.draft + slowest.send;
    const flushDue = updates.length >= SEND_CHUNK;
    // The batch's two journal writes and the rows due, then its mails: all before the closing reserve.
    const room = options.deadline - closingReserve - now - 2 * slowest.save - (flushDue ? slowest.flush : 0);
    if (perMail > room) {
      outcome.outOfTime = true;
      break;
    }
    // Cancel skipped the queued rows in the sheet; this run's copy doesn't know: no new drafts.
    if (attempted > askedAt && cancelNow()) break;
    // Until one mail has been timed, one at a time: a slow day must not draft more than it can send.
    const fit = !timed ? 1 : perMail > 0 ? Math.floor(room / perMail) : Infinity;
    const size = Math.max(1, Math.min(fit, SEND_CHUNK - (flushDue ? 0 : updates.length)));

    // Compose the batch; skips and failures are recorded now, the rest get an intent before any draft.
    const toDraft: { mail: QueuedMail; key: string; outgoing: OutgoingMail; intent: DraftIntent }[] = [];
    const batch: (Sendable | (typeof toDraft)[number])[] = [];
    for (let taken = 0; taken < size && next < attempts.length && !stopped();) {
      const attempt = attempts[next] as Attempt;
      const key = attempt.kind === 'sendDraft' ? recipientKey(attempt.entry) : recipientKey(attempt.recipient);
      const mail = byKey.get(key);
      if (!mail) {
        next += 1;
        continue;
      }
      if (attempt.kind === 'sendDraft') {
        const entry = attempt.entry;
        batch.push({ mail, key, entry, send: () => sendMailDraft(entry.draftId), fresh: false });
        next += 1;
        taken += 1;
        continue;
      }
      const ready = prepare(mail);
      if (!('mail' in ready)) {
        next += 1;
        // An unsubscribe clicked minutes ago is the reason staff should read, before any other.
        if (isUnsubscribePending(store, mail.row.send.clientId)) {
          rowUpdate(mail, 'skipped', 'unsubscribed');
          outcome.skipped += 1;
        } else if ('skip' in ready) {
          rowUpdate(mail, 'skipped', ready.skip);
          outcome.skipped += 1;
        } else if ('tooLarge' in ready) recordFailure(mail, null, ready.tooLarge, true);
        else recordFailure(mail, null, errorText(ready.error), false);
        continue;
      }
      if (journal.intents.length - ahead.size >= OPEN_INTENTS_LIMIT) {
        outcome.outOfTime = true;
        break;
      }
      const intent = intentOf(mail, ready.mail);
      journal.intents.push(intent);
      const placeholders = [...toDraft.map((item) => item.intent), intent].map((written): JournalEntry => ({
        campaignId: written.campaignId,
        clientId: written.clientId,
        draftId: placeholderId,
      }));
      // The batch's intents, and its entries after them, stay under Google's 9 KB per property.
      const bytes = journalBytes({ ...journal, entries: [...journal.entries, ...placeholders] });
      if (toDraft.length > 0 && bytes > JOURNAL_BYTES_LIMIT) {
        journal.intents.pop();
        break;
      }
      ahead.add(intent);
      const item = { mail, key, outgoing: ready.mail, intent };
      toDraft.push(item);
      batch.push(item);
      next += 1;
      taken += 1;
    }
    // The intents written before any draft exists; the rows waiting are written first when a chunk is due.
    if (updates.length >= SEND_CHUNK) flush();
    else if (toDraft.length > 0 && !stopped()) save();

    // Drafts, then all their entries in one write: a mail is never sent unless its draft is in the journal.
    const sendables: Sendable[] = [];
    let drafted = false;
    for (const item of batch) {
      if (!('outgoing' in item)) {
        sendables.push(item);
        continue;
      }
      if (stopped() || journal.intents.length - ahead.size >= OPEN_INTENTS_LIMIT) {
        if (!stopped()) outcome.outOfTime = true;
        break;
      }
      const started = Date.now();
      let draft: CreatedDraft;
      try {
        draft = createMailDraft(item.outgoing);
      } catch (error) {
        // The draft may exist all the same: its intent stays, and the next run deletes what it finds.
        ahead.delete(item.intent);
        recordFailure(item.mail, null, errorText(error), false);
        continue;
      }
      slowest.draft = Math.max(slowest.draft, Date.now() - started);
      ahead.delete(item.intent);
      journal.intents = journal.intents.filter((written) => written !== item.intent);
      const entry = { campaignId: item.intent.campaignId, clientId: item.mail.row.send.clientId, draftId: draft.id };
      journal.entries.push(entry);
      sendables.push({ mail: item.mail, key: item.key, entry, send: () => draft.send(), fresh: true });
      drafted = true;
    }
    if (drafted) save();

    let sentUpTo = 0;
    for (const [index, item] of sendables.entries()) {
      sentUpTo = index;
      if (stopped()) break;
      const now = Date.now();
      if (now + slowest.send + closingReserve > options.deadline) {
        outcome.outOfTime = true;
        break;
      }
      if (attempted > askedAt && attempted % CANCEL_CHECK_EVERY === 0 && cancelNow()) {
        cancelled = true;
        break;
      }
      attempted += 1;
      sentUpTo = index + 1;
      const { mail, entry, key } = item;
      // The last word before the mail leaves: an unsubscribe clicked minutes ago counts.
      if (isUnsubscribePending(store, mail.row.send.clientId)) {
        rowUpdate(mail, 'skipped', 'unsubscribed');
        outcome.skipped += 1;
        withdraw(entry);
        continue;
      }
      // The sent mail's thread, where replies and follow-ups are found; '' when only the drafts list says it went.
      let threadId = '';
      try {
        threadId = item.send();
      } catch (error) {
        // Was it sent? Gmail's list of drafts says (a sent draft is no longer one); the error's words don't.
        let drafts: Set<string> | null = null;
        try {
          drafts = listDraftIds();
        } catch {
          drafts = null;
        }
        if (drafts === null) {
          // Not known: the entry stays journaled and the next run settles it.
          outcome.retryLater += 1;
          uncounted += 1;
          if (uncounted >= UNCOUNTED_FAILURES_STOP) outcome.outOfTime = true;
          continue;
        }
        if (drafts.has(entry.draftId)) {
          let left: number | null = null;
          try {
            left = remainingMailQuota();
          } catch {
            left = null;
          }
          // Over quota: the draft and its entry stay, and this very draft goes out after the pause.
          if (left !== null && left <= options.reserve) {
            outcome.pause = { reason: 'quota', key: 'campaigns.pause.quota', params: { reserve: options.reserve } };
            break;
          }
          recordFailure(mail, entry, errorText(error), false);
          continue;
        }
      }
      slowest.send = Math.max(slowest.send, Date.now() - now);
      if (item.fresh) timed = true;
      rowUpdate(mail, 'sent', '', threadId);
      finished.push(entry);
      journal.sentCount += 1;
      delete journal.failures[key];
      outcome.sent += 1;
      outcome.streak = 0;
      uncounted = 0;
    }
    // Drafts of this batch a cancel or a pause stopped before are deleted; out of time (or with Gmail failing)
    // they stay journaled, and the next run sends these very drafts.
    if (cancelled || outcome.pause)
      for (const item of sendables.slice(sentUpTo)) if (item.fresh && !item.entry.withdrawn) withdraw(item.entry);
  }
  journal.intents = journal.intents.filter((intent) => !ahead.has(intent));
  if (!outcome.pause && !outcome.outOfTime && plan.pause) outcome.pause = plan.pause;
  const closing = options.closing;
  flush(closing && (() => closing(outcome)));
  return outcome;
}
