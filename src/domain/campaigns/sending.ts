// The pure half of exactly-once sending. The engine (src/services + src/server) does the Gmail and
// sheet work; every decision about what to send, resend, record or drop is made here.
//
// PROTOCOL, per batch of queued recipients, one execution at a time (the engine holds the script lock), in the
// sending account's mailbox only (its journal is its own: a draft id means nothing in another Gmail):
//   0. journal an intent { campaign, client, address, subject } for each, in one write
//   1. create a Gmail draft D for each (the handles are kept: no getDraft round trip)
//   2. journal { campaignId, clientId, draftId: D } for all of them durably, in one write, BEFORE any 3
//   3. send each D (Google: a sent draft is no longer among GmailApp.getDrafts())
//   4. mark the Sends rows `sent` (updateRows flushes under its lock), then remove their entries
// At the start of every run: list the mailbox's draft ids once, `reconcile` the journal, apply it (record,
// clear, delete drafts marked withdrawn first), delete unjournaled drafts matching an intent, then `planBatch`.
// "Was it sent?" is only ever answered by that list; an error's words are never read.
//
// CRASH POINTS (an execution can die anywhere: 6-minute limit, quota error, redeploy):
//   a. after 0 or 1, before 2: maybe unjournaled drafts; their rows are still queued with no entry, so the next
//      run finds the drafts by their intents, deletes them, and sends new ones. Only journaled drafts are ever sent.
//   b. after 2, before 3: the journaled draft is still listed → `retry`: the next run sends THAT draft and
//      never creates another for the recipient → one mail.
//   c. after 3, before 4: the journaled draft is gone → counted `sent` and `toRecord`: the row is marked
//      sent, nothing is sent again → one mail.
//   d. after 4's row write, before the journal entry is removed: draft gone and row already sent →
//      `sent` but not `toRecord`: the entry is just cleared → one mail.
//   e. a send that throws: the list of drafts decides (gone → sent; listed → not sent, retried; not listed
//      at all → left for the next run). The quota is read from getRemainingDailyQuota, never from words.
// FAILURES: every per-mail step is guarded; a failure counts against the recipient only when Gmail sent other
// mail since its last one, or hours later (`countFailure`), so an outage fails nobody; three counted failures
// record the row failed with Gmail's error (never a bounce: bounces come back as mail).
// Two rules make this airtight even if the engine slips: `planBatch` never creates a draft for a
// recipient with any journal entry, and only `reconcile`d entries are ever resent.
// THE ONE TRADE-OFF: a journaled draft deleted by hand looks sent. We would rather miss one mail than
// send two; staff see the row as sent and can resend by hand.
import type { MessageKey, MessageParams } from '../../i18n';
import type { ClientId, Send } from '../types';
import { DEFAULT_CAMPAIGN_SETTINGS, type CampaignSettings } from './settings';

export interface QueuedRecipient {
  campaignId: string;
  clientId: ClientId;
  email: string;
}

export interface JournalEntry {
  campaignId: string;
  clientId: ClientId;
  draftId: string;
  /** Never to be sent: its draft is being deleted (a skip or a failure), so its absence does not mean "sent". */
  withdrawn?: boolean;
}

/**
 * Written before createDraft: a run killed between createDraft and the journal write leaves a draft nobody
 * journaled; the next run finds it by this recipient address and subject (and no journal entry) and deletes it.
 * An intent with no such draft means the draft was never made: a draft is sent only once its id is journaled.
 */
export interface DraftIntent {
  campaignId: string;
  clientId: ClientId;
  email: string;
  subject: string;
}

/** A recipient's failed attempts so far, across runs. */
export interface RetryRecord {
  attempts: number;
  /** Epoch ms of the last counted failure. */
  at: number;
  /** The mailbox's count of sent mails at that failure. */
  sentBefore: number;
}

/** Counted failed attempts before a recipient is recorded failed. */
export const MAX_SEND_ATTEMPTS = 3;
/** A failure this long after the recipient's last one counts even if Gmail sent nothing in between. */
export const RETRY_SPACING_MS = 2 * 60 * 60_000;

