// The Telegram Bot API over UrlFetchApp: the only place the add-on makes an outside request.
// Always muteHttpExceptions: Telegram's errors come back as answers (the URL, which holds the token, stays out of
// error messages), and a failed connection comes back as `network`, never as a thrown error.
import { readBotReply, type BotCallResult, type BotReply } from '../domain/telegram/answers';

const BOT_TOKEN_KEY = 'telegram.botToken';
const BOT_USERNAME_KEY = 'telegram.botUsername';
const CONNECTED_AT_KEY = 'telegram.connectedAt';
const STAFF_CHAT_KEY = 'telegram.staffChatId';

export function callBot<T = unknown>(
  token: string,
  method: string,
  params: Readonly<Record<string, unknown>> = {},
): BotCallResult<T> {
  let reply: BotReply;
  try {
    const response = UrlFetchApp.fetch(`https://api.telegram.org/bot${token}/${method}`, {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(params),
      muteHttpExceptions: true,
    });
    reply = { kind: 'answer', status: response.getResponseCode(), body: response.getContentText() };
  } catch (error) {
    // The message may quote the URL: keep the token out of what is logged or shown.
    const message = (error instanceof Error ? error.message : String(error)).split(token).join('…');
    reply = { kind: 'network', message };
  }
  return readBotReply<T>(reply);
}

export interface StoredBot {
  token: string;
  username: string;
}

/** The connected bot, or null: the token lives in script properties only, never in the sheet. */
export function readStoredBot(): StoredBot | null {
  const props = PropertiesService.getScriptProperties();
  const token = props.getProperty(BOT_TOKEN_KEY);
  const username = props.getProperty(BOT_USERNAME_KEY);
  return token && username ? { token, username } : null;
}

export function storeBot(bot: StoredBot, connectedAt: Date): void {
  PropertiesService.getScriptProperties().setProperties({
    [BOT_TOKEN_KEY]: bot.token,
    [BOT_USERNAME_KEY]: bot.username,
    [CONNECTED_AT_KEY]: String(connectedAt.getTime()),
  });
}

/** When the bot was connected: events before it are not alerted. */
export function readConnectedAt(): Date | null {
  const raw = PropertiesService.getScriptProperties().getProperty(CONNECTED_AT_KEY);
  return raw && Number.isFinite(Number(raw)) ? new Date(Number(raw)) : null;
}

/** The studio's alert chat, set by opening the staff link in Telegram. */
export function readStaffChat(): string | null {
  return PropertiesService.getScriptProperties().getProperty(STAFF_CHAT_KEY);
}

export function storeStaffChat(chatId: string): void {
  PropertiesService.getScriptProperties().setProperty(STAFF_CHAT_KEY, chatId);
}

export function forgetBot(): void {
  const props = PropertiesService.getScriptProperties();
  props.deleteProperty(BOT_TOKEN_KEY);
  props.deleteProperty(BOT_USERNAME_KEY);
  props.deleteProperty(CONNECTED_AT_KEY);
}

/** A pause inside one execution, for Telegram's pace (counted against the six minutes like any wait). */
export function pause(ms: number): void {
  if (ms > 0) Utilities.sleep(ms);
}

/** Two polls at once would read the same updates: the second gives way (the next trigger run catches up). */
export function withPollLock(body: () => void): void {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(1000)) return;
  try {
    body();
  } finally {
    lock.releaseLock();
  }
}
