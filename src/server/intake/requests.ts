// Client requests (email, Twitch, Discord, Telegram, other) and when they were first answered:
// the timestamps the response-time KPI reads.
import type { NewRequest, OpenRequestView, RequestView } from '../../contract/sidebar-api';
import { oncePerRequest } from '../../services/action-memo';
import { withLock } from '../../services/locks';
import { parseEnum } from '../../domain/cells';
import { minutesWaited } from '../../domain/analysis/response-time';
import { nextId, recordsFrom, requestFromRow } from '../../domain/schema';
import type { ClientRequest } from '../../domain/types';
import { appendRows, idCells, readClientNames, readTable, updateRows } from '../../sheets';
import { readResponseTargetMinutes } from '../../sheets/settings';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';

export function logRequest(request: NewRequest): RequestView {
  return asStaff((book, locale) => {
    const summary = String(request.summary ?? '').trim();
    if (summary === '') throw new UserFacingError('database.requests.summaryRequired');
    const channel = parseEnum(request.channel, 'requestChannel', locale);
    if (!channel.ok || channel.value === '')
      throw new UserFacingError('database.requests.badChannel', { channel: String(request.channel ?? '') });
    // The door let through only an ISO time on a real day (milliseconds and all, as toISOString makes it).
    const receivedAt = request.receivedAt ? new Date(request.receivedAt) : new Date();
    if (Number.isNaN(receivedAt.getTime()))
      throw new UserFacingError('database.requests.badTime', { value: String(request.receivedAt) });
    const names = readClientNames(book);
    if (!names.has(request.clientId))
      throw new UserFacingError('database.requests.unknownClient', { id: request.clientId });
    return withLock('database', () =>
      oncePerRequest('logRequest', request.pressId, () => {
        const table = readTable(book, 'requests');
        const id = nextId('R', idCells(table));
        const record: ClientRequest = {
          id,
          clientId: request.clientId,
          channel: channel.value as ClientRequest['channel'],
          receivedAt,
          answeredAt: null,
          summary,
        };
        appendRows(book, 'requests', [
          { id, clientId: record.clientId, channel: record.channel, receivedAt: record.receivedAt, summary },
        ]);
        return requestView(record, names);
      }),
    );
  });
}

/** Records the first answer; marking it again keeps the first time (the KPI measures the first reply). */
export function markRequestAnswered(requestId: string): RequestView {
  return asStaff((book) =>
    withLock('database', () => {
      const table = readTable(book, 'requests');
      const position = table.rows.findIndex((row) => row.values.id === requestId);
      const row = table.rows[position];
      const request = row ? requestFromRow(row) : null;
      if (!row || !request) throw new UserFacingError('database.requests.unknown', { id: requestId });
      if (!request.answeredAt) {
        request.answeredAt = new Date();
        updateRows(
          book,
          'requests',
          [
            {
              rowNumber: table.rowNumbers[position] ?? 0,
              identity: { id: requestId },
              values: { answeredAt: request.answeredAt },
            },
          ],
          table,
        );
      }
      return requestView(request, readClientNames(book));
    }),
  );
}

/** Unanswered requests, oldest first, each with its wait on this clock against the studio's target. */
export function listOpenRequests(): OpenRequestView[] {
  return asStaff((book) => {
    const names = readClientNames(book);
    const targetMinutes = readResponseTargetMinutes(book);
    const now = new Date();
    return recordsFrom(readTable(book, 'requests').rows, requestFromRow)
      .filter((request) => !request.answeredAt)
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
      .map((request) => ({
        ...requestView(request, names),
        waitingMinutes: minutesWaited(request.receivedAt, now),
        targetMinutes,
      }));
  });
}

export function requestView(request: ClientRequest, names: ReadonlyMap<string, string>): RequestView {
  return {
    id: request.id,
    clientId: request.clientId,
    clientName: names.get(request.clientId) ?? '',
    channel: request.channel,
    summary: request.summary,
    receivedAt: request.receivedAt.toISOString(),
    answeredAt: request.answeredAt ? request.answeredAt.toISOString() : null,
  };
}