/**
 * One more failure for a recipient. It counts when Gmail sent another mail since this recipient's last failure
 * (`sentCount`, the mailbox's sends so far, grew), or when that failure is RETRY_SPACING_MS old: failures while Gmail fails for everyone, minutes
 * apart, say nothing about the recipient, so a passing outage fails nobody for good, while an address Gmail keeps
 * refusing is recorded failed within hours. No error text is read: Google's wording is neither promised nor English.
 */
export function countFailure(
  previous: RetryRecord | undefined,
  now: number,
  sentCount: number,
): { record: RetryRecord; giveUp: boolean } {
  const counts = !previous || sentCount > previous.sentBefore || now - previous.at >= RETRY_SPACING_MS;
  if (!counts) return { record: previous, giveUp: false };
  const attempts = (previous?.attempts ?? 0) + 1;
  return { record: { attempts, at: now, sentBefore: sentCount }, giveUp: attempts >= MAX_SEND_ATTEMPTS };
}

/** Apps Script's per-message limits (guide "Quotas for Google Services"): body 200 KB, attachments 25 MB. */
export const MAIL_BODY_LIMIT_BYTES = 200 * 1024;
export const MAIL_ATTACHMENTS_LIMIT_BYTES = 25 * 1024 * 1024;

/** A text's length in UTF-8 bytes, counted in memory (no Apps Script call per mail). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Why a mail is too large to send, or null. */
export function mailTooLarge(
  bodyBytes: number,
  attachmentBytes: number,
): { key: MessageKey; params: MessageParams } | null {
  if (bodyBytes > MAIL_BODY_LIMIT_BYTES)
    return {
      key: 'campaigns.send.tooLarge',
      params: { size: Math.ceil(bodyBytes / 1024), limit: MAIL_BODY_LIMIT_BYTES / 1024 },
    };
  if (attachmentBytes > MAIL_ATTACHMENTS_LIMIT_BYTES)
    return {
      key: 'campaigns.send.attachmentsTooLarge',
      params: { size: Math.ceil(attachmentBytes / (1024 * 1024)), limit: MAIL_ATTACHMENTS_LIMIT_BYTES / (1024 * 1024) },
    };
  return null;
}

export function recipientKey(entry: { campaignId: string; clientId: ClientId }): string {
  return `${entry.campaignId}\u0000${entry.clientId}`;
}

export interface Reconciliation {
  /** Entries whose draft is gone: the mail went out. */
  sent: JournalEntry[];
  /** The part of `sent` whose Sends row is not marked sent yet: mark it, then clear the entry. */
  toRecord: JournalEntry[];
  /** Entries whose draft still exists and was never sent: send this very draft. */
  retry: JournalEntry[];
  /** Extra drafts for a recipient who already has a mail or a draft to retry: delete them, never send. */
  discard: JournalEntry[];
  /** Every recipient with a journal entry: never create a new draft for them. */
  journaled: ReadonlySet<string>;
}

/**
 * What each journal entry means after a crash. `recordedSent` holds `recipientKey`s whose Sends row
 * already says sent (crash point d, or staff marked it).
 */
export function reconcile(
  journal: readonly JournalEntry[],
  existingDraftIds: ReadonlySet<string>,
  recordedSent: ReadonlySet<string> = new Set(),
): Reconciliation {
  const byRecipient = new Map<string, JournalEntry[]>();
  const withdrawn = journal.filter((entry) => entry.withdrawn);
  for (const entry of journal) {
    if (entry.withdrawn) continue;
    const key = recipientKey(entry);
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), entry]);
  }
  const result: Reconciliation = {
    sent: [],
    toRecord: [],
    retry: [],
    discard: [],
    journaled: new Set(byRecipient.keys()),
  };
  // A withdrawn draft is deleted whether or not it is still there; it never counts as sent.
  result.discard.push(...withdrawn.filter((entry) => existingDraftIds.has(entry.draftId)));
  for (const [key, entries] of byRecipient) {
    const gone = entries.filter((entry) => !existingDraftIds.has(entry.draftId));
    const waiting = entries.filter((entry) => existingDraftIds.has(entry.draftId));
    const alreadyMailed = gone.length > 0 || recordedSent.has(key);
    result.sent.push(...gone);
    // However many drafts vanished, it is one recipient: record once.
    if (gone[0] && !recordedSent.has(key)) result.toRecord.push(gone[0]);
    if (alreadyMailed) result.discard.push(...waiting);
    else if (waiting[0]) {
      result.retry.push(waiting[0]);
      result.discard.push(...waiting.slice(1));
    }
  }
  return result;
}

