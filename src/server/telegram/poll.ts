// The owner's time trigger: read the bot's new updates, bind chats, turn messages into Requests, answer.
// Order per run: getUpdates → sheet writes → offset stored → bot answers; see docs/telegram.md for what a cut-off run does.
import { MAX_CELL_CHARS, nextId } from '../../domain/schema';
import { planInbox } from '../../domain/telegram/inbox';
import { readUpdates } from '../../domain/telegram/updates';
import { translate } from '../../i18n';
import { readJsonProperty, writeJsonProperty } from '../../services/properties';
import { makeSigner } from '../../services/signer';
import { callBot, readStoredBot, storeStaffChat, withPollLock, type StoredBot } from '../../services/telegram';
import { appendRows, openWorkbook, readCoreSettings, updateRows, type RowValues, type Workbook } from '../../sheets';
import { isStaffLinkToken, verifyLinkToken } from '../../domain/telegram/link';
import { sendStaffAlerts } from './alerts';
import { continueBroadcasts } from './broadcast';
import { mailBroadcastFallbacks } from './broadcast-mail';
import { readTelegramTables } from '../../sheets/telegram';
import { createSender, type Sender } from './send';

export const OFFSET_KEY = 'telegram.updateOffset';

export function runTelegramPoll(): void {
  const bot = readStoredBot();
  if (!bot) return;
  withPollLock(() => {
    const book = openWorkbook();
    const send = createSender(bot);
    // Each step on its own: a failing inbox must not stop alerts, nor the other way round.
    const failures: string[] = [];
    for (const [name, step] of [
      ['inbox', () => readInbox(bot, book, send)],
      ['alerts', () => sendStaffAlerts(book, send)],
      ['broadcasts', () => continueBroadcasts(book, send)],
      // The 403s' mails, when this poll runs as the sending account (else the hourly step sends them).
      ['broadcastMail', mailBroadcastFallbacks],
    ] as const) {
      try {
        step();
      } catch (error) {
        failures.push(name);
        console.error(
          `telegram ${name} failed: ${error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)}`,
        );
      }
    }
    if (failures.length > 0) throw new Error(`Failed Telegram steps: ${failures.join(', ')}`);
  });
}

function readInbox(bot: StoredBot, book: Workbook, send: Sender): void {
  const offset = readJsonProperty<number>(OFFSET_KEY, 0);
  const answer = callBot(
    bot.token,
    'getUpdates',
    offset > 0 ? { offset, limit: 100, timeout: 0 } : { limit: 100, timeout: 0 },
  );
  if (!answer.ok) {
    // Nothing was confirmed: the same updates come again next run.
    console.warn(`Telegram getUpdates failed (${answer.code}): ${answer.description}`);
    return;
  }
  const actions = readUpdates(answer.result);
  if (actions.length === 0) return;
  const { settings } = readCoreSettings(book);
  const { clients, requests } = readTelegramTables(book);
  const sign = makeSigner();
  const tz = book.spreadsheet.getSpreadsheetTimeZone();
  const plan = planInbox(actions, offset, {
    clients,
    requests,
    verify: (token) => verifyLinkToken(token, sign),
    isStaffToken: (token) => isStaffLinkToken(token, sign),
    newRequestId: (taken) => nextId('R', taken),
    studioLocale: settings.locale,
    stamp: (at) => Utilities.formatDate(at, tz, 'dd.MM HH:mm'),
    summaryMaxChars: MAX_CELL_CHARS,
  });

  const rowOf = new Map(clients.map((client) => [client.id, client.rowNumber]));
  if (plan.binds.length > 0) {
    updateRows(
      book,
      'clients',
      plan.binds.map((bind) => ({
        rowNumber: rowOf.get(bind.clientId) ?? 0,
        identity: { id: bind.clientId },
        // Linking is the client's consent to messages here; it also clears an old "unreachable".
        values: linkValues(bind.chatId, bind.at),
      })),
    );
  }
  if (plan.newRequests.length > 0) {
    appendRows(
      book,
      'requests',
      plan.newRequests.map((r) => ({
        id: r.id,
        clientId: r.clientId,
        channel: 'telegram',
        receivedAt: r.receivedAt,
        summary: r.summary,
        telegramUpdateId: r.telegramUpdateId,
      })),
    );
  }
  if (plan.joins.length > 0) {
    const requestRow = new Map(requests.map((request) => [request.id, request.rowNumber]));
    updateRows(
      book,
      'requests',
      plan.joins.map((join) => ({
        rowNumber: requestRow.get(join.requestId) ?? 0,
        identity: { id: join.requestId },
        values: { summary: join.summary, telegramUpdateId: join.telegramUpdateId },
      })),
    );
  }
  if (plan.staffChatId !== null) storeStaffChat(plan.staffChatId);
  writeJsonProperty(OFFSET_KEY, plan.offset);
  for (const reply of plan.answers) {
    send(reply.chatId, translate(reply.locale, reply.key, { name: reply.name, studio: settings.studioName }));
  }
}

function linkValues(chatId: string | null, at: Date): RowValues {
  if (chatId === null) return { telegramChatId: null, telegramLinkedAt: null };
  return { telegramChatId: chatId, telegramLinkedAt: at, telegramUnreachableAt: null };
}
