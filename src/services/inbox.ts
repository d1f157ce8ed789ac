// The one adapter over the studio's Gmail inbox: searching new mail, reading a thread, labelling what was
// read, and the position the hourly step has read up to. Sending stays in mailer.ts.
import { DEFAULT_INBOX_SETTINGS, type InboxSettings } from '../domain/inbox/settings';
import { readJsonProperty, writeJsonProperty } from './properties';

export interface InboxMessage {
  id: string;
  threadId: string;
  from: string;
  subject: string;
  date: Date;
  /** Headers and the raw message cost a call each: read only for delivery-failure notices. */
  failedRecipients(): string;
  raw(): string;
}

function messageOf(message: GoogleAppsScript.Gmail.GmailMessage, threadId: string): InboxMessage {
  return {
    id: message.getId(),
    threadId,
    from: message.getFrom(),
    subject: message.getSubject(),
    date: new Date(message.getDate().getTime()),
    failedRecipients: () => message.getHeader('X-Failed-Recipients'),
    raw: () => message.getRawContent(),
  };
}

/** One page of threads with a message matching `query` (one call); each thread's messages are read on demand. */
export function searchThreads(query: string, max: number): Array<{ messages(): InboxMessage[] }> {
  return GmailApp.search(query, 0, max).map((thread) => ({
    messages: () => {
      const id = thread.getId();
      return thread.getMessages().map((message) => messageOf(message, id));
    },
  }));
}

/** A thread's messages (sender and date), or null when this account has no such thread. */
export function threadMessages(threadId: string): Array<{ from: string; date: Date }> | null {
  let thread: GoogleAppsScript.Gmail.GmailThread | null;
  try {
    // Typed as never null; Google does not promise that.
    thread = GmailApp.getThreadById(threadId);
  } catch {
    // Google does not document the answer for an unknown id; the emulator throws.
    return null;
  }
  if (!thread) return null;
  return thread
    .getMessages()
    .map((message) => ({ from: message.getFrom(), date: new Date(message.getDate().getTime()) }));
}

/** Adds the label (made on first use) to the threads, so staff see in Gmail what the add-on has read. */
export function labelThreads(threadIds: readonly string[], labelName: string): void {
  if (threadIds.length === 0) return;
  // Null before the label exists, whatever the type declarations say.
  const existing = GmailApp.getUserLabelByName(labelName) as GoogleAppsScript.Gmail.GmailLabel | null;
  const label = existing ?? GmailApp.createLabel(labelName);
  for (const id of threadIds) {
    try {
      GmailApp.getThreadById(id).addLabel(label);
    } catch (error) {
      console.warn(`could not label thread ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Every address the sending account may send from (its own and its aliases), lower case. */
export function studioAddresses(account: string): Set<string> {
  return new Set([account, ...GmailApp.getAliases()].map((address) => address.trim().toLowerCase()));
}

const POSITION_KEY = 'crm.inbox.position';

/** Epoch ms up to which the inbox has been read, or null before the first run. */
export function readInboxPosition(): number | null {
  const position = readJsonProperty<number | null>(POSITION_KEY, null);
  return typeof position === 'number' && Number.isFinite(position) ? position : null;
}

export function writeInboxPosition(position: number): void {
  writeJsonProperty(POSITION_KEY, position);
}

const STATE_KEY = 'crm.inbox.state';

/** What an idle hour needs without opening the workbook: the last settings read, the open email requests, the last follow-up check. */
export interface InboxState {
  settings: InboxSettings;
  /** Email requests (with a thread) still waiting for staff; only this step makes them, so none at first. */
  openEmailRequests: number;
  /** Epoch ms of the last follow-up check; the first run counts as one, so a fresh install checks 6 h later. */
  followUpsCheckedAt: number;
  /** False before the first run stored it. */
  kept?: boolean;
}

export function readInboxState(): InboxState {
  const stored = readJsonProperty<Partial<InboxState>>(STATE_KEY, {});
  return {
    settings: { ...DEFAULT_INBOX_SETTINGS, ...(stored.settings ?? {}) },
    openEmailRequests: typeof stored.openEmailRequests === 'number' ? stored.openEmailRequests : 0,
    followUpsCheckedAt: typeof stored.followUpsCheckedAt === 'number' ? stored.followUpsCheckedAt : Date.now(),
    kept: typeof stored.followUpsCheckedAt === 'number',
  };
}

export function writeInboxState(state: InboxState): void {
  const { kept: _kept, ...stored } = state;
  writeJsonProperty(STATE_KEY, stored);
}
