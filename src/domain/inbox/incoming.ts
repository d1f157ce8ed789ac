// What each new message in the studio's inbox is: a delivery failure, a client's reply to a mail we sent, a
// client's (or anyone's) new mail that staff must answer, or nothing for us; and when staff answered it.
import type { ClientRequest, Send } from '../types';

/** The bare address of `Name <a@b.c>` or `a@b.c`, lower case. */
export function addressOf(from: string): string {
  const angled = /<([^<>]+)>\s*$/.exec(from);
  return (angled?.[1] ?? from).trim().toLowerCase();
}

export interface IncomingMail {
  threadId: string;
  /** The From header as Gmail gives it. */
  from: string;
  subject: string;
  date: Date;
}

export type IncomingDecision =
  | { kind: 'notice' }
  /** A reply in the thread of these Sends rows (by index), from their client; it also becomes a request. */
  | { kind: 'reply'; clientId: string; sendIndexes: number[] }
  | { kind: 'request'; clientId: string }
  | { kind: 'ignore' };

export interface InboxContext {
  /** Known clients by address (lower case). */
  clientIdByEmail: ReadonlyMap<string, string>;
  /** Sends rows by the thread their mail went out in. */
  sendIndexesByThread: ReadonlyMap<string, readonly number[]>;
  sends: readonly Send[];
  /** The studio's own addresses: its mail in a thread is staff's, never a request. */
  studioAddresses: ReadonlySet<string>;
  requestsFromAnyone: boolean;
  isNotice(mail: IncomingMail): boolean;
}

export function decideIncoming(mail: IncomingMail, context: InboxContext): IncomingDecision {
  const address = addressOf(mail.from);
  if (context.studioAddresses.has(address)) return { kind: 'ignore' };
  if (context.isNotice(mail)) return { kind: 'notice' };
  const clientId = context.clientIdByEmail.get(address) ?? '';
  const inThread = (context.sendIndexesByThread.get(mail.threadId) ?? []).filter(
    (index) => addressOf(context.sends[index]?.email ?? '') === address,
  );
  if (inThread.length > 0)
    return {
      kind: 'reply',
      clientId: clientId || (context.sends[inThread[0] ?? 0]?.clientId ?? ''),
      sendIndexes: inThread,
    };
  if (clientId !== '') return { kind: 'request', clientId };
  return context.requestsFromAnyone ? { kind: 'request', clientId: '' } : { kind: 'ignore' };
}

/**
 * Whether a message of a thread needs a new request: not while a request on the thread is open, and not when
 * one was answered at or after the message (it was already covered). Running the step twice adds nothing.
 */
export function needsRequest(requests: readonly ClientRequest[], mail: IncomingMail): boolean {
  return !requests.some(
    (request) =>
      request.threadId === mail.threadId &&
      (request.answeredAt === null || request.answeredAt.getTime() >= mail.date.getTime()),
  );
}

export interface ThreadMessage {
  from: string;
  date: Date;
}

/** The time of the studio's first message in the thread after the request came in, or null. */
export function firstStaffAnswer(
  request: Pick<ClientRequest, 'receivedAt'>,
  messages: readonly ThreadMessage[],
  studioAddresses: ReadonlySet<string>,
): Date | null {
  let first: Date | null = null;
  for (const message of messages) {
    if (!studioAddresses.has(addressOf(message.from))) continue;
    if (message.date.getTime() <= request.receivedAt.getTime()) continue;
    if (first === null || message.date.getTime() < first.getTime()) first = message.date;
  }
  return first;
}

/** A request's summary: the subject without reply prefixes. */
export function requestSummary(subject: string): string {
  return subject.replace(/^((re|fwd?|ответ|на)\s*:\s*)+/i, '').trim() || '—';
}

/** Sends rows by the thread their mail went out in. */
export function sendIndexesByThread(sends: readonly Send[]): Map<string, number[]> {
  const byThread = new Map<string, number[]>();
  sends.forEach((send, index) => {
    if (!send.threadId) return;
    byThread.set(send.threadId, [...(byThread.get(send.threadId) ?? []), index]);
  });
  return byThread;
}
