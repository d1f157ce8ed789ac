// A Telegram broadcast to linked clients, in each client's language, journaled per recipient in script
// properties (domain/telegram/broadcast.ts): in flight before the send, the message id after it.
// Started from the sidebar; whatever one execution does not finish, the poll trigger continues.
import {
  broadcastProgress,
  broadcastRecipients,
  chunkRecipients,
  nextRecipient,
  stateAfter,
  textFor,
  type BroadcastHeader,
  type BroadcastProgress,
  type BroadcastTexts,
  type RecipientState,
} from '../../domain/telegram/broadcast';
import { TELEGRAM_MESSAGE_MAX_CHARS } from '../../domain/telegram/html';
import { readJsonProperty, writeJsonProperty } from '../../services/properties';
import { withPollLock } from '../../services/telegram';
import { readCoreSettings, readTable, type Workbook } from '../../sheets';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import { requireBot } from './bot';
import { createSender, type Sender } from './send';
import { markUnreachable, telegramClients } from '../../sheets/telegram';
import { broadcastMailFallback } from './broadcast-mail';

const ACTIVE_KEY = 'telegram.broadcasts';
/** Sending stops here, well inside the six minutes of one execution; the poll trigger continues. */
const RUN_BUDGET_MS = 4 * 60 * 1000;

const headerKey = (id: string) => `telegram.broadcast.${id}`;
const chunkKey = (id: string, chunk: number) => `telegram.broadcast.${id}.${chunk}`;

export interface BroadcastView extends BroadcastProgress {
  id: string;
}

export function sendTelegramBroadcast(texts: BroadcastTexts): BroadcastView {
  return asStaff((book) => {
    const bot = requireBot();
    const clean: BroadcastTexts = { ru: String(texts?.ru ?? '').trim(), en: String(texts?.en ?? '').trim() };
    if (clean.ru === '' && clean.en === '') throw new UserFacingError('telegram.reply.empty');
    if (clean.ru.length > TELEGRAM_MESSAGE_MAX_CHARS || clean.en.length > TELEGRAM_MESSAGE_MAX_CHARS)
      throw new UserFacingError('telegram.reply.refused', { detail: `> ${TELEGRAM_MESSAGE_MAX_CHARS}` });
    const recipients = broadcastRecipients(telegramClients(readTable(book, 'clients')));
    const id = `TB-${Date.now()}`;
    const chunks = chunkRecipients(recipients);
    chunks.forEach((chunk, index) => writeJsonProperty(chunkKey(id, index), chunk));
    const header: BroadcastHeader = { id, texts: clean, createdAt: Date.now(), chunks: chunks.length };
    writeJsonProperty(headerKey(id), header);
    // Listed last: a run cut off before this line leaves a broadcast nobody sends, never a half-written one sent.
    writeJsonProperty(ACTIVE_KEY, [...readJsonProperty<string[]>(ACTIVE_KEY, []), id]);
    withPollLock(() => continueBroadcasts(book, createSender(bot)));
    return { id, ...broadcastProgress(readChunks(header)) };
  });
}

export function readBroadcastHeader(id: string): BroadcastHeader | null {
  return readJsonProperty<BroadcastHeader | null>(headerKey(id), null);
}

export function getTelegramBroadcast(id: string): BroadcastView {
  return asStaff(() => {
    const header = readBroadcastHeader(String(id));
    if (!header) throw new UserFacingError('telegram.broadcast.unknown', { id: String(id) });
    return { id: header.id, ...broadcastProgress(readChunks(header)) };
  });
}

/** Sends what the active broadcasts still owe, until done, Telegram asks to wait, or the run's budget is spent. */
export function continueBroadcasts(book: Workbook, send: Sender): void {
  const active = readJsonProperty<string[]>(ACTIVE_KEY, []);
  if (active.length === 0) return;
  const started = Date.now();
  const studioLocale = readCoreSettings(book).settings.locale;
  const clients = new Map(telegramClients(readTable(book, 'clients')).map((client) => [client.id, client]));
  const queueMail = broadcastMailFallback(book);
  const finished: string[] = [];
  for (const id of active) {
    const header = readBroadcastHeader(id);
    if (!header) {
      finished.push(id);
      continue;
    }
    const chunks = readChunks(header);
    for (;;) {
      const next = nextRecipient(chunks);
      if (!next) {
        finished.push(id);
        break;
      }
      if (Date.now() - started > RUN_BUDGET_MS) return saveFinished(active, finished);
      const chunk = chunks[next.chunk] ?? {};
      const client = clients.get(next.clientId);
      // Unlinked, unsubscribed or blocked since the broadcast began: skipped, nothing sent.
      if (!client?.chatId || client.unsubscribedAt || client.unreachableAt) {
        record(id, next.chunk, chunk, next.clientId, 's');
        continue;
      }
      record(id, next.chunk, chunk, next.clientId, 'w');
      const outcome = send(client.chatId, textFor(header.texts, client.locale, studioLocale));
      const after = stateAfter(outcome);
      // Blocked: the mail fallback is queued before the 403 is recorded (a cut between them finds it queued).
      if (after.state === 'u') queueMail(id, client);
      record(id, next.chunk, chunk, next.clientId, after.state);
      if (after.state === 'u') markUnreachable(book, [client], new Date());
      if (!after.goOn) return saveFinished(active, finished);
    }
  }
  saveFinished(active, finished);
}

function record(
  id: string,
  index: number,
  chunk: Record<string, RecipientState>,
  clientId: string,
  state: RecipientState,
): void {
  chunk[clientId] = state;
  writeJsonProperty(chunkKey(id, index), chunk);
}

function readChunks(header: BroadcastHeader): Array<Record<string, RecipientState>> {
  return Array.from({ length: header.chunks }, (_, index) =>
    readJsonProperty<Record<string, RecipientState>>(chunkKey(header.id, index), {}),
  );
}

function saveFinished(active: readonly string[], finished: readonly string[]): void {
  if (finished.length > 0)
    writeJsonProperty(
      ACTIVE_KEY,
      active.filter((id) => !finished.includes(id)),
    );
}
