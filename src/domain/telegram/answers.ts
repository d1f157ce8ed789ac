// What a Bot API call came back with, and what the add-on does about it. Telegram answers
// `{ ok, result }` or `{ ok: false, error_code, description, parameters: { retry_after } }`.

/** One call's answer as the adapter hands it over: a JSON body with its HTTP code, or no answer at all. */
export type BotReply = { kind: 'answer'; status: number; body: string } | { kind: 'network'; message: string };

export type BotCallResult<T = unknown> =
  | { ok: true; result: T }
  | { ok: false; code: number; description: string; retryAfterSeconds: number | null }
  | { ok: false; code: 'network'; description: string; retryAfterSeconds: null };

export function readBotReply<T = unknown>(reply: BotReply): BotCallResult<T> {
  if (reply.kind === 'network')
    return { ok: false, code: 'network', description: reply.message, retryAfterSeconds: null };
  let body: unknown;
  try {
    body = JSON.parse(reply.body);
  } catch {
    return { ok: false, code: reply.status, description: reply.body.slice(0, 200), retryAfterSeconds: null };
  }
  const answer = (body ?? {}) as {
    ok?: unknown;
    result?: unknown;
    error_code?: unknown;
    description?: unknown;
    parameters?: { retry_after?: unknown };
  };
  if (answer.ok === true && reply.status < 400) return { ok: true, result: answer.result as T };
  const retryAfter = typeof answer.parameters?.retry_after === 'number' ? answer.parameters.retry_after : null;
  const code = typeof answer.error_code === 'number' ? answer.error_code : reply.status;
  return {
    ok: false,
    code,
    description: typeof answer.description === 'string' ? answer.description : '',
    retryAfterSeconds: retryAfter,
  };
}

/** What a sendMessage attempt means for the message and the client. */
export type SendOutcome =
  | { kind: 'sent'; messageId: number }
  /** 429: wait this long, then the same message may go again. */
  | { kind: 'wait'; seconds: number }
  /** 403: the client blocked the bot (or deleted the chat): unreachable on Telegram until they write again. */
  | { kind: 'unreachable'; description: string }
  /** Nothing came back, or Telegram failed (5xx): unknown whether it was delivered; try again in a later run. */
  | { kind: 'retryLater'; description: string }
  /** 400 and other refusals: this message will never go as it is. */
  | { kind: 'refused'; description: string };

export function sendOutcome(result: BotCallResult): SendOutcome {
  if (result.ok) {
    const messageId = (result.result as { message_id?: unknown } | null)?.message_id;
    return typeof messageId === 'number'
      ? { kind: 'sent', messageId }
      : { kind: 'retryLater', description: 'no message_id in the answer' };
  }
  if (result.code === 'network') return { kind: 'retryLater', description: result.description };
  if (result.code === 429) return { kind: 'wait', seconds: Math.max(1, result.retryAfterSeconds ?? 1) };
  if (result.code === 403) return { kind: 'unreachable', description: result.description };
  if (result.code >= 500) return { kind: 'retryLater', description: result.description };
  return { kind: 'refused', description: result.description };
}
