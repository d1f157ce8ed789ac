// Incoming updates (getUpdates) read into what the add-on acts on, and the offset that confirms them.
// Only private text messages matter: `/start <token>` links a chat, anything else is a client writing.

export interface IncomingText {
  updateId: number;
  chatId: string;
  firstName: string;
  /** IETF tag from the user's Telegram app (`ru`, `en-US`), when it says. */
  languageCode: string | null;
  text: string;
  at: Date;
}

export type UpdateAction =
  | { kind: 'link'; message: IncomingText; token: string }
  | { kind: 'start'; message: IncomingText }
  | { kind: 'message'; message: IncomingText }
  | { kind: 'ignore'; updateId: number };

/** Reads getUpdates' `result` defensively: whatever is not a private text message is ignored, never thrown. */
export function readUpdates(result: unknown): UpdateAction[] {
  if (!Array.isArray(result)) return [];
  const actions: UpdateAction[] = [];
  for (const raw of result as unknown[]) {
    const update = (raw ?? {}) as {
      update_id?: unknown;
      message?: {
        chat?: { id?: unknown; type?: unknown };
        from?: { first_name?: unknown; language_code?: unknown; is_bot?: unknown };
        text?: unknown;
        date?: unknown;
      };
    };
    if (typeof update.update_id !== 'number') continue;
    const message = update.message;
    if (
      !message ||
      message.chat?.type !== 'private' ||
      typeof message.text !== 'string' ||
      typeof message.chat.id !== 'number' ||
      message.from?.is_bot === true
    ) {
      actions.push({ kind: 'ignore', updateId: update.update_id });
      continue;
    }
    const incoming: IncomingText = {
      updateId: update.update_id,
      chatId: String(message.chat.id),
      firstName: typeof message.from?.first_name === 'string' ? message.from.first_name : '',
      languageCode: typeof message.from?.language_code === 'string' ? message.from.language_code : null,
      text: message.text,
      at: new Date(typeof message.date === 'number' ? message.date * 1000 : 0),
    };
    const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(message.text);
    if (start)
      actions.push(
        start[1] ? { kind: 'link', message: incoming, token: start[1] } : { kind: 'start', message: incoming },
      );
    else actions.push({ kind: 'message', message: incoming });
  }
  return actions.sort((a, b) => updateIdOf(a) - updateIdOf(b));
}

export function updateIdOf(action: UpdateAction): number {
  return action.kind === 'ignore' ? action.updateId : action.message.updateId;
}

/** The offset that confirms everything handled: one above the highest update id, never moving back. */
export function nextOffset(current: number, handled: readonly UpdateAction[]): number {
  return handled.reduce((offset, action) => Math.max(offset, updateIdOf(action) + 1), current);
}

/** A client's open request on Telegram to join, else null (a new one is made): the latest unanswered. */
export function openRequestToJoin<
  R extends { clientId: string; channel: string; answeredAt: Date | null; receivedAt: Date },
>(requests: readonly R[], clientId: string): R | null {
  let latest: R | null = null;
  for (const request of requests) {
    if (request.clientId !== clientId || request.channel !== 'telegram' || request.answeredAt) continue;
    if (!latest || request.receivedAt.getTime() > latest.receivedAt.getTime()) latest = request;
  }
  return latest;
}
