// The Clients section: search by name, email or Twitch channel, and the client card: one call, one
// execution, answering the card with its analysis, loyalty and mail parts (each may fail on its own).
import type {
  CardPart,
  ClientCardBasics,
  ClientCardView,
  ClientInsights,
  ClientSummary,
  FiveWView,
  RequestView,
} from '../../contract/sidebar-api';
import {
  clientStats,
  clientWhen,
  dueFromOverdueText,
  lifecycleSettingsOf,
  lifecycleStage,
} from '../../domain/analysis';
import { enumLabel } from '../../domain/cells/enums';
import { clientFromRow, feedbackFromRow, orderFromRow, recordsFrom, requestFromRow } from '../../domain/schema';
import type { Client, ClientRequest, Feedback, Locale, Order } from '../../domain/types';
import { readCoreSettings, readTable, type Workbook } from '../../sheets';
import { requestView } from './requests';
import { explain, UserFacingError } from '../app/respond';
import { clientInsightsOf, insightsOf } from '../analysis/overview';
import { loyaltyCardFrom, loyaltyCardOf } from '../loyalty/loyalty-card';
import { clientMailsOf, clientMailViews } from '../campaigns/mail-history';
import { readCampaignSettings } from '../../sheets/campaigns';
import { readLoyaltyClients, readLoyaltySettings } from '../../sheets/loyalty';
import { readAnalysisSettings, storedFactsOf } from '../../sheets/studio';
import { asStaff } from '../app/staff';
import { keptCardSources, type KeptCardSources } from './client-card-store';

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
  return asStaff((book, locale) => {
    // What the nightly run kept for the client, and the rows added since (client-card-store.ts); before the
    // first such night, or after rows were removed since, the sheets themselves.
    // The parts read the same sheets (Clients, Orders, …): each is read once for the whole answer. Nothing
    // here writes a sheet, so the reads stay true to the end of the execution.
    const kept = keptClientCard(book, locale, clientId);
    if (kept) return kept;
    book.tableCache = new Map();
    const basics = cardBasics(book, locale, clientId);
    return {
      ...basics,
      insights: part(locale, () => clientInsightsOf(book, locale, clientId)),
      loyalty: part(locale, () => loyaltyCardOf(book, locale, clientId)),
      mails: part(locale, () => clientMailsOf(book, locale, clientId)),
    };
  });
}

/**
 * The card from the figures the nightly run kept for the client and the rows added since (no sheet read
 * whole); null when nothing usable is kept. Built by the same functions as the card read from the sheets.
 */
function keptClientCard(book: Workbook, locale: Locale, clientId: string): ClientCardView | null {
  const sources = keptCardSources(book, clientId);
  if (!sources) return null;
  const client = clientFromRow(sources.clientRow);
  const asOf = new Date();
  const { figures } = sources;
  return {
    ...cardBasicsFrom(book, locale, {
      client,
      derived: sources.clientRow.values,
      orders: sources.orders,
      feedback: sources.feedback,
      requests: sources.requests,
    }),
    insights: part(locale, () => keptInsights(book, locale, client, sources, asOf)),
    loyalty: part(locale, () => {
      const [loyaltyClient] = readLoyaltyClients(book, sources.clientTable);
      if (!loyaltyClient) throw new UserFacingError('loyalty.client.unknown', { client: clientId });
      return loyaltyCardFrom(book, locale, {
        client: loyaltyClient,
        orders: sources.orders,
        ledger: sources.ledger,
        discountSegments: figures.discountSegments,
        recommendations: figures.recommendations,
        settings: readLoyaltySettings(book),
        asOf,
      });
    }),
    mails: part(locale, () =>
      clientMailViews(sources.sends, sources.campaignNames, locale, readCampaignSettings(book).weeklyCap),
    ),
  };
}

/** Stage and next order from the client's own orders now; RFM quintile and segments as of the night. */
function keptInsights(
  book: Workbook,
  locale: Locale,
  client: Client,
  sources: KeptCardSources,
  asOf: Date,
): ClientInsights {
  const lifecycle = lifecycleSettingsOf(readAnalysisSettings(book).settings);
  const stats = clientStats([client], sources.orders, asOf).get(client.id);
  if (!stats) throw new UserFacingError('analysis.client.notFound', { id: client.id });
  const facts = storedFactsOf(sources.clientRow, asOf);
  return insightsOf(
    { client, stats, rfm: sources.figures.rfm, lifecycle: lifecycleStage(stats, asOf, facts, lifecycle), facts },
    sources.figures.segments,
    { locale, currency: readCoreSettings(book).settings.currency, lifecycle, asOf },
  );
}

