// The Clients section: search by name, email or Twitch channel, and the basic client card.
// Loyalty, analysis and campaigns add their parts of the card through their own sidebar calls.
import type { ClientCardView, ClientSummary } from '../../contract/sidebar-api';
import { clientFromRow, feedbackFromRow, orderFromRow, recordsFrom, requestFromRow } from '../../domain/schema';
import type { Client } from '../../domain/types';
import { readTable } from '../../sheets';
import { requestView } from './requests';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';

const SEARCH_LIMIT = 50;

export function searchClients(query: string): ClientSummary[] {
  return asStaff((book) => {
    const needle = String(query ?? '')
      .trim()
      .toLowerCase();
    const clients = recordsFrom(readTable(book, 'clients').rows, clientFromRow);
    const found =
      needle === ''
        ? clients
        : clients.filter((client) =>
            [client.name, client.email, client.twitch, client.id].some((text) => text.toLowerCase().includes(needle)),
          );
    return found.slice(0, SEARCH_LIMIT).map(clientSummary);
  });
}

export function getClientCard(clientId: string): ClientCardView {
  return asStaff((book) => {
    const client = recordsFrom(readTable(book, 'clients').rows, clientFromRow).find(
      (candidate) => candidate.id === clientId,
    );
    if (!client) throw new UserFacingError('database.clients.unknown', { id: clientId });
    const byEmail = new Map([[client.email, client.id]]);
    const orders = recordsFrom(readTable(book, 'orders').rows, (row) => orderFromRow(row, byEmail)).filter(
      (order) => order.clientId === clientId,
    );
    const feedback = recordsFrom(readTable(book, 'feedback').rows, feedbackFromRow).filter(
      (entry) => entry.clientId === clientId,
    );
    const requests = recordsFrom(readTable(book, 'requests').rows, requestFromRow).filter(
      (request) => request.clientId === clientId,
    );
    const names = new Map([[client.id, client.name]]);
    return {
      profile: {
        ...clientSummary(client),
        topic: client.topic,
        country: client.country,
        city: client.city,
        birthday: iso(client.birthday),
        source: client.source,
        consentAt: iso(client.consentAt),
        consentVersion: client.consentVersion,
        unsubscribedAt: iso(client.unsubscribedAt),
        createdAt: iso(client.createdAt),
        notes: client.notes,
      },
      orders: orders
        .sort((a, b) => b.date.getTime() - a.date.getTime())
        .map((order) => ({
          id: order.id,
          date: order.date.toISOString(),
          product: order.product,
          quantity: order.quantity,
          amount: order.amount,
          status: order.status,
        })),
      feedback: feedback
        .sort((a, b) => b.date.getTime() - a.date.getTime())
        .map((entry) => ({
          id: entry.id,
          date: entry.date.toISOString(),
          orderId: entry.orderId,
          rating: entry.rating,
          nps: entry.nps,
          comment: entry.comment,
          mayQuote: entry.mayQuote,
        })),
      requests: requests
        .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
        .map((request) => requestView(request, names)),
    };
  });
}

function clientSummary(client: Client): ClientSummary {
  return { id: client.id, name: client.name, email: client.email, twitch: client.twitch };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
