// The send journal in script properties, one per mailbox: the [campaign, client, draft] entries between a draft
// and its Sends row, the intents written before createDraft, each recipient's failed attempts and how many mails
// Gmail sent (the protocol is in src/domain/campaigns/sending.ts). A run reads and settles only its own mailbox's
// journal: a draft id means nothing in another account's Gmail.
import { utf8Length, type DraftIntent, type JournalEntry, type RetryRecord } from '../domain/campaigns/sending';
import type { ScriptStore } from './properties';

const journalKey = (mailbox: string): string => `crm.sendJournal.${mailbox.toLowerCase()}`;

export interface MailboxJournal {
  entries: JournalEntry[];
  intents: DraftIntent[];
  /** By recipientKey. */
  failures: Record<string, RetryRecord>;
  /** Mails this mailbox has sent through the engine (a failure counts only when this grew since the last). */
  sentCount: number;
}

interface StoredJournal {
  e?: [string, string, string, 1?][];
  i?: [string, string, string, string][];
  f?: Record<string, [number, number, number]>;
  n?: number;
}

export function emptyJournal(): MailboxJournal {
  return { entries: [], intents: [], failures: {}, sentCount: 0 };
}

function parse(raw: string): MailboxJournal {
  const parsed = JSON.parse(raw) as StoredJournal | [string, string, string][];
  // The shape before journals were per mailbox: a bare list of entries.
  if (Array.isArray(parsed))
    return {
      ...emptyJournal(),
      entries: parsed.map(([campaignId, clientId, draftId]) => ({ campaignId, clientId, draftId })),
    };
  return {
    entries: (parsed.e ?? []).map(([campaignId, clientId, draftId, withdrawn]) =>
      withdrawn ? { campaignId, clientId, draftId, withdrawn: true } : { campaignId, clientId, draftId },
    ),
    intents: (parsed.i ?? []).map(([campaignId, clientId, email, subject]) => ({
      campaignId,
      clientId,
      email,
      subject,
    })),
    failures: Object.fromEntries(
      Object.entries(parsed.f ?? {}).map(([key, [attempts, at, sentBefore]]) => [key, { attempts, at, sentBefore }]),
    ),
    sentCount: parsed.n ?? 0,
  };
}

export function readJournal(store: ScriptStore, mailbox: string): MailboxJournal {
  const raw = store.getProperty(journalKey(mailbox));
  if (!raw) return emptyJournal();
  try {
    return parse(raw);
  } catch {
    console.error(`send journal unreadable: ${raw.slice(0, 200)}`);
    return emptyJournal();
  }
}

/** The single journal kept before journals were per mailbox; its drafts are in the sending account's Gmail. */
const LEGACY_JOURNAL_KEY = 'crm.sendJournal';

/** Moves a journal left by the previous version into the sending mailbox's (one property read when there is none). */
export function adoptLegacyJournal(store: ScriptStore, mailbox: string): void {
  const raw = store.getProperty(LEGACY_JOURNAL_KEY);
  if (!raw) return;
  try {
    const journal = readJournal(store, mailbox);
    journal.entries.push(...parse(raw).entries);
    writeJournal(store, mailbox, journal);
  } catch {
    console.error(`old send journal unreadable: ${raw.slice(0, 200)}`);
  }
  store.deleteProperty(LEGACY_JOURNAL_KEY);
}

function serialize(journal: MailboxJournal): string {
  const stored: StoredJournal = {};
  if (journal.entries.length > 0)
    stored.e = journal.entries.map((entry) =>
      entry.withdrawn
        ? [entry.campaignId, entry.clientId, entry.draftId, 1]
        : [entry.campaignId, entry.clientId, entry.draftId],
    );
  if (journal.intents.length > 0)
    stored.i = journal.intents.map((intent) => [intent.campaignId, intent.clientId, intent.email, intent.subject]);
  const failures = Object.entries(journal.failures);
  if (failures.length > 0)
    stored.f = Object.fromEntries(
      failures.map(([key, record]) => [key, [record.attempts, record.at, record.sentBefore]]),
    );
  if (journal.sentCount > 0) stored.n = journal.sentCount;
  return JSON.stringify(stored);
}

export function writeJournal(store: ScriptStore, mailbox: string, journal: MailboxJournal): void {
  store.setProperty(journalKey(mailbox), serialize(journal));
}

/**
 * Google keeps at most 9 KB per property value (guide "Quotas for Google Services"): a batch of intents
 * written at once is sized by this, counted in memory.
 */
export const JOURNAL_BYTES_LIMIT = 8 * 1024;

/** The journal's stored size in UTF-8 bytes, as writeJournal would write it. */
export function journalBytes(journal: MailboxJournal): number {
  return utf8Length(serialize(journal));
}

/** Whether anything waits to be settled: entries or intents (failures and the last send time alone do not). */
export function journalHasDrafts(journal: MailboxJournal): boolean {
  return journal.entries.length > 0 || journal.intents.length > 0;
}