/** A part of the card, or why it could not be made, as a sentence: the rest of the card still shows. */
export function part<T>(locale: Locale, make: () => T): CardPart<T> {
  try {
    return { ok: true, value: make() };
  } catch (error) {
    return { ok: false, error: explain(locale, error) };
  }
}

function cardBasics(book: Workbook, locale: Locale, clientId: string): ClientCardBasics {
  const clientRow = readTable(book, 'clients').rows.find((row) => clientFromRow(row).id === clientId);
  const client = clientRow ? clientFromRow(clientRow) : null;
  if (!client || !clientRow) throw new UserFacingError('database.clients.unknown', { id: clientId });
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
  return cardBasicsFrom(book, locale, { client, derived: clientRow.values, orders, feedback, requests });
}

/** The card's basics from the client's row and their own orders, feedback and requests, however found. */
export function cardBasicsFrom(
  book: Workbook,
  locale: Locale,
  input: {
    client: Client;
    derived: Readonly<Record<string, unknown>>;
    orders: readonly Order[];
    feedback: readonly Feedback[];
    requests: readonly ClientRequest[];
  },
): ClientCardBasics {
  const { client, orders, feedback, requests } = input;
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
    orders: [...orders]
      .sort((a, b) => b.date.getTime() - a.date.getTime())
      .map((order) => ({
        id: order.id,
        date: order.date.toISOString(),
        product: order.product,
        quantity: order.quantity,
        amount: order.amount,
        status: order.status,
      })),
    feedback: [...feedback]
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
    requests: [...requests]
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .map((request) => requestView(request, names)),
    fiveW: fiveW(client, input.derived, { orders, feedback, requests }, locale, new Date()),
    currency: readCoreSettings(book).settings.currency,
  };
}

function clientSummary(client: Client): ClientSummary {
  return { id: client.id, name: client.name, email: client.email, twitch: client.twitch };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const TOP = 3;

function cellText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** What, Who, Why, When, Where for one client, from the rows the card already read. */
export function fiveW(
  client: Client,
  derived: Readonly<Record<string, unknown>>,
  history: { orders: readonly Order[]; feedback: readonly Feedback[]; requests: readonly ClientRequest[] },
  locale: Locale,
  now: Date,
): FiveWView {
  const completed = history.orders
    .filter((order) => order.status === 'completed')
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  const products = new Map<string, { product: string; orders: number; quantity: number }>();
  for (const order of completed) {
    const name = order.product.trim();
    if (!name) continue;
    const entry = products.get(name) ?? { product: name, orders: 0, quantity: 0 };
    entry.orders += 1;
    entry.quantity += order.quantity;
    products.set(name, entry);
  }
  const what = [...products.values()]
    .sort((a, b) => b.orders - a.orders || b.quantity - a.quantity || a.product.localeCompare(b.product))
    .slice(0, TOP);

  const reasons = [
    ...history.orders.map((order) => ({ at: order.date.getTime(), text: order.notes.trim() })),
    ...history.feedback.map((entry) => ({ at: entry.date.getTime(), text: entry.comment.trim() })),
  ]
    .filter((reason) => reason.text !== '')
    .sort((a, b) => b.at - a.at)
    .slice(0, TOP)
    .map((reason) => reason.text);

  const last = completed.at(-1) ?? null;
  const next = derived['nextOrderExpected'];
  // Once late, the sheet says "overdue by N days" instead of a past day.
  const nextDate = next instanceof Date && !Number.isNaN(next.getTime()) ? next : dueFromOverdueText(next, now);
  // Days on the studio's calendar (the spreadsheet's zone), not UTC's.
  const { rhythmDays, lateDays: late } = clientWhen(
    completed.map((order) => order.date),
    nextDate,
    now,
  );

  const channelCounts = new Map<RequestView['channel'], number>();
  for (const request of history.requests)
    channelCounts.set(request.channel, (channelCounts.get(request.channel) ?? 0) + 1);

  return {
    what,
    who: {
      stage: cellText(derived['lifecycle']),
      // The refresh writes "Segment (code)"; staff read the segment's name.
      segment: cellText(derived['rfmSegment']).replace(/\s*\(\d+\)$/, ''),
      tier: cellText(derived['tier']),
      topic: client.topic ? enumLabel('channelTopic', client.topic, locale) : '',
    },
    why: reasons,
    when: {
      orders: completed.length,
      rhythmDays,
      lastOrder: last ? last.date.toISOString() : null,
      nextExpected: nextDate && late <= 0 ? nextDate.toISOString() : null,
      overdueDays: nextDate && late > 0 ? late : null,
    },
    where: {
      source: client.source.trim(),
      channels: [...channelCounts.entries()].sort((a, b) => b[1] - a[1]).map(([channel]) => channel),
    },
  };
}
