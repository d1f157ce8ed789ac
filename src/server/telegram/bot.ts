// Connecting the studio's bot: the token is checked with getMe, kept in script properties and shown masked.
import type { TelegramStatusView } from '../../contract/sidebar-api';
import { isBotTokenShape, maskBotToken } from '../../domain/telegram/token';
import { callBot, forgetBot, readConnectedAt, readStoredBot, storeBot, type StoredBot } from '../../services/telegram';
import { ensureTimeTrigger } from '../../services/triggers';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';

/** The trigger that polls Telegram: a few minutes, so a client's message reaches staff well inside the 2 h target. */
export const POLL_HANDLER = 'runTelegramPoll';

export function connectTelegramBot(token: string): TelegramStatusView {
  return asStaff(() => {
    const clean = String(token ?? '').trim();
    if (!isBotTokenShape(clean)) throw new UserFacingError('telegram.bot.badToken');
    const me = callBot<{ username?: unknown }>(clean, 'getMe');
    if (!me.ok)
      throw new UserFacingError(
        me.code === 'network' || (typeof me.code === 'number' && me.code >= 500)
          ? 'telegram.bot.unreachable'
          : 'telegram.bot.rejected',
      );
    const username = typeof me.result?.username === 'string' ? me.result.username : '';
    if (username === '') throw new UserFacingError('telegram.bot.rejected');
    // Reconnecting the same bot keeps its start time, so alerts already due are not re-evaluated from scratch.
    const previous = readStoredBot();
    storeBot({ token: clean, username }, previous?.token === clean ? (readConnectedAt() ?? new Date()) : new Date());
    ensureTimeTrigger({ handler: POLL_HANDLER, everyMinutes: 5 });
    return statusOf({ token: clean, username });
  });
}

export function getTelegramStatus(): TelegramStatusView {
  return asStaff(() => statusOf(readStoredBot()));
}

export function disconnectTelegramBot(): TelegramStatusView {
  return asStaff(() => {
    forgetBot();
    return statusOf(null);
  });
}

/** The connected bot, or a sentence telling staff to connect one. */
export function requireBot(): StoredBot {
  const bot = readStoredBot();
  if (!bot) throw new UserFacingError('telegram.bot.notConnected');
  return bot;
}

function statusOf(bot: StoredBot | null): TelegramStatusView {
  return bot
    ? { connected: true, username: bot.username, maskedToken: maskBotToken(bot.token) }
    : { connected: false, username: null, maskedToken: null };
}
