// The send engine's Apps Script half: the per-mail journal in script properties, settling it after an
// interrupted run, and sending a queue of Sends rows. The protocol and every decision about what to
// send, resend or drop are in src/domain/campaigns/sending.ts (read its header first).
import { BOUNCE_REASON } from '../../domain/campaigns/exclusions';
import {
  planBatch,
  reconcile,
  recipientKey,
  trackOutcome,
  type JournalEntry,
  type PauseDecision,
  type QueuedRecipient,
} from '../../domain/campaigns/sending';
import type { CampaignSettings } from '../../domain/campaigns/settings';
import type { Send } from '../../domain/types';
import {
  createMailDraft,
  deleteMailDraft,
  isQuotaError,
  isServiceError,
  mailDraftExists,
  remainingMailQuota,
  sendMailDraft,
  type OutgoingMail,
} from '../../services/mailer';
import type { ScriptStore } from '../../services/properties';
import { readJournal, writeJournal } from '../../services/send-journal';
import { updateRows, type RowUpdate, type RowValues, type Table, type Workbook } from '../../sheets';
import { sendIdentity, type SendRow } from '../../sheets/campaigns';
import { isUnsubscribePending } from '../../services/unsubscribe-requests';

/** Rows written and the journal trimmed every this many mails: keeps the journal far below 9 KB. */
export const SEND_CHUNK = 40;
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
 * Before anything else in a run: what the journal of an interrupted run means. Mails whose draft is
 * gone went out (their rows become sent); drafts of recipients no longer queued are dropped; drafts
 * still to send stay journaled for sendQueue. `sends` is updated in place.
 */
export function settleJournal(book: Workbook, store: ScriptStore, sends: SendRow[], sendsTable?: Table): void {
  const journal = readJournal(store);
  if (journal.length === 0) return;
  const existing = new Set(journal.filter((entry) => mailDraftExists(entry.draftId)).map((entry) => entry.draftId));
  const byKey = rowsByRecipient(sends);
  const recordedSent = new Set([...byKey].filter(([, row]) => row.send.status === 'sent').map(([key]) => key));
  const settled = reconcile(journal, existing, recordedSent);
  const now = new Date();
  const updates: RowUpdate[] = [];
  for (const entry of settled.toRecord) {
    const row = byKey.get(recipientKey(entry));
    if (row) updates.push(applyToRow(row, { status: 'sent', reason: '', at: now }));
  }
  const orphans = settled.retry.filter((entry) => byKey.get(recipientKey(entry))?.send.status !== 'queued');
  const keep = settled.retry.filter((entry) => !orphans.includes(entry));
  updateRows(book, 'sends', updates, sendsTable);
  // Entries leave the journal before their drafts are deleted: a deleted journaled draft would read as sent.
  writeJournal(store, keep);
  for (const entry of [...settled.discard, ...orphans]) deleteMailDraft(entry.draftId);
}

export interface QueuedMail {
  row: SendRow;
  /** The mail for this recipient, or null when it can no longer be written (the client is gone). */
  compose(): OutgoingMail | null;
}

export interface QueueOutcome {
  sent: number;
  failed: number;
  skipped: number;
  /** Why sending stopped for the day or for good (quota, failures in a row), or null. */
  pause: PauseDecision | null;
  /** Stopped at the deadline with mails left: another run continues. */
  outOfTime: boolean;
  streak: number;
}

export interface QueueOptions {
  /** Mails of the remaining quota to leave unused (for the automated flows). */
  reserve: number;
  /** Epoch ms after which no new mail is started. */
  deadline: number;
  /** Failures in a row before this run (the breaker continues the count). */
  streak: number;
  settings: CampaignSettings;
  /** Whether staff cancelled meanwhile; asked every CANCEL_CHECK_EVERY mails. */
  cancelled?: () => boolean;
  /** The Sends sheet as this run read it: each chunk's rows are found in it, not in a fresh read. */
  sendsTable?: Table;
}

/**
 * Sends the queued rows, exactly once each: per mail a draft, its journal entry, the send; rows are
 * written and the journal trimmed every SEND_CHUNK mails and at the end. Run settleJournal first.
 */
