// A Telegram broadcast's journal: one state per recipient, written before and after each send.
// Telegram has no idempotency key, so the journal keeps the unknown window to one message: a recipient is
// marked in flight before the send and gets its message id after it. A run cut off in between leaves it in
// flight; the next run sends it again: at most one duplicate per cut, and only of the message in flight.
import type { Locale } from '../types';
import type { SendOutcome } from './answers';

/** `p` pending, `w` in flight, `m<id>` sent with Telegram's message id, `u` unreachable (403), `s` skipped. */
export type RecipientState = 'p' | 'w' | `m${number}` | 'u' | 's';

/** Recipients per script property: a value holds at most 9 KB, and each send rewrites only its chunk. */
export const CHUNK_SIZE = 150;

export interface BroadcastTexts {
  ru: string;
  en: string;
}

export interface BroadcastHeader {
  id: string;
  texts: BroadcastTexts;
  createdAt: number;
  chunks: number;
}

export interface BroadcastClient {
  id: string;
  chatId: string | null;
  linkedAt: Date | null;
  unreachableAt: Date | null;
  unsubscribedAt: Date | null;
  locale: Locale | null;
  /** The Clients column: `email`, `telegram`, `both`, or '' (both). */
  preferredChannel: string;
}

/**
 * Linked clients who agreed to messages there (linking is that consent), not unsubscribed, not unreachable,
 * and who did not choose email as their channel.
 */
export function broadcastRecipients(clients: readonly BroadcastClient[]): string[] {
  return clients
    .filter((c) => c.chatId && c.linkedAt && !c.unreachableAt && !c.unsubscribedAt && c.preferredChannel !== 'email')
    .map((c) => c.id);
}

export function chunkRecipients(clientIds: readonly string[]): Array<Record<string, RecipientState>> {
  const chunks: Array<Record<string, RecipientState>> = [];
  clientIds.forEach((id, index) => {
    const chunk = (chunks[Math.floor(index / CHUNK_SIZE)] ??= {});
    chunk[id] = 'p';
  });
  return chunks;
}

/** The next recipient to send to: one left in flight by a cut-off run first (it may not have gone), then pending. */
export function nextRecipient(
  chunks: ReadonlyArray<Readonly<Record<string, RecipientState>>>,
): { chunk: number; clientId: string } | null {
  for (const wanted of ['w', 'p'] as const) {
    for (let chunk = 0; chunk < chunks.length; chunk++) {
      for (const [clientId, state] of Object.entries(chunks[chunk] ?? {}))
        if (state === wanted) return { chunk, clientId };
    }
  }
  return null;
}

/** The state after a send, and whether the run goes on: a 429 or an unknown outcome stops it for a later run. */
export function stateAfter(outcome: SendOutcome): { state: RecipientState; goOn: boolean } {
  switch (outcome.kind) {
    case 'sent':
      return { state: `m${outcome.messageId}`, goOn: true };
    case 'unreachable':
      return { state: 'u', goOn: true };
    case 'refused':
      return { state: 's', goOn: true };
    case 'wait':
      // Not delivered: pending again, sent when the wait is over.
      return { state: 'p', goOn: false };
    case 'retryLater':
      // Perhaps delivered: sent again next run, the one other way to a duplicate (docs/telegram.md).
      return { state: 'p', goOn: false };
  }
}

export interface BroadcastProgress {
  total: number;
  sent: number;
  unreachable: number;
  skipped: number;
  waiting: number;
}

export function broadcastProgress(chunks: ReadonlyArray<Readonly<Record<string, RecipientState>>>): BroadcastProgress {
  const progress: BroadcastProgress = { total: 0, sent: 0, unreachable: 0, skipped: 0, waiting: 0 };
  for (const chunk of chunks) {
    for (const state of Object.values(chunk)) {
      progress.total += 1;
      if (state.startsWith('m')) progress.sent += 1;
      else if (state === 'u') progress.unreachable += 1;
      else if (state === 's') progress.skipped += 1;
      else progress.waiting += 1;
    }
  }
  return progress;
}

export function textFor(texts: BroadcastTexts, locale: Locale | null, studioLocale: Locale): string {
  return (locale ? texts[locale] : '') || texts[studioLocale] || texts.ru || texts.en;
}
