// The client card without whole-sheet reads. The nightly step keepClientCards reads the studio once and
// keeps, per client, what only a whole read gives: their own orders, feedback, requests, ledger entries and
// mails (found among everyone's rows), and their place among all clients (RFM quintile, segments, discount
// segments, recommendations learnt from every order). The card then reads the client's Clients row, their
// kept row, and only the rows each sheet gained since the night (its tail): a points adjustment or an order
// made today shows at once. Rows removed since (a sheet ending above its kept last row), a later night that
// has not kept the cards yet, or no kept row: the card reads the sheets as before. Rows edited in place
// since the night show after the next one.
import type { ClientId, ClientRequest, Feedback, LedgerEntry, Order, Send } from '../../domain/types';
import {
  buildClientProfiles,
  compileSegment,
  lifecycleSettingsOf,
  type RfmScore,
  type Segment,
} from '../../domain/analysis';
import { buildRecommendationModel, recommendFor, type Recommendation } from '../../domain/loyalty';
import {
  campaignFromRow,
  clientFromRow,
  feedbackFromRow,
  ledgerEntryFromRow,
  orderFromRow,
  recordsFrom,
  requestFromRow,
  sendFromRow,
  type SheetKey,
  type TypedRow,
} from '../../domain/schema';
import { openWorkbook, readTable, type Table, type Workbook } from '../../sheets';
import { readRowAt } from '../../sheets/table';
import { clientCardsSheet, readClientCard, readRowsAfter, writeClientCards } from '../../sheets/client-cards';
import { packRecords, unpackRecords, type PackedRecords } from '../../domain/schema/kept-records';
import { readLedger, readLoyaltyClients, readLoyaltyOrders, readLoyaltySettings } from '../../sheets/loyalty';
import { readStudio } from '../../sheets/studio';
import { allSegments } from '../analysis/analysis';
import { readDiscountSegments } from '../loyalty/client-codes';
import { newestClientSends } from '../campaigns/mail-history';
import { flowOfCampaignId } from '../../domain/campaigns/settings';
import { currentNight } from '../app/scheduled';

/** The sheets a client's history is in: each kept up to its last row at the night, read after it by the card. */
const HISTORY_SHEETS = ['orders', 'feedback', 'requests', 'loyalty', 'sends'] as const;
type HistorySheet = (typeof HISTORY_SHEETS)[number];
/** Every kept record is the client's: their id is not stored in each. */
const CLIENT_ID = ['clientId'];

/** Bumped when the kept shape changes: a row of another shape is not read (the card reads the sheets). */
const KEPT_VERSION = 4;

/** One client's kept figures (stored as JSON in the Client cards tab, src/sheets/client-cards.ts). */
export interface KeptFigures {
  version: typeof KEPT_VERSION;
  /** The night that kept the figures (currentNight): kept by an earlier one, they are not read. */
  night: number | null;
  /** The client's Clients row at the night (the card reads that row, checking it still holds the client). */
  clientRow: number;
  /** Each history sheet's last row when kept. */
  marks: Record<HistorySheet, number>;
  /** The client's records, packed without their client id. */
  orders: PackedRecords;
  feedback: PackedRecords;
  requests: PackedRecords;
  ledger: PackedRecords;
  /** The newest sends only, as many as the card shows. */
  sends: PackedRecords;
  rfm: RfmScore | null;
  /** The segments (built-in and saved) the client was in. */
  segments: Pick<Segment, 'name' | 'builtIn'>[];
  /** The segments giving a personal discount the client was in (their ids). */
  discountSegments: string[];
  recommendations: Pick<Recommendation, 'product' | 'basis' | 'because'>[];
  /** The kept sends' campaign names, by id. */
  campaignNames: [string, string][];
}

function groupByClient<T extends { clientId: ClientId }>(records: readonly T[]): Map<ClientId, T[]> {
  const groups = new Map<ClientId, T[]>();
  for (const record of records) {
    const group = groups.get(record.clientId);
    if (group) group.push(record);
    else groups.set(record.clientId, [record]);
  }
  return groups;
}

