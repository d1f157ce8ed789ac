// Which channel a campaign or flow message takes for one client, and what a Telegram send's answer means
// for the mail after it. The mail exclusions (consent, unsubscribe, caps) have already decided that the
// client gets this message at all; this only picks the way: Telegram, mail, or both.
import type { RecipientState } from './broadcast';
import { escapeTelegramHtml, TELEGRAM_MESSAGE_MAX_CHARS } from './html';

export type Channel = 'mail' | 'telegram' | 'both';

export interface ChannelClient {
  chatId: string | null;
  /** Linking is the client's consent to messages in Telegram. */
  linkedAt: Date | null;
  /** Set by a 403 (the bot is blocked); cleared when the client links again. */
  unreachableAt: Date | null;
  /** The Clients column: `email`, `telegram`, `both`, or '' (both, as for broadcasts). */
  preferredChannel: string;
}

/** Telegram only for a linked, reachable client who did not choose email; otherwise mail (the fallback). */
export function channelFor(client: ChannelClient | undefined, botConnected: boolean): Channel {
  if (!client || !botConnected) return 'mail';
  const reachable = client.chatId !== null && client.linkedAt !== null && client.unreachableAt === null;
  if (!reachable || client.preferredChannel === 'email') return 'mail';
  return client.preferredChannel === 'telegram' ? 'telegram' : 'both';
}

/** What the step does for one queued message, from its channel and what the journal or Sends row recorded. */
export type TelegramMove =
  /** Send (again, for one left in flight by a cut-off run: its answer was never read). */
  | { kind: 'send' }
  /** Telegram is done (message id known): the row is written with it, and mail goes only for `both`. */
  | { kind: 'delivered'; messageId: string; mail: boolean }
  /** Telegram cannot take it (403, 400) or was never the way: mail, as the exclusions allowed. */
  | { kind: 'mail' };

export function telegramMove(
  channel: Channel,
  recorded: RecipientState | undefined,
  rowMessageId: string,
): TelegramMove {
  if (rowMessageId !== '') return { kind: 'delivered', messageId: rowMessageId, mail: channel !== 'telegram' };
  if (recorded?.startsWith('m'))
    return { kind: 'delivered', messageId: recorded.slice(1), mail: channel !== 'telegram' };
  // 403 or 400 recorded by an earlier, cut-off run: its mail fallback had not happened yet.
  if (recorded === 'u' || recorded === 's') return { kind: 'mail' };
  if (channel === 'mail') return { kind: 'mail' };
  return { kind: 'send' };
}

/**
 * The rendered mail as a Telegram message in parse mode HTML: the subject in bold, then the plain-text body,
 * every character of both escaped (nothing of the template is read as markup). Cut to Telegram's 4,096
 * characters (counted after entity parsing, so before escaping), ending in "…" when cut.
 */
export function telegramText(subject: string, textBody: string): string {
  const title = subject.trim();
  const body = textBody.trim();
  const room = TELEGRAM_MESSAGE_MAX_CHARS - (title === '' ? 0 : title.length + 2);
  const fitted = body.length <= room ? body : `${body.slice(0, Math.max(0, room - 1))}…`;
  const head = title === '' ? '' : `<b>${escapeTelegramHtml(title)}</b>`;
  return [head, escapeTelegramHtml(fitted)].filter((part) => part !== '').join('\n\n');
}
