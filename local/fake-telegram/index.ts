// A fake Telegram Bot API (core.telegram.org/bots/api), in-process: tests and the playground route
// `https://api.telegram.org/` to it through the emulator's UrlFetchApp. It keeps Telegram's rules that
// matter to a bot: getUpdates' offset confirms and forgets, a chat exists only once its user wrote to the
// bot, a blocked bot gets 403, more than one message a second to a chat or 30 a second overall gets 429.
import { NetworkFailure, type HttpReply, type HttpRequest } from '../emulator/services/urlfetch';
import { parseTelegramHtml } from './entities';

export const TELEGRAM_ORIGIN = 'https://api.telegram.org/';
const MESSAGE_MAX_CHARS = 4096;
/** Telegram keeps an unconfirmed update for 24 hours. */
const UPDATE_KEPT_MS = 24 * 60 * 60 * 1000;

export interface FakeUser {
  id: number;
  firstName: string;
  username?: string;
  /** IETF tag the client's Telegram app reports, e.g. `ru` or `en`. */
  languageCode?: string;
}

export interface SentMessage {
  messageId: number;
  chatId: number;
  /** What the chat shows: HTML already rendered to text. */
  text: string;
  /** As the bot sent it. */
  rawText: string;
  parseMode: string | null;
  at: number;
}

interface Update {
  update_id: number;
  message: {
    message_id: number;
    from: { id: number; is_bot: false; first_name: string; username?: string; language_code?: string };
    chat: { id: number; type: 'private'; first_name: string; username?: string };
    date: number;
    text: string;
  };
}

/** A failure the next call of a method meets. */
export type InjectedFault =
  { kind: 'tooManyRequests'; retryAfter: number } | { kind: 'network' } | { kind: 'serverError' };

export interface FakeTelegramOptions {
  token: string;
  username: string;
  firstName?: string;
  /** The emulator's clock, so update dates and rate limits follow emulated time. */
  now(): number;
}

