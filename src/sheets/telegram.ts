// The Clients and Requests columns Telegram reads and writes, read once per operation and passed down.
import { isDate } from '../domain/cells';
import type { Locale } from '../domain/types';
import type { ChatClient, InboxRequest } from '../domain/telegram/inbox';
import { readTable, type Table } from './table';
import type { Workbook } from './workbook';
import { updateRows } from './write';

export interface TelegramClient extends ChatClient {
  email: string;
  linkedAt: Date | null;
  unreachableAt: Date | null;
  unsubscribedAt: Date | null;
  bouncedAt: Date | null;
  /** `email`, `telegram`, `both`, or '' (both). */
  preferredChannel: string;
  rowNumber: number;
}

/** `table` may be any read of Clients with its row numbers (the campaign engine passes the rows it read). */
export function telegramClients(table: Pick<Table, 'rows' | 'rowNumbers'>): TelegramClient[] {
  return table.rows
    .map((row, position) => {
      const v = row.values;
      const locale: Locale | null = v.locale === 'ru' || v.locale === 'en' ? v.locale : null;
      const chat = String(v.telegramChatId ?? '').trim();
      return {
        id: String(v.id ?? ''),
        chatId: chat === '' ? null : chat,
        locale,
        callName: String(v.firstName ?? '').trim() || String(v.name ?? '').trim(),
        email: String(v.email ?? ''),
        linkedAt: isDate(v.telegramLinkedAt) ? v.telegramLinkedAt : null,
        unreachableAt: isDate(v.telegramUnreachableAt) ? v.telegramUnreachableAt : null,
        unsubscribedAt: isDate(v.unsubscribedAt) ? v.unsubscribedAt : null,
        bouncedAt: isDate(v.bouncedAt) ? v.bouncedAt : null,
        preferredChannel: String(v.preferredChannel ?? ''),
        rowNumber: table.rowNumbers[position] ?? 0,
      };
    })
    .filter((client) => client.id !== '');
}

export interface TelegramRequest extends InboxRequest {
  rowNumber: number;
}

export function telegramRequests(table: Table): TelegramRequest[] {
  const requests: TelegramRequest[] = [];
  table.rows.forEach((row, position) => {
    const v = row.values;
    if (!isDate(v.receivedAt)) return;
    requests.push({
      id: String(v.id ?? ''),
      clientId: String(v.clientId ?? ''),
      channel: String(v.channel ?? ''),
      receivedAt: v.receivedAt,
      answeredAt: isDate(v.answeredAt) ? v.answeredAt : null,
      summary: String(v.summary ?? ''),
      telegramUpdateId: typeof v.telegramUpdateId === 'number' ? v.telegramUpdateId : null,
      rowNumber: table.rowNumbers[position] ?? 0,
    });
  });
  return requests;
}

/** Telegram said 403: the client blocked the bot. Cleared when they link again. */
export function markUnreachable(book: Workbook, clients: readonly TelegramClient[], at: Date): void {
  updateRows(
    book,
    'clients',
    clients.map((client) => ({
      rowNumber: client.rowNumber,
      identity: { id: client.id },
      values: { telegramUnreachableAt: at },
    })),
  );
}

export function readTelegramTables(book: Workbook): { clients: TelegramClient[]; requests: TelegramRequest[] } {
  return {
    clients: telegramClients(readTable(book, 'clients')),
    requests: telegramRequests(readTable(book, 'requests')),
  };
}