/** The nightly step: every client's kept figures, in one write (after the roll-ups, which move rows). */
export function keepClientCards(): void {
  const night = currentNight();
  const book = openWorkbook();
  // Nothing below writes the sheets it reads (the one write is to the Client cards tab): each is read once.
  book.tableCache = new Map();
  const asOf = new Date();
  const tables = { clients: readTable(book, 'clients'), orders: readTable(book, 'orders') };
  const data = readStudio(book, { tables });
  const profiles = buildClientProfiles(data.clients, data.orders, asOf, {
    facts: data.storedFacts,
    lifecycle: lifecycleSettingsOf(data.settings),
  });
  const segments = allSegments(data).flatMap((segment) => {
    const compiled = compileSegment(segment, asOf, data.extraHeaders);
    return compiled.ok ? [{ segment: { name: segment.name, builtIn: segment.builtIn }, compiled }] : [];
  });
  const settings = readLoyaltySettings(book);
  const loyaltyOrders = readLoyaltyOrders(book, readLoyaltyClients(book, tables.clients), tables.orders);
  const model = buildRecommendationModel(loyaltyOrders, settings);
  const discountSegments = readDiscountSegments(book, settings, asOf, tables);
  const orders = groupByClient(data.orders);
  const feedback = groupByClient(data.feedback);
  const requests = groupByClient(data.requests);
  const ledger = groupByClient(readLedger(book));
  const sends = groupByClient(recordsFrom(readTable(book, 'sends').rows, sendFromRow));
  const campaignNames = new Map(
    recordsFrom(readTable(book, 'campaigns').rows, campaignFromRow).map((campaign) => [campaign.id, campaign.name]),
  );
  const marks = Object.fromEntries(HISTORY_SHEETS.map((key) => [key, readTable(book, key).lastRow])) as Record<
    HistorySheet,
    number
  >;
  const rowOf = new Map(data.clientRows.map((ref) => [ref.id, ref.rowNumber]));
  const kept: { clientId: ClientId; figures: KeptFigures }[] = [];
  for (const profile of profiles) {
    const id = profile.client.id;
    const rowNumber = rowOf.get(id);
    if (rowNumber === undefined || rowNumber < 2) continue;
    const newest = newestClientSends(sends.get(id) ?? []);
    const figures: KeptFigures = {
      version: KEPT_VERSION,
      night,
      clientRow: rowNumber,
      marks,
      orders: packRecords(orders.get(id) ?? [], CLIENT_ID),
      feedback: packRecords(feedback.get(id) ?? [], CLIENT_ID),
      requests: packRecords(requests.get(id) ?? [], CLIENT_ID),
      ledger: packRecords(ledger.get(id) ?? [], CLIENT_ID),
      sends: packRecords(newest, CLIENT_ID),
      rfm: profile.rfm,
      segments: segments.filter(({ compiled }) => compiled.matches(profile)).map(({ segment }) => segment),
      discountSegments: discountSegments.get(id) ?? [],
      recommendations: recommendFor(id, model, settings).map(({ product, basis, because }) => ({
        product,
        basis,
        because,
      })),
      campaignNames: [...new Set(newest.map((send) => send.campaignId))].flatMap((campaignId) => {
        const name = campaignNames.get(campaignId);
        return name === undefined ? [] : [[campaignId, name] as [string, string]];
      }),
    };
    kept.push({ clientId: id, figures });
  }
  book.tableCache = undefined;
  writeClientCards(book, kept);
}

/** What the card is made of, from the kept row and the sheets' tails (no sheet read whole). */
export interface KeptCardSources {
  /** The client's Clients row as read now (its derived columns as the last runs wrote them). */
  clientRow: TypedRow;
  clientTable: Table;
  orders: Order[];
  feedback: Feedback[];
  requests: ClientRequest[];
  ledger: LedgerEntry[];
  sends: Send[];
  figures: KeptFigures;
  campaignNames: Map<string, string>;
}

function isKept(value: unknown): value is KeptFigures {
  if (value === null || typeof value !== 'object') return false;
  const figures = value as Partial<KeptFigures>;
  return (
    figures.version === KEPT_VERSION &&
    typeof figures.clientRow === 'number' &&
    (typeof figures.night === 'number' || figures.night === null) &&
    typeof figures.marks === 'object' &&
    figures.marks !== null &&
    HISTORY_SHEETS.every((key) => typeof figures.marks?.[key] === 'number')
  );
}

/**
 * The card's sources for `clientId` from the kept row and each history sheet's rows after its kept last
 * row; null when there is no kept row for the client or a sheet ends above its mark (the card reads whole).
 */
export function keptCardSources(book: Workbook, clientId: ClientId): KeptCardSources | null {
  const store = clientCardsSheet(book);
  if (!store) return null;
  const figures = readClientCard(store, clientId);
  // Kept by an earlier night (this one has not reached its last step, or that step was cut off): the
  // roll-ups may have moved rows since, so the marks mean nothing.
  if (!isKept(figures) || figures.night !== currentNight()) return null;
  // The row the client was on at the night, checked; moved since, the id column finds it.
  const clientTable = readRowAt(book, 'clients', figures.clientRow, 'id', clientId);
  const clientRow = clientTable.rows[0];
  if (!clientRow) return null;
  const client = clientFromRow(clientRow);
  // A row of the client names their id, or (an order with a blank client id) their email.
  const mentions = [clientId, client.email];
  const tails = new Map<SheetKey, TypedRow[]>();
  for (const key of HISTORY_SHEETS) {
    const tail = readRowsAfter(book, key, figures.marks[key], mentions);
    if (tail === 'shrunk') return null;
    tails.set(key, tail.rows);
  }
  const byEmail = new Map([[client.email, client.id]]);
  const mine = <T extends { clientId: ClientId }>(key: SheetKey, convert: (row: TypedRow) => T | null): T[] =>
    recordsFrom(tails.get(key) ?? [], convert).filter((record) => record.clientId === clientId);
  const newSends = mine('sends', sendFromRow);
  const campaignNames = new Map(figures.campaignNames);
  // A campaign first sent to the client today: its name is in Campaigns (a small sheet), not kept.
  if (newSends.some((send) => !campaignNames.has(send.campaignId) && !flowOfCampaignId(send.campaignId)))
    for (const campaign of recordsFrom(readTable(book, 'campaigns').rows, campaignFromRow))
      campaignNames.set(campaign.id, campaign.name);
  const kept = <T>(packed: PackedRecords) => unpackRecords<T>(packed, { clientId });
  return {
    clientRow,
    clientTable,
    orders: [...kept<Order>(figures.orders), ...mine('orders', (row) => orderFromRow(row, byEmail))],
    feedback: [...kept<Feedback>(figures.feedback), ...mine('feedback', feedbackFromRow)],
    requests: [...kept<ClientRequest>(figures.requests), ...mine('requests', requestFromRow)],
    ledger: [...kept<LedgerEntry>(figures.ledger), ...mine('loyalty', ledgerEntryFromRow)],
    sends: newestClientSends([...kept<Send>(figures.sends), ...newSends]),
    figures,
    campaignNames,
  };
}