export function createFakeTelegram(options: FakeTelegramOptions) {
  const botId = Number(options.token.split(':')[0]) || 1;
  const started = new Map<number, FakeUser>();
  const blocked = new Set<number>();
  const queue: Array<{ update: Update; at: number }> = [];
  const sent: SentMessage[] = [];
  const written: Array<{ chatId: number; text: string; at: number }> = [];
  const faults: Array<{ method: string; fault: InjectedFault }> = [];
  let nextUpdateId = 700_000_001;
  let nextMessageId = 1;
  /** Delivery times, for the rate limits. */
  let deliveries: Array<{ chatId: number; at: number }> = [];

  const ok = (result: unknown): HttpReply => ({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ok: true, result }),
  });
  const fail = (code: number, description: string, parameters?: Record<string, number>): HttpReply => ({
    status: code,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) }),
  });

  /** Parameters from the query string, a form body or a JSON body, as the Bot API accepts all three. */
  function paramsOf(request: HttpRequest): Record<string, unknown> {
    const url = new URL(request.url);
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (request.payload !== null) {
      const type = (request.contentType ?? '').toLowerCase();
      if (type.startsWith('application/json')) {
        try {
          Object.assign(params, JSON.parse(request.payload));
        } catch {
          throw new Error('bad json');
        }
      } else Object.assign(params, Object.fromEntries(new URLSearchParams(request.payload)));
    }
    return params;
  }

  function getUpdates(params: Record<string, unknown>): HttpReply {
    const now = options.now();
    while (queue.length > 0 && (queue[0]?.at ?? 0) < now - UPDATE_KEPT_MS) queue.shift();
    const limit = params.limit === undefined ? 100 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, 'Bad Request: wrong limit');
    if (params.offset !== undefined) {
      const offset = Number(params.offset);
      if (!Number.isInteger(offset)) return fail(400, 'Bad Request: wrong offset');
      // A negative offset keeps the last -offset updates; a positive one confirms every update below it.
      if (offset < 0) queue.splice(0, Math.max(0, queue.length + offset));
      else while (queue.length > 0 && (queue[0]?.update.update_id ?? 0) < offset) queue.shift();
    }
    return ok(queue.slice(0, limit).map((entry) => entry.update));
  }

  function sendMessage(params: Record<string, unknown>): HttpReply {
    const chatId = Number(params.chat_id);
    const rawText = params.text === undefined ? '' : String(params.text);
    const parseMode = params.parse_mode === undefined ? null : String(params.parse_mode);
    if (!Number.isInteger(chatId) || !started.has(chatId)) return fail(400, 'Bad Request: chat not found');
    if (blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    let text = rawText;
    if (parseMode !== null) {
      if (parseMode !== 'HTML') return fail(400, `Bad Request: unsupported parse_mode`);
      const parsed = parseTelegramHtml(rawText);
      if (!parsed.ok) return fail(400, `Bad Request: can't parse entities: ${parsed.reason}`);
      text = parsed.text;
    }
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if (text.length > MESSAGE_MAX_CHARS) return fail(400, 'Bad Request: message is too long');
    const now = options.now();
    deliveries = deliveries.filter((d) => d.at > now - 1000);
    if (deliveries.length >= 30) return fail(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    if (deliveries.some((d) => d.chatId === chatId))
      return fail(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    deliveries.push({ chatId, at: now });
    const message: SentMessage = { messageId: nextMessageId++, chatId, text, rawText, parseMode, at: now };
    sent.push(message);
    const user = started.get(chatId);
    return ok({
      message_id: message.messageId,
      from: { id: botId, is_bot: true, first_name: options.firstName ?? options.username, username: options.username },
      chat: { id: chatId, type: 'private', first_name: user?.firstName ?? '' },
      date: Math.floor(now / 1000),
      text,
    });
  }

  /** The UrlFetchApp handler: route TELEGRAM_ORIGIN to it. */
  function handle(request: HttpRequest): HttpReply {
    const match = /^https:\/\/api\.telegram\.org\/bot([^/]+)\/(\w+)(\?.*)?$/.exec(request.url);
    if (!match) return fail(404, 'Not Found');
    const [, token, method = ''] = match;
    const faultAt = faults.findIndex((f) => f.method === method);
    if (faultAt >= 0) {
      const fault = faults.splice(faultAt, 1)[0]?.fault;
      if (fault?.kind === 'network') throw new NetworkFailure('connection reset');
      if (fault?.kind === 'serverError') return fail(502, 'Bad Gateway');
      return fail(429, `Too Many Requests: retry after ${fault?.retryAfter ?? 1}`, {
        retry_after: fault?.retryAfter ?? 1,
      });
    }
    if (token !== options.token) return fail(401, 'Unauthorized');
    let params: Record<string, unknown>;
    try {
      params = paramsOf(request);
    } catch {
      return fail(400, "Bad Request: can't parse JSON");
    }
    switch (method) {
      case 'getMe':
        return ok({
          id: botId,
          is_bot: true,
          first_name: options.firstName ?? options.username,
          username: options.username,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case 'getUpdates':
        return getUpdates(params);
      case 'sendMessage':
        return sendMessage(params);
      default:
        return fail(404, 'Not Found');
    }
  }

  return {
    handle,
    token: options.token,
    username: options.username,
    /** A user writes to the bot (pressing Start sends `/start <payload>`); the chat exists from now on. */
    userWrites(user: FakeUser, text: string): number {
      started.set(user.id, user);
      const from = {
        id: user.id,
        is_bot: false as const,
        first_name: user.firstName,
        ...(user.username ? { username: user.username } : {}),
        ...(user.languageCode ? { language_code: user.languageCode } : {}),
      };
      const update: Update = {
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          from,
          chat: {
            id: user.id,
            type: 'private',
            first_name: user.firstName,
            ...(user.username ? { username: user.username } : {}),
          },
          date: Math.floor(options.now() / 1000),
          text,
        },
      };
      queue.push({ update, at: options.now() });
      written.push({ chatId: user.id, text, at: options.now() });
      return update.update_id;
    },
    /** Seeding: a chat that already exists (its user wrote to the bot long ago), with no update pending. */
    seedChat(user: FakeUser): void {
      started.set(user.id, user);
    },
    /** The user blocks the bot: sends to them fail with 403 until they unblock. */
    block(chatId: number): void {
      blocked.add(chatId);
    },
    unblock(chatId: number): void {
      blocked.delete(chatId);
    },
    /** The next call of `method` meets `fault` (queued in order). */
    failNext(method: string, fault: InjectedFault): void {
      faults.push({ method, fault });
    },
    /** Messages the bot sent, oldest first; `chatId` narrows to one chat. */
    sent(chatId?: number): readonly SentMessage[] {
      return chatId === undefined ? sent : sent.filter((m) => m.chatId === chatId);
    },
    /** Updates not yet confirmed by an offset. */
    pendingUpdates: (): number => queue.length,
    chats: (): FakeUser[] => [...started.values()],
    /** One chat as its user sees it: what they wrote and what the bot sent, oldest first. */
    transcript(chatId: number): Array<{ from: 'user' | 'bot'; text: string; at: number }> {
      const mine = written
        .filter((m) => m.chatId === chatId)
        .map((m) => ({ from: 'user' as const, text: m.text, at: m.at }));
      const bots = sent
        .filter((m) => m.chatId === chatId)
        .map((m) => ({ from: 'bot' as const, text: m.text, at: m.at }));
      // Stable: at the same instant the user's message came first (the bot answers it).
      return [...mine, ...bots].sort((a, b) => a.at - b.at);
    },
  };
}

export type FakeTelegram = ReturnType<typeof createFakeTelegram>;

/** The token the fake accepts by default: paste it in the playground's Settings → Telegram. */
export const FAKE_BOT_TOKEN = '123456789:AAFakeTokenForTheStudioBot0000000000';

/** A fake bot wired into an emulator's UrlFetchApp. */
export function attachFakeTelegram(
  emu: { urlFetch: { route(prefix: string, handler: (r: HttpRequest) => HttpReply): void }; clock: { now(): number } },
  token = FAKE_BOT_TOKEN,
  username = 'studio_test_bot',
): FakeTelegram {
  const bot = createFakeTelegram({ token, username, now: () => emu.clock.now() });
  emu.urlFetch.route(TELEGRAM_ORIGIN, bot.handle);
  return bot;
}
