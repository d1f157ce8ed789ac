// What a batch of incoming updates does to the database: chats bound, requests made or joined, and the
// short answers the bot gives. Pure, so a rerun of the same batch (a poll cut off before it stored its
// offset) can be planned again and does nothing twice: each request remembers the last update folded in.
import type { Locale } from '../types';
import { nextOffset, openRequestToJoin, updateIdOf, type IncomingText, type UpdateAction } from './updates';

export interface ChatClient {
  id: string;
  chatId: string | null;
  locale: Locale | null;
  /** What the greeting calls them: first name, else name. */
  callName: string;
  /** Telegram said they blocked the bot; pressing Start again links anew and clears it. */
  unreachableAt?: Date | null;
}

export interface InboxRequest {
  id: string;
  clientId: string;
  channel: string;
  receivedAt: Date;
  answeredAt: Date | null;
  summary: string;
  telegramUpdateId: number | null;
}

export type BotAnswerKey =
  'telegram.client.greeting' | 'telegram.client.unknownLink' | 'telegram.client.notLinked' | 'telegram.staff.linked';

export interface InboxPlan {
  /** Chat ids to write into Clients (null unbinds a chat that moved to another client). */
  binds: Array<{ clientId: string; chatId: string | null; at: Date }>;
  newRequests: InboxRequest[];
  /** Existing requests whose summary grows by the new messages. */
  joins: Array<{ requestId: string; summary: string; telegramUpdateId: number }>;
  answers: Array<{ chatId: string; key: BotAnswerKey; locale: Locale; name: string }>;
  /** A chat that opened the staff link: the studio's alert chat from now on. */
  staffChatId: string | null;
  offset: number;
}

export interface InboxContext {
  clients: readonly ChatClient[];
  requests: readonly InboxRequest[];
  /** The client id a /start token was signed for, or null. */
  verify(token: string): string | null;
  isStaffToken(token: string): boolean;
  newRequestId(taken: readonly string[]): string;
  studioLocale: Locale;
  /** How a joined message's time is written into the summary. */
  stamp(at: Date): string;
  summaryMaxChars: number;
}

export function planInbox(actions: readonly UpdateAction[], offset: number, context: InboxContext): InboxPlan {
  const plan: InboxPlan = {
    binds: [],
    newRequests: [],
    joins: [],
    answers: [],
    staffChatId: null,
    offset: nextOffset(offset, actions),
  };
  const clients = new Map(context.clients.map((client) => [client.id, { ...client }]));
  const byChat = () => new Map([...clients.values()].filter((c) => c.chatId).map((c) => [c.chatId as string, c]));
  const requests = context.requests.map((request) => ({ ...request }));
  const joined = new Map<string, { requestId: string; summary: string; telegramUpdateId: number }>();

  for (const action of actions) {
    if (action.kind === 'ignore') continue;
    const message = action.message;
    const chatClient = byChat().get(message.chatId) ?? null;
    if (action.kind === 'link' && context.isStaffToken(action.token)) {
      plan.staffChatId = message.chatId;
      plan.answers.push({
        chatId: message.chatId,
        key: 'telegram.staff.linked',
        locale: context.studioLocale,
        name: '',
      });
      continue;
    }
    if (action.kind === 'link') {
      const clientId = context.verify(action.token);
      const client = clientId === null ? undefined : clients.get(clientId);
      if (!client) {
        plan.answers.push({
          chatId: message.chatId,
          key: 'telegram.client.unknownLink',
          locale: languageOf(message, null, context.studioLocale),
          name: '',
        });
        continue;
      }
      if (client.chatId === message.chatId && !client.unreachableAt) continue; // bound already: a rerun, or Start pressed twice
      if (chatClient && chatClient.id !== client.id) {
        chatClient.chatId = null;
        plan.binds.push({ clientId: chatClient.id, chatId: null, at: message.at });
      }
      client.chatId = message.chatId;
      client.unreachableAt = null;
      plan.binds.push({ clientId: client.id, chatId: message.chatId, at: message.at });
      plan.answers.push({
        chatId: message.chatId,
        key: 'telegram.client.greeting',
        locale: languageOf(message, client.locale, context.studioLocale),
        name: client.callName || message.firstName,
      });
      continue;
    }
    if (!chatClient) {
      plan.answers.push({
        chatId: message.chatId,
        key: 'telegram.client.notLinked',
        locale: languageOf(message, null, context.studioLocale),
        name: '',
      });
      continue;
    }
    if (action.kind === 'start') continue;
    const mine = requests.filter((request) => request.clientId === chatClient.id);
    if (mine.some((request) => (request.telegramUpdateId ?? -1) >= updateIdOf(action))) continue; // folded in before
    const open = openRequestToJoin(mine, chatClient.id);
    if (open) {
      open.summary = joinSummary(open.summary, message, context);
      open.telegramUpdateId = message.updateId;
      if (!plan.newRequests.includes(open))
        joined.set(open.id, { requestId: open.id, summary: open.summary, telegramUpdateId: message.updateId });
      continue;
    }
    const created: InboxRequest = {
      id: context.newRequestId(requests.map((request) => request.id)),
      clientId: chatClient.id,
      channel: 'telegram',
      receivedAt: message.at,
      answeredAt: null,
      summary: message.text.slice(0, context.summaryMaxChars),
      telegramUpdateId: message.updateId,
    };
    requests.push(created);
    plan.newRequests.push(created);
  }
  plan.joins = [...joined.values()];
  return plan;
}

function joinSummary(summary: string, message: IncomingText, context: InboxContext): string {
  const joined = `${summary}\n[${context.stamp(message.at)}] ${message.text}`;
  return joined.length <= context.summaryMaxChars ? joined : `${joined.slice(0, context.summaryMaxChars - 1)}…`;
}

/** The client's language when known, else what their Telegram app says, else the studio's. */
export function languageOf(message: IncomingText, clientLocale: Locale | null, studioLocale: Locale): Locale {
  if (clientLocale) return clientLocale;
  if (message.languageCode) return /^ru\b/i.test(message.languageCode) ? 'ru' : 'en';
  return studioLocale;
}