export type Attempt =
  { kind: 'sendDraft'; entry: JournalEntry } | { kind: 'createAndSend'; recipient: QueuedRecipient };

export interface PauseDecision {
  reason: 'quota' | 'failures';
  key: MessageKey;
  params: MessageParams;
}

export interface BatchPlan {
  attempts: Attempt[];
  /** Retry drafts whose recipient is no longer queued (removed or cancelled): delete, never send. */
  orphanDrafts: JournalEntry[];
  /** Set when the quota (after the flows' reserve) ends the campaign's sending for today. */
  pause: PauseDecision | null;
  /** Recipients still waiting after this batch: more runs needed when > 0 and not paused. */
  waitingAfter: number;
}

/**
 * Who to attempt in this run: drafts to retry first, then fresh recipients in queue order, at most
 * `min(remainingQuota − reserve, budget)`. `budget` is how many mails fit in this execution's time;
 * running out of budget just means another run, running out of quota pauses the campaign.
 * Recipients with any journal entry are never given a new draft.
 */
export function planBatch(
  queue: readonly QueuedRecipient[],
  journal: Reconciliation,
  remainingQuota: number,
  reserve: number,
  budget: number,
): BatchPlan {
  const quotaForCampaign = Math.max(0, Math.floor(remainingQuota) - Math.max(0, reserve));
  const allowance = Math.max(0, Math.min(quotaForCampaign, Math.floor(budget)));
  const queued = new Set(queue.map(recipientKey));
  const retries = journal.retry.filter((entry) => queued.has(recipientKey(entry)));
  const orphanDrafts = journal.retry.filter((entry) => !queued.has(recipientKey(entry)));
  const seen = new Set<string>();
  const fresh = queue.filter((recipient) => {
    const key = recipientKey(recipient);
    // A recipient listed twice in the queue is attempted once.
    const first = !seen.has(key);
    seen.add(key);
    return first && !journal.journaled.has(key);
  });
  const candidates: Attempt[] = [
    ...retries.map((entry): Attempt => ({ kind: 'sendDraft', entry })),
    ...fresh.map((recipient): Attempt => ({ kind: 'createAndSend', recipient })),
  ];
  const attempts = candidates.slice(0, allowance);
  const waitingAfter = candidates.length - attempts.length;
  const quotaBound = waitingAfter > 0 && quotaForCampaign <= budget;
  return {
    attempts,
    orphanDrafts,
    pause: quotaBound ? { reason: 'quota', key: 'campaigns.pause.quota', params: { reserve } } : null,
    waitingAfter,
  };
}

export type SendOutcome = 'sent' | 'failed';

/**
 * The failure breaker, one outcome at a time: `breakerFailures` failures in a row pause the campaign.
 * A quota error is not a failure (the engine pauses for quota instead); a success resets the streak.
 */
export function trackOutcome(
  streak: number,
  outcome: SendOutcome,
  settings: CampaignSettings = DEFAULT_CAMPAIGN_SETTINGS,
): { streak: number; pause: PauseDecision | null } {
  const next = outcome === 'failed' ? streak + 1 : 0;
  const tripped = next >= settings.breakerFailures;
  return {
    streak: next,
    pause: tripped ? { reason: 'failures', key: 'campaigns.pause.failures', params: { count: next } } : null,
  };
}

/**
 * The failures in a row at the end of a campaign's Sends, so the next run continues the count.
 * When staff resume a campaign the breaker paused, the engine starts from 0 instead.
 */
export function failureStreak(campaignId: string, sends: readonly Send[]): number {
  const outcomes = sends
    .filter((send) => send.campaignId === campaignId && (send.status === 'sent' || send.status === 'failed') && send.at)
    .sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
  let streak = 0;
  for (const send of outcomes) streak = send.status === 'failed' ? streak + 1 : 0;
  return streak;
}
