// The deep link staff hand a client (welcome mail, thank-you text, QR code): t.me/<bot>?start=<signed token>.
import { deepLink, linkToken, staffLinkToken } from '../../domain/telegram/link';
import { readStoredBot } from '../../services/telegram';
import { makeSigner } from '../../services/signer';
import { readTable } from '../../sheets';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import { requireBot } from './bot';

export function getTelegramLink(clientId: string): string {
  return asStaff((book) => {
    const bot = requireBot();
    const id = String(clientId ?? '').trim();
    if (!readTable(book, 'clients').rows.some((row) => String(row.values.id ?? '') === id))
      throw new UserFacingError('database.requests.unknownClient', { id });
    const token = linkToken(id, makeSigner());
    if (token === null) throw new UserFacingError('telegram.link.unlinkable', { id });
    return deepLink(bot.username, token);
  });
}

/** The link a staff member opens in Telegram to make that chat the studio's alert chat. */
export function getTelegramStaffLink(): string {
  return asStaff(() => deepLink(requireBot().username, staffLinkToken(makeSigner())));
}

/**
 * Each client's deep link for the {{telegram_link}} merge field: one property read per run, then signed in
 * memory. Without links (preview counts) or a connected bot the field is empty, so a template shows its fallback.
 */
export function telegramLinkMaker(links: boolean): (clientId: string) => string {
  const bot = links ? readStoredBot() : null;
  if (!bot) return () => '';
  const sign = makeSigner();
  return (clientId) => {
    const token = linkToken(clientId, sign);
    return token === null ? '' : deepLink(bot.username, token);
  };
}
