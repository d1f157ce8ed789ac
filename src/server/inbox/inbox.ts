// The hourly inbox step: reads the mail that came in since the stored position, window by window within a
// budget, and hands each message to what it is (a delivery failure, a reply, a request); then checks open
// email requests for staff's answer in their thread. Every write is idempotent, so a run killed anywhere
// and run again changes nothing twice; the position moves only after the sheets are written.
import { addressOf } from '../../domain/inbox/incoming';
import { isDeliveryNotice } from '../../domain/inbox/dsn';
import { firstWindow, inWindow, narrower, windowQuery, type MailWindow } from '../../domain/inbox/window';
import type { InboxSettings } from '../../domain/inbox/settings';
import {
  labelThreads,
  readInboxPosition,
  searchThreads,
  studioAddresses,
  writeInboxPosition,
  type InboxMessage,
} from '../../services/inbox';
import { withLock, withSendLock } from '../../services/locks';
import { currentAccount, readSendingAccount } from '../../services/sending-account';
import { openWorkbook } from '../../sheets';
import { readInboxSettings } from '../../sheets/inbox';
import { applyInbox } from './apply';
import { runFollowUps } from './follow-ups';

/** The label staff see in Gmail on the delivery-failure notices the add-on has read. */
export const NOTICES_LABEL = 'Studio CRM/bounces';
/** Wall time one hourly run may spend reading mail (the hourly trigger shares its 6 minutes). */
export const INBOX_BUDGET_MS = 60_000;
/** Wall time the follow-up mails may take after it. */
export const FOLLOW_UP_BUDGET_MS = 60_000;

export interface InboxRead {
  messages: InboxMessage[];
  /** Where the position may move: the end of the last window read whole, or null when nothing was. */
  readUntil: number | null;
  threadsRead: number;
}

/** New mail of the windows this run can afford, oldest first; the studio's own mail left out. */
export function readNewMail(
  settings: InboxSettings,
  studio: ReadonlySet<string>,
  now: number,
  deadline: number,
): InboxRead {
  const messages: InboxMessage[] = [];
  let readUntil: number | null = null;
  let threadsRead = 0;
  let window: MailWindow | null = firstWindow(readInboxPosition(), now, settings.windowHours);
  while (window && window.until > window.after && threadsRead < settings.threadsPerRun && Date.now() < deadline) {
    const budget = settings.threadsPerRun - threadsRead;
    const threads = searchThreads(windowQuery(window), budget + 1);
    if (threads.length > budget) {
      const smaller = narrower(window);
      // A minute with more threads than the budget: read it whole at Gmail's page size rather than stall.
      if (smaller) {
        window = smaller;
        continue;
      }
    }
    const current: MailWindow = window;
    const page = threads.length > budget ? searchThreads(windowQuery(current), 500) : threads;
    threadsRead += page.length;
    for (const thread of page)
      for (const message of thread.messages)
        if (inWindow(current, message.date) && !studio.has(addressOf(message.from))) messages.push(message);
    readUntil = current.until;
    window = current.until >= now ? null : firstWindow(current.until, now, settings.windowHours);
  }
  messages.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id.localeCompare(b.id));
  return { messages, readUntil, threadsRead };
}

/** Hourly: bounces, replies and client mail into the sheets. Skips the hour while a send run holds the lock. */
export function runInboxHourly(): void {
  withSendLock(() => {
    const book = openWorkbook();
    const settings = readInboxSettings(book);
    const account = readSendingAccount() ?? currentAccount();
    // Only the sending account's Gmail holds the campaign threads; another account's run would read the wrong mail.
    if (account === '' || account.toLowerCase() !== currentAccount().toLowerCase()) return;
    const studio = studioAddresses(account);
    const now = Date.now();
    const read = readNewMail(settings, studio, now, now + INBOX_BUDGET_MS);
    const applied = withLock('database', () =>
      applyInbox(book, read.messages, { settings, studio, now: new Date(now), deadline: now + INBOX_BUDGET_MS }),
    );
    labelThreads(
      read.messages.filter((m) => isDeliveryNotice(m.from, m.subject)).map((m) => m.threadId),
      NOTICES_LABEL,
    );
    // After the sheets were flushed (withLock flushes on release): a kill before this rereads, harmlessly.
    if (read.readUntil !== null) writeInboxPosition(read.readUntil);
    const followUps = runFollowUps(book, book.locale, now + INBOX_BUDGET_MS + FOLLOW_UP_BUDGET_MS);
    console.log(
      `inbox: ${read.threadsRead} threads, ${read.messages.length} new messages, ${applied.bounces} bounces, ${applied.replies} replies, ${applied.requests} requests, ${applied.answered} answered; follow-ups ${followUps.sent} sent, ${followUps.skipped} skipped`,
    );
  });
}
