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
import { adoptLegacyJournal, journalHasDrafts, readJournal, writeJournal } from '../../services/send-journal';
import { currentAccount, readSendingAccount, recordSendingAccount } from '../../services/sending-account';
import { updateRows, type RowUpdate, type Table, type Workbook } from '../../sheets';
import { sendIdentity, type SendRow } from '../../sheets/campaigns';
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
}

type Prepared = { mail: OutgoingMail } | { skip: SkipReason } | { error: unknown } | { tooLarge: string };

/**
 * Sends the queued rows, exactly once each: per mail an intent, the draft, its journal entry, the send (the
 * next mail's intent rides on this mail's journal write); rows are written and the journal trimmed every
 * SEND_CHUNK mails and at the end. Every per-mail step is guarded: one recipient never stops the run. Run
 * settleJournal first.
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
  const save = (): void => writeJournal(store, mailbox, journal);

  const withdraw = (entry: JournalEntry): void => {
    entry.withdrawn = true;
  };
  const flush = (): void => {
    updateRows(book, 'sends', updates, options.sendsTable);
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
    updates.push(applyToRow(mail.row, { status: 'failed', reason, at: new Date() }));
    if (entry) withdraw(entry);
    outcome.failed += 1;
    if (definitive) return;
    const breaker = trackOutcome(outcome.streak, 'failed', options.settings);
    outcome.streak = breaker.streak;
    if (breaker.pause) outcome.pause = breaker.pause;
  };

  let uncounted = 0;
  const attachmentSizes = new Map<BlobSource, number>();
  const sizeOf = (blob: BlobSource): number => {
    if (!attachmentSizes.has(blob)) attachmentSizes.set(blob, blobBytes(blob));
    return attachmentSizes.get(blob) ?? 0;
  };
  const prepared = new Map<string, Prepared>();
  const prepare = (mail: QueuedMail): Prepared => {
    const key = keyOf(mail);
    const known = prepared.get(key);
    if (known) return known;
    let result: Prepared;
    try {
      const outgoing = mail.compose();
      // A mail that cannot be composed (no address) or filled (a field empty with no fallback) is skipped.
      if (!outgoing) result = { skip: 'invalidEmail' };
      else if ('skip' in outgoing) result = outgoing;
      else {
        const sizes = mailSizes(outgoing, sizeOf);
        const large = mailTooLarge(sizes.body, sizes.attachments);
        result = large ? { tooLarge: translate(locale, large.key, large.params) } : { mail: outgoing };
      }
    } catch (error) {
      result = { error };
    }
    prepared.set(key, result);
    return result;
  };
  const intentOf = (mail: QueuedMail, outgoing: OutgoingMail): DraftIntent => ({
    campaignId: journalCampaignId(mail.row.send),
    clientId: mail.row.send.clientId,
    email: outgoing.to,
    subject: outgoing.subject,
  });
  /**
   * The intent this run wrote for each mail. An earlier run's intent for the same recipient stays for settling
   * to clean up (its draft may exist, unjournaled, and is never sent); this run's draft gets its own.
   */
  const ownIntents = new Map<string, DraftIntent>();
  /** Intents written ahead for a mail whose turn has not come: dropped at the end if it never does. */
  const ahead = new Set<DraftIntent>();

  const closingReserve = options.closingReserveMs ?? 0;
  let slowestMail = 0;
  let mailStarted = Date.now();
  for (const [index, attempt] of attempts.entries()) {
    const now = Date.now();
    if (index > 0) slowestMail = Math.max(slowestMail, now - mailStarted);
    mailStarted = now;
    if (now + slowestMail + closingReserve > options.deadline) {
      outcome.outOfTime = true;
      break;
    }
    // Cancel skipped the queued rows in the sheet; this run's copy doesn't know: stop here.
    if (options.cancelled && index > 0 && index % CANCEL_CHECK_EVERY === 0 && options.cancelled()) break;
    const key = attempt.kind === 'sendDraft' ? recipientKey(attempt.entry) : recipientKey(attempt.recipient);
    const mail = byKey.get(key);
    if (!mail) continue;
    // The last word before the mail leaves: an unsubscribe clicked minutes ago counts.
    if (isUnsubscribePending(store, mail.row.send.clientId)) {
      updates.push(applyToRow(mail.row, { status: 'skipped', reason: 'unsubscribed', at: new Date() }));
      outcome.skipped += 1;
      if (attempt.kind === 'sendDraft') withdraw(attempt.entry);
      continue;
    }
    let entry: JournalEntry;
    let send: () => string;
    // The sent mail's thread, where replies and follow-ups are found; '' when only the drafts list says it went.
    let threadId = '';
    if (attempt.kind === 'sendDraft') {
      entry = attempt.entry;
      send = () => sendMailDraft(entry.draftId);
    } else {
      const ready = prepare(mail);
      if ('skip' in ready) {
        updates.push(applyToRow(mail.row, { status: 'skipped', reason: ready.skip, at: new Date() }));
        outcome.skipped += 1;
        continue;
      }
      if ('tooLarge' in ready) {
        recordFailure(mail, null, ready.tooLarge, true);
        continue;
      }
      if ('error' in ready) {
        recordFailure(mail, null, errorText(ready.error), false);
        if (outcome.pause || outcome.outOfTime) break;
        continue;
      }
      if (journal.intents.length - ahead.size >= OPEN_INTENTS_LIMIT && !ownIntents.has(key)) {
        outcome.outOfTime = true;
        break;
      }
      const intent = ownIntents.get(key) ?? intentOf(mail, ready.mail);
      ahead.delete(intent);
      if (!ownIntents.has(key)) {
        ownIntents.set(key, intent);
        journal.intents.push(intent);
        save();
      }
      let draft: CreatedDraft;
      try {
        draft = createMailDraft(ready.mail);
      } catch (error) {
        // The draft may exist all the same: its intent stays, and the next run deletes what it finds.
        recordFailure(mail, null, errorText(error), false);
        if (outcome.pause || outcome.outOfTime) break;
        continue;
      }
      journal.intents = journal.intents.filter((written) => written !== intent);
      entry = { campaignId: attempt.recipient.campaignId, clientId: mail.row.send.clientId, draftId: draft.id };
      journal.entries.push(entry);
      const next = attempts[index + 1];
      const nextMail = next?.kind === 'createAndSend' ? byKey.get(recipientKey(next.recipient)) : undefined;
      const nextKey = nextMail ? keyOf(nextMail) : '';
      if (nextMail && !ownIntents.has(nextKey)) {
        const nextReady = prepare(nextMail);
        if ('mail' in nextReady) {
          const nextIntent = intentOf(nextMail, nextReady.mail);
          ownIntents.set(nextKey, nextIntent);
          journal.intents.push(nextIntent);
          ahead.add(nextIntent);
        }
      }
      // Journaled before the send: a mail is never sent unless its draft can be found in the journal.
      save();
      send = () => draft.send();
    }
    try {
      threadId = send();
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
        if (uncounted >= UNCOUNTED_FAILURES_STOP) {
          outcome.outOfTime = true;
          break;
        }
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
        if (outcome.pause || outcome.outOfTime) break;
        if (updates.length >= SEND_CHUNK) flush();
        continue;
      }
    }
    updates.push(applyToRow(mail.row, { status: 'sent', reason: '', at: new Date(), threadId }));
    finished.push(entry);
    journal.sentCount += 1;
    delete journal.failures[key];
    outcome.sent += 1;
    outcome.streak = 0;
    uncounted = 0;
    if (updates.length >= SEND_CHUNK) flush();
  }
  journal.intents = journal.intents.filter((intent) => !ahead.has(intent));
  flush();
  if (!outcome.pause && !outcome.outOfTime && plan.pause) outcome.pause = plan.pause;
  return outcome;
}
