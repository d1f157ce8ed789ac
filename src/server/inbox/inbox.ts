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
  readInboxState,
  searchThreads,
  studioAddresses,
  writeInboxPosition,
  writeInboxState,
  type InboxMessage,
} from '../../services/inbox';
import { withLock, withSendLock } from '../../services/locks';
import { currentAccount, readSendingAccount } from '../../services/sending-account';
import { openWorkbook, type Workbook } from '../../sheets';
import { readInboxSettings } from '../../sheets/inbox';
import { applyInbox } from './apply';
import { runFollowUps } from './follow-ups';

/** The label staff see in Gmail on the delivery-failure notices the add-on has read. */
export const NOTICES_LABEL = 'Studio CRM/bounces';
/**
 * Wall time one hourly run may spend on the inbox, follow-up mails included: the hourly trigger shares its
 * 6 minutes with the campaign and automation steps after it.
 */
export const INBOX_BUDGET_MS = 45_000;

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
    let whole = true;
    for (const thread of page) {
      // Out of time inside a window: what was read is applied, the position stays; the next run reads it again.
      if (Date.now() >= deadline) {
        whole = false;
        break;
      }
      threadsRead += 1;
      for (const message of thread.messages())
        if (inWindow(current, message.date) && !studio.has(addressOf(message.from))) messages.push(message);
    }
    if (!whole) break;
    readUntil = current.until;
    window = current.until >= now ? null : firstWindow(current.until, now, settings.windowHours);
  }
  messages.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id.localeCompare(b.id));
  return { messages, readUntil, threadsRead };
}

/** How far behind now the read stops, so mail dated just before a run but not yet searchable is not passed by. */
const SETTLE_MS = 5 * 60_000;
/** Follow-up steps are days apart: an idle hour checks them only this long after the last check. */
const FOLLOW_UP_CHECK_MS = 6 * 3_600_000;

/**
 * Hourly: bounces, replies and client mail into the sheets, then follow-up steps. Skips the hour while a send
 * run holds the lock. An hour with no new mail, no request waiting for staff and follow-ups checked lately
 * opens no sheet (the hourly trigger shares its 6 minutes with the mail steps).
 */
export function runInboxHourly(openWorkbookOnce: () => Workbook = openWorkbook): void {
  let book: Workbook | null = null;
  // An hour that opened no sheet wrote none: nothing to flush at the lock's release.
  withSendLock(
    () => {
      const account = readSendingAccount() ?? currentAccount();
      // Only the sending account's Gmail holds the campaign threads; another account's run would read the wrong mail.
      if (account === '' || account.toLowerCase() !== currentAccount().toLowerCase()) return;
      const now = Date.now();
      const deadline = now + INBOX_BUDGET_MS;
      const openBook = (): Workbook => (book ??= openWorkbookOnce());
      const store = readInboxState();
      const studio = studioAddresses(account);
      // Mail is read up to a few minutes ago: a message shows in search a little after its date.
      const read = readNewMail(store.settings, studio, now - SETTLE_MS, deadline);
      const followUpsDue = now - store.followUpsCheckedAt >= FOLLOW_UP_CHECK_MS;
      if (read.messages.length === 0 && store.openEmailRequests === 0 && !followUpsDue) {
        if (read.readUntil !== null) writeInboxPosition(read.readUntil);
        if (!store.kept) writeInboxState(store);
        return;
      }
      const settings = readInboxSettings(openBook());
      const applied =
        read.messages.length === 0 && store.openEmailRequests === 0
          ? null
          : withLock('database', () =>
              applyInbox(openBook(), read.messages, {
                settings,
                studio,
                now: new Date(now),
                deadline: deadline,
              }),
            );
      labelThreads(
        read.messages.filter((m) => isDeliveryNotice(m.from, m.subject)).map((m) => m.threadId),
        NOTICES_LABEL,
      );
      // After the sheets were flushed (withLock flushes on release): a kill before this rereads, harmlessly.
      if (read.readUntil !== null) writeInboxPosition(read.readUntil);
      const followUps = runFollowUps(openBook(), openBook().locale, deadline);
      writeInboxState({
        settings,
        openEmailRequests: applied ? applied.openEmailRequests : store.openEmailRequests,
        followUpsCheckedAt: now,
      });
      console.log(
        `inbox: ${read.threadsRead} threads, ${read.messages.length} new messages, ${applied?.bounces ?? 0} bounces, ${applied?.replies ?? 0} replies, ${applied?.requests ?? 0} requests, ${applied?.answered ?? 0} answered; follow-ups ${followUps.sent} sent, ${followUps.skipped} skipped`,
      );
    },
    () => book !== null,
  );
}
