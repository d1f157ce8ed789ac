// A staff reply typed in the sidebar goes to the client's chat; once Telegram took it, the request is answered
// at that time (the first answer only: the response-time KPI measures the first reply). A client who blocked
// the bot gets the reply by mail instead, when they have an address that has not bounced.
import type { RequestView } from '../../contract/sidebar-api';
import { TELEGRAM_MESSAGE_MAX_CHARS } from '../../domain/telegram/html';
import { updateRows, type Workbook } from '../../sheets';
import type { Locale } from '../../domain/types';
import { withLock } from '../../services/locks';
import { oncePerRequest } from '../../services/action-memo';
import { requestView } from '../intake/requests';
import { UserFacingError } from '../app/respond';
import { asStaff, tell } from '../app/staff';
import { parseEmail } from '../../domain/cells';
import { translate } from '../../i18n';
import { sendMailNow } from '../../services/mailer';
import { readCoreSettings } from '../../sheets';
import { requireBot } from './bot';
import { createSender } from './send';
import { markUnreachable, readTelegramTables, type TelegramClient } from '../../sheets/telegram';

export function replyOnTelegram(requestId: string, text: string, pressId?: string): RequestView {
  // One press, one message: a double click answers the first reply (the lock makes the second wait for it).
  return asStaff((book, staffLocale) =>
    withLock('database', () =>
      oncePerRequest('replyOnTelegram', pressId, () => replyNow(book, staffLocale, requestId, text)),
    ),
  );
}

function replyNow(book: Workbook, staffLocale: Locale, requestId: string, text: string): RequestView {
  const reply = String(text ?? '').trim();
  if (reply === '') throw new UserFacingError('telegram.reply.empty');
  if (reply.length > TELEGRAM_MESSAGE_MAX_CHARS)
    throw new UserFacingError('telegram.reply.refused', { detail: `> ${TELEGRAM_MESSAGE_MAX_CHARS}` });
  const bot = requireBot();
  const { clients, requests } = readTelegramTables(book);
  const request = requests.find((candidate) => candidate.id === requestId);
  if (!request) throw new UserFacingError('database.requests.unknown', { id: requestId });
  if (request.channel !== 'telegram') throw new UserFacingError('telegram.reply.notTelegram', { id: requestId });
  const client = clients.find((candidate) => candidate.id === request.clientId);
  if (!client?.chatId) throw new UserFacingError('telegram.reply.notLinked', { id: request.clientId });
  const outcome = createSender(bot)(client.chatId, reply);
  switch (outcome.kind) {
    case 'sent':
      break;
    case 'unreachable':
      markUnreachable(book, [client], new Date());
      if (!mailInstead(book, client, reply)) throw new UserFacingError('telegram.reply.unreachable');
      tell(translate(staffLocale, 'telegram.reply.mailed', { email: client.email }), staffLocale);
      break;
    case 'wait':
      throw new UserFacingError('telegram.reply.wait', { seconds: outcome.seconds });
    case 'retryLater':
      throw new UserFacingError('telegram.reply.retry');
    case 'refused':
      throw new UserFacingError('telegram.reply.refused', { detail: outcome.description });
  }
  const answeredAt = request.answeredAt ?? new Date();
  if (!request.answeredAt)
    updateRows(book, 'requests', [
      { rowNumber: request.rowNumber, identity: { id: request.id }, values: { answeredAt } },
    ]);
  const names = new Map(clients.map((c) => [c.id, c.callName] as const));
  return requestView(
    {
      id: request.id,
      clientId: request.clientId,
      channel: 'telegram',
      receivedAt: request.receivedAt,
      answeredAt,
      summary: request.summary,
    },
    names,
  );
}

/** The reply by mail (a service answer to the client's own request: no marketing consent needed). */
function mailInstead(book: Parameters<typeof readCoreSettings>[0], client: TelegramClient, reply: string): boolean {
  const address = parseEmail(client.email);
  if (!address.ok || address.value === '' || client.bouncedAt) return false;
  const { studioName, locale: studioLocale } = readCoreSettings(book).settings;
  const locale = client.locale ?? studioLocale;
  try {
    sendMailNow({
      to: address.value,
      subject: translate(locale, 'telegram.reply.mailSubject', { studio: studioName }),
      htmlBody: null,
      textBody: reply,
      senderName: studioName,
      replyTo: '',
    });
  } catch {
    // The quota or Gmail refused it: staff are told to answer by mail themselves.
    return false;
  }
  return true;
}
