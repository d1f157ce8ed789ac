// The studio's records, as the domain sees them once the sheets layer has parsed the cells.
// Pure data: no Apps Script types here. Dates are `Date`, money is a number in the studio's currency.

export type ClientId = string;
export type OrderId = string;

import type { Locale } from '../i18n/locale';

export type { Locale };

export type ChannelTopic = 'gaming' | 'irl' | 'art' | 'music' | 'just_chatting' | 'education' | 'other';
export const CHANNEL_TOPICS: readonly ChannelTopic[] = [
  'gaming',
  'irl',
  'art',
  'music',
  'just_chatting',
  'education',
  'other',
];

export interface Client {
  id: ClientId;
  name: string;
  email: string; // normalised: trimmed, lower case
  twitch: string;
  topic: ChannelTopic | '';
  country: string;
  city: string;
  birthday: Date | null;
  source: string;
  consentAt: Date | null;
  consentVersion: string;
  unsubscribedAt: Date | null;
  bouncedAt: Date | null;
  createdAt: Date | null;
  referralCode: string;
  referredBy: ClientId | '';
  locale: Locale | '';
  notes: string;
  /** Staff's own columns, by header, kept as read. */
  extra: Record<string, unknown>;
}

export type OrderStatus = 'new' | 'in_progress' | 'completed' | 'cancelled';
export const ORDER_STATUSES: readonly OrderStatus[] = ['new', 'in_progress', 'completed', 'cancelled'];

export interface Order {
  id: OrderId;
  clientId: ClientId;
  date: Date;
  /** Product category, e.g. "emotes", "sub badges", "stickers". */
  product: string;
  quantity: number;
  amount: number;
  status: OrderStatus;
  completedAt: Date | null;
  pointsRedeemed: number;
  discountCode: string;
  notes: string;
}

export interface Feedback {
  id: string;
  date: Date;
  clientId: ClientId;
  orderId: OrderId | '';
  rating: number | null; // 1..5
  nps: number | null; // 0..10
  comment: string;
  mayQuote: boolean;
  /** The form response id, so a second firing of the trigger changes nothing. */
  responseId: string;
}

export type RequestChannel = 'email' | 'twitch' | 'discord' | 'telegram' | 'other';
export const REQUEST_CHANNELS: readonly RequestChannel[] = ['email', 'twitch', 'discord', 'telegram', 'other'];

export interface ClientRequest {
  id: string;
  clientId: ClientId;
  channel: RequestChannel;
  receivedAt: Date;
  answeredAt: Date | null;
  summary: string;
  /** The Gmail thread of a request that came by mail: staff's reply there answers it. */
  threadId?: string;
}

export type LedgerKind = 'earn' | 'bonus' | 'redeem' | 'expire' | 'adjust' | 'reverse';

export interface LedgerEntry {
  id: string;
  date: Date;
  clientId: ClientId;
  kind: LedgerKind;
  /** Positive for credits, negative for debits. */
  points: number;
  /** What the entry is for: makes awarding idempotent (e.g. `order:O-12`, `feedback:R-7`). */
  key: string;
  orderId: OrderId | '';
  reason: string;
  by: string;
}

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'done' | 'cancelled';

export interface Campaign {
  id: string;
  name: string;
  segmentId: string;
  /** `draft:<subject>` for a Gmail draft, `sheet:<name>` for a Templates row. */
  template: string;
  senderName: string;
  replyTo: string;
  scheduledAt: Date | null;
  status: CampaignStatus;
  cost: number;
  createdAt: Date;
  note: string;
}

export type SendStatus = 'queued' | 'sent' | 'skipped' | 'failed';

export interface Send {
  /** A campaign id, or `flow:<name>` for an automated mailing. */
  campaignId: string;
  clientId: ClientId;
  email: string;
  status: SendStatus;
  /** Why it was skipped or how it failed. */
  reason: string;
  /** For a flow mail, what it is about (`order:O-12`, `birthday:2026`); blank for a campaign. */
  occasion?: string;
  at: Date | null;
  /** The Gmail thread the mail went out in: replies and follow-ups are found there. */
  threadId?: string;
  /** When a delivery-failure notice came back, and its DSN status (5.x.x hard, 4.x.x soft). */
  bouncedAt?: Date | null;
  bounceStatus?: string;
  /** When the client first answered in the thread. */
  repliedAt?: Date | null;
  /** The message id Telegram answered, when the message went there (Clients: preferred channel). */
  telegramMessageId?: string;
}
