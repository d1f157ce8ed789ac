// Typed rows become the domain's records here, and nowhere else. Column keys equal the record fields
// (see people.ts), so each converter only fills defaults and narrows types.
import { isDate, type CellValue } from '../cells';
import { joinLedgerReason } from '../loyalty/ledger';
import type {
  Campaign,
  CampaignStatus,
  ChannelTopic,
  Client,
  ClientRequest,
  Feedback,
  LedgerEntry,
  LedgerKind,
  Locale,
  Order,
  OrderStatus,
  RequestChannel,
  Send,
  SendStatus,
} from '../types';
import type { TypedRow } from './rows';

const text = (value: CellValue | undefined): string => (value === null || value === undefined ? '' : String(value));
const number = (value: CellValue | undefined, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const nullableNumber = (value: CellValue | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const date = (value: CellValue | undefined): Date | null => (isDate(value) ? new Date(value.getTime()) : null);

export function clientFromRow(row: TypedRow): Client {
  const v = row.values;
  return {
    id: text(v.id),
    name: text(v.name),
    email: text(v.email),
    twitch: text(v.twitch),
    topic: text(v.topic) as ChannelTopic | '',
    country: text(v.country),
    city: text(v.city),
    birthday: date(v.birthday),
    source: text(v.source),
    consentAt: date(v.consentAt),
    consentVersion: text(v.consentVersion),
    unsubscribedAt: date(v.unsubscribedAt),
    bouncedAt: date(v.bouncedAt),
    createdAt: date(v.createdAt),
    referralCode: text(v.referralCode),
    referredBy: text(v.referredBy),
    locale: text(v.locale) as Locale | '',
    notes: text(v.notes),
    extra: { ...row.extra, ...(text(v.firstName) ? { firstName: text(v.firstName) } : {}) },
  };
}

/** An order row; `clientId` falls back to the client found by the row's email when the id is blank. */
export function orderFromRow(row: TypedRow, clientIdByEmail?: ReadonlyMap<string, string>): Order | null {
  const v = row.values;
  const orderDate = date(v.date);
  if (!orderDate) return null;
  const clientId = text(v.clientId) || clientIdByEmail?.get(text(v.clientEmail)) || '';
  return {
    id: text(v.id),
    clientId,
    date: orderDate,
    product: text(v.product),
    quantity: number(v.quantity, 1),
    amount: number(v.amount),
    status: (text(v.status) || 'completed') as OrderStatus,
    completedAt: date(v.completedAt),
    pointsRedeemed: number(v.pointsRedeemed),
    discountCode: text(v.discountCode),
    notes: text(v.notes),
  };
}

export function feedbackFromRow(row: TypedRow): Feedback | null {
  const v = row.values;
  const at = date(v.date);
  if (!at) return null;
  return {
    id: text(v.id),
    date: at,
    clientId: text(v.clientId),
    orderId: text(v.orderId),
    rating: nullableNumber(v.rating),
    nps: nullableNumber(v.nps),
    comment: text(v.comment),
    mayQuote: v.mayQuote === true,
    responseId: text(v.responseId),
  };
}

export function requestFromRow(row: TypedRow): ClientRequest | null {
  const v = row.values;
  const receivedAt = date(v.receivedAt);
  if (!receivedAt) return null;
  return {
    id: text(v.id),
    clientId: text(v.clientId),
    channel: (text(v.channel) || 'other') as RequestChannel,
    receivedAt,
    answeredAt: date(v.answeredAt),
    summary: text(v.summary),
    threadId: text(v.threadId),
  };
}

export function ledgerEntryFromRow(row: TypedRow): LedgerEntry | null {
  const v = row.values;
  const at = date(v.date);
  if (!at) return null;
  return {
    id: text(v.id),
    date: at,
    clientId: text(v.clientId),
    kind: text(v.kind) as LedgerKind,
    points: number(v.points),
    key: text(v.key),
    orderId: text(v.orderId),
    // The machine part lives in its own column; a Reason cell written before keeps it as a bracketed suffix.
    reason: joinLedgerReason(text(v.reason), text(v.reasonCode)),
    by: text(v.by),
  };
}

export function sendFromRow(row: TypedRow): Send {
  const v = row.values;
  return {
    campaignId: text(v.campaignId),
    clientId: text(v.clientId),
    email: text(v.email),
    status: (text(v.status) || 'queued') as SendStatus,
    reason: text(v.reason),
    occasion: text(v.occasion),
    at: date(v.at),
    threadId: text(v.threadId),
    bouncedAt: date(v.bouncedAt),
    bounceStatus: text(v.bounceStatus),
    repliedAt: date(v.repliedAt),
    telegramMessageId: text(v.telegramMessageId),
  };
}

/** A campaign row; one with no id is not a campaign (a note line staff typed). */
export function campaignFromRow(row: TypedRow): Campaign | null {
  const v = row.values;
  if (!text(v.id)) return null;
  return {
    id: text(v.id),
    name: text(v.name),
    segmentId: text(v.segmentId),
    template: text(v.template),
    senderName: text(v.senderName),
    replyTo: text(v.replyTo),
    scheduledAt: date(v.scheduledAt),
    status: (text(v.status) || 'draft') as CampaignStatus,
    cost: number(v.cost),
    createdAt: date(v.createdAt) ?? new Date(0),
    note: text(v.note),
  };
}

/** Converts every row, dropping the ones the converter refuses (their problems were already reported). */
export function recordsFrom<T>(rows: readonly TypedRow[], convert: (row: TypedRow) => T | null): T[] {
  const records: T[] = [];
  for (const row of rows) {
    const record = convert(row);
    if (record !== null) records.push(record);
  }
  return records;
}