export function sendQueue(
  book: Workbook,
  store: ScriptStore,
  queue: readonly QueuedMail[],
  options: QueueOptions,
): QueueOutcome {
  const journal = readJournal(store);
  const recipients: QueuedRecipient[] = queue.map((mail) => ({
    campaignId: journalCampaignId(mail.row.send),
    clientId: mail.row.send.clientId,
    email: mail.row.send.email,
  }));
  const byKey = new Map(
    queue.map((mail) => [
      recipientKey({ campaignId: journalCampaignId(mail.row.send), clientId: mail.row.send.clientId }),
      mail,
    ]),
  );
  const journaled = reconcile(journal, new Set(journal.map((entry) => entry.draftId)));
  const plan = planBatch(
    recipients,
    journaled,
    remainingMailQuota(),
    options.reserve,
    recipients.length + journal.length,
  );
  const outcome: QueueOutcome = {
    sent: 0,
    failed: 0,
    skipped: 0,
    pause: null,
    outOfTime: false,
    streak: options.streak,
  };
  let updates: RowUpdate[] = [];
  let finished: JournalEntry[] = [];
  let failedDrafts: string[] = [];

  const flush = (): void => {
    updateRows(book, 'sends', updates, options.sendsTable);
    const done = new Set(finished);
    const left = journal.filter((entry) => !done.has(entry));
    journal.splice(0, journal.length, ...left);
    if (finished.length > 0) writeJournal(store, journal);
    for (const draftId of failedDrafts) deleteMailDraft(draftId);
    updates = [];
    finished = [];
    failedDrafts = [];
  };

  for (const [index, attempt] of plan.attempts.entries()) {
    if (Date.now() > options.deadline) {
      outcome.outOfTime = true;
      break;
    }
    // Cancel skipped the queued rows in the sheet; this run's copy doesn't know: stop here.
    if (options.cancelled && index > 0 && index % CANCEL_CHECK_EVERY === 0 && options.cancelled()) break;
    const key = attempt.kind === 'sendDraft' ? recipientKey(attempt.entry) : recipientKey(attempt.recipient);
    const mail = byKey.get(key);
    if (!mail) continue;
    const clientId = mail.row.send.clientId;
    // The last word before the mail leaves: an unsubscribe clicked minutes ago counts.
    if (isUnsubscribePending(store, clientId)) {
      updates.push(applyToRow(mail.row, { status: 'skipped', reason: 'unsubscribed', at: new Date() }));
      outcome.skipped += 1;
      if (attempt.kind === 'sendDraft') {
        finished.push(attempt.entry);
        failedDrafts.push(attempt.entry.draftId);
      }
      continue;
    }
    let entry: JournalEntry;
    if (attempt.kind === 'sendDraft') entry = attempt.entry;
    else {
      const outgoing = mail.compose();
      if (!outgoing) {
        updates.push(applyToRow(mail.row, { status: 'skipped', reason: 'invalidEmail', at: new Date() }));
        outcome.skipped += 1;
        continue;
      }
      entry = { campaignId: attempt.recipient.campaignId, clientId, draftId: createMailDraft(outgoing) };
      journal.push(entry);
      writeJournal(store, journal);
    }
    try {
      const threadId = sendMailDraft(entry.draftId);
      updates.push(applyToRow(mail.row, { status: 'sent', reason: '', at: new Date(), threadId }));
      finished.push(entry);
      outcome.sent += 1;
      outcome.streak = 0;
    } catch (error) {
      // Over quota: the draft and its entry stay, and this very draft goes out after the pause.
      if (isQuotaError(error)) {
        outcome.pause = { reason: 'quota', key: 'campaigns.pause.quota', params: { reserve: options.reserve } };
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      const reason = isServiceError(error) ? message : `${BOUNCE_REASON}: ${message}`;
      updates.push(applyToRow(mail.row, { status: 'failed', reason, at: new Date() }));
      finished.push(entry);
      failedDrafts.push(entry.draftId);
      outcome.failed += 1;
      const breaker = trackOutcome(outcome.streak, 'failed', options.settings);
      outcome.streak = breaker.streak;
      if (breaker.pause) {
        outcome.pause = breaker.pause;
        break;
      }
    }
    if (updates.length >= SEND_CHUNK) flush();
  }
  flush();
  if (!outcome.pause && !outcome.outOfTime && plan.pause) outcome.pause = plan.pause;
  return outcome;
}
