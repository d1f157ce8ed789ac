// The one contract between the sidebar and the server: every function the sidebar may call through
// google.script.run, with its arguments and answer. The server's functions are checked against it
// (`satisfies`), and the sidebar calls only through the typed wrapper in src/ui/server.ts, so a renamed
// or reshaped server function fails type-checking, not at run time. Plain JSON-safe types only:
// google.script.run passes no Date objects, so times travel as ISO strings.
import type { Locale } from '../domain/types';

/** Where the sidebar opens; the menu's openers pick one. */
export type SidebarSection =
  'overview' | 'clients' | 'segments' | 'campaigns' | 'automations' | 'forms' | 'telegram' | 'settings' | 'help';

export interface Boot {
  locale: Locale;
  section: SidebarSection;
  /** Whether the database sheets exist; the sidebar offers setup when not. */
  ready: boolean;
  userEmail: string;
  /** The spreadsheet's time zone (IANA id): every time the sidebar shows or takes is on this clock. */
  timeZone: string;
}

/** One row of the Settings sheet as staff edit it: known keys show their default and type. */
export interface SettingRowView {
  key: string;
  value: string;
  description: string;
  /** The built-in default as text, or null for a key no area reads. */
  defaultValue: string | null;
  kind: 'number' | 'boolean' | 'text' | 'json' | 'unknown';
  /** Why the stored value is not used (in the staff's language), or null. */
  problem: string | null;
}

// No getBoot: the server embeds the Boot in the sidebar's page (window.STUDIO_CRM_BOOT), so the first load makes no call.
export interface SidebarApi {
  listSettings(): SettingRowView[];
  /** Validates and stores one setting; answers the row as now stored. */
  saveSetting(key: string, value: string): SettingRowView;
}

// ---- Loyalty: the client card, adjustments, redemptions, discount codes (declarations merge into SidebarApi).

export interface LoyaltyLedgerLine {
  /** ISO time. */
  date: string;
  kind: 'earn' | 'bonus' | 'redeem' | 'expire' | 'adjust' | 'reverse';
  points: number;
  /** Translated into the staff's language. */
  reason: string;
  orderId: string;
  by: string;
}

export interface LoyaltyCard {
  clientId: string;
  /** The sum of the ledger, now (not the Clients column, which is refreshed nightly). */
  balance: number;
  tier: string;
  /** ISO day the client last qualified for the tier, or null before the first nightly run. */
  tierSince: string | null;
  expiringSoon: { points: number; firstExpiresAt: string } | null;
  /** Newest first. */
  lastEntries: LoyaltyLedgerLine[];
  referralCode: string;
  /** Personal discount in percent (0 when none) and where it comes from. */
  discount: { percent: number; source: string };
  recommendations: { product: string; basis: 'co-purchase' | 'popular'; because: string }[];
}

export interface PointsAdjustment {
  clientId: string;
  /** Whole points, negative to take points away. */
  points: number;
  reason: string;
  /** Made once per submit by the sidebar, so a double click records one entry. */
  pressId: string;
}

export interface PointsRedemption {
  clientId: string;
  orderId: string;
  points: number;
  pressId: string;
}

export interface PointsChange {
  clientId: string;
  balance: number;
  /** False when the same request was already recorded. */
  recorded: boolean;
}

export interface DiscountCodeView {
  code: string;
  campaignId: string;
  clientId: string;
  percent: number;
  usedAt: string | null;
  orderId: string;
}

export interface LoyaltyRunSummary {
  appended: number;
  clients: number;
}

export interface SidebarApi {
  getLoyaltyCard(clientId: string): LoyaltyCard;
  adjustPoints(adjustment: PointsAdjustment): PointsChange;
  redeemPoints(redemption: PointsRedemption): PointsChange;
  /** Issues codes for the clients that have none for the campaign yet; answers every client's code. */
  issueDiscountCodes(campaignId: string, clientIds: string[], percent: number): DiscountCodeView[];
  lookupDiscountCode(code: string): DiscountCodeView | null;
  markDiscountCodeUsed(code: string, clientId: string, orderId: string): DiscountCodeView;
  /** The nightly loyalty step, now. */
  runLoyaltyNow(): LoyaltyRunSummary;
}

// ---- Database, forms, import, requests, client card (declarations merge into SidebarApi).

export interface SetupSummary {
  sheetsCreated: string[];
  columnsAdded: number;
  settingsAdded: number;
  /** Unreadable cells found after setup (listed on the Problems sheet). */
  problems: number;
  /** What setup did, in the staff's language. */
  message: string;
}

/** One unreadable cell: where it is, what it holds, and what is wrong, in the staff's language. */
export interface ProblemView {
  sheet: string;
  /** 1-based row (of the sheet, or of the imported text); 0 when the whole sheet is concerned. */
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface ProblemsView {
  count: number;
  /** The first 200. */
  problems: ProblemView[];
}

export interface ImportSummary extends ProblemsView {
  added: number;
  updated: number;
  /** Rows that matched a record and changed nothing. */
  unchanged: number;
  /** Rows not imported (unreadable required cell, no email, a title row). */
  skipped: number;
}

export interface FormView {
  formId: string;
  /** The published (respondent) link. */
  url: string;
  /** Null when not counted (right after creation). */
  responses: number | null;
}

export interface FormsView {
  registration: FormView | null;
  feedback: FormView | null;
  /** The text the sidebar draws as a QR code: the registration link. */
  qrText: string | null;
}

export interface NewRequest {
  clientId: string;
  /** email | twitch | discord | telegram | other (a label in either language is accepted). */
  channel: string;
  summary: string;
  /** ISO time; now when omitted. */
  receivedAt?: string;
  /** Made once per press by the sidebar: the same id again answers the first request, recording none. */
  pressId?: string;
}

export interface RequestView {
  id: string;
  clientId: string;
  clientName: string;
  channel: 'email' | 'twitch' | 'discord' | 'telegram' | 'other';
  summary: string;
  receivedAt: string;
  answeredAt: string | null;
}

/** An open request as the sidebar lists it: how long it has waited, on the server's clock, against the target. */
export interface OpenRequestView extends RequestView {
  /** Whole minutes since it came in. */
  waitingMinutes: number;
  /** The studio's one answer target in minutes (Settings `analysis.goalResponseHours`; see domain/analysis/response-target). */
  targetMinutes: number;
}

export interface ClientSummary {
  id: string;
  name: string;
  email: string;
  twitch: string;
}

/** A part of the client card, or the sentence saying why it could not be made (the rest still shows). */
export type CardPart<T> = { ok: true; value: T } | { ok: false; error: string };

/** The whole client card, one call: the basics, and the parts analysis, loyalty and mails add. */
export interface ClientCardView extends ClientCardBasics {
  insights: CardPart<ClientInsights>;
  loyalty: CardPart<LoyaltyCard>;
  mails: CardPart<ClientMailView[]>;
}

export interface ClientCardBasics {
  profile: ClientSummary & {
    topic: string;
    country: string;
    city: string;
    birthday: string | null;
    source: string;
    consentAt: string | null;
    consentVersion: string;
    unsubscribedAt: string | null;
    createdAt: string | null;
    notes: string;
  };
  /** Newest first. */
  orders: { id: string; date: string; product: string; quantity: number; amount: number; status: string }[];
  feedback: {
    id: string;
    date: string;
    orderId: string;
    rating: number | null;
    nps: number | null;
    comment: string;
    mayQuote: boolean;
  }[];
  requests: RequestView[];
  fiveW: FiveWView;
  /** The studio's currency (ISO code, Settings `core.currency`): order amounts are in it. */
  currency: string;
}

/** The client in five questions, from the same reads as the card (derived columns as the last refresh wrote them). */
export interface FiveWView {
  /** What they order: products by completed orders, most first (at most three). */
  what: { product: string; orders: number; quantity: number }[];
  /** Who they are: stage, RFM segment and tier as the Clients sheet holds them, channel topic in the staff language. */
  who: { stage: string; segment: string; tier: string; topic: string };
  /** Why: the reasons they give, from order notes and feedback comments, newest first (at most three). */
  why: string[];
  /** When: completed orders, the usual days between them, the last, and the next expected (or how late it is). */
  when: {
    orders: number;
    rhythmDays: number | null;
    lastOrder: string | null;
    nextExpected: string | null;
    overdueDays: number | null;
  };
  /** Where: how they found the studio, and the channels they write through (most used first). */
  where: { source: string; channels: RequestView['channel'][] };
}

export interface SidebarApi {
  setupDatabase(): SetupSummary;
  refreshProblems(): ProblemsView;
  createForms(): FormsView;
  getForms(): FormsView;
  importCsv(kind: 'clients' | 'orders', text: string): ImportSummary;
  importPasted(kind: 'clients' | 'orders', text: string): ImportSummary;
  logRequest(request: NewRequest): RequestView;
  markRequestAnswered(requestId: string): RequestView;
  /** Unanswered requests, oldest first. */
  listOpenRequests(): OpenRequestView[];
  searchClients(query: string): ClientSummary[];
  getClientCard(clientId: string): ClientCardView;
}

// ---- Analysis: overview, segments, client insights (declarations merge into SidebarApi).

export interface KpiTileView {
  /** Stable key, e.g. `repeatOrderRate`. */
  key: string;
  label: string;
  format: 'percent' | 'money' | 'number' | 'hours' | 'score';
  current: number | null;
  previous: number | null;
}

export interface ClientBrief {
  id: string;
  name: string;
  email: string;
  /** Lifecycle stage, translated. */
  lifecycle: string;
}

export interface ClvStatusView {
  kind: 'fitted' | 'fallback';
  /** The sentence to show: fitted on N repeat buyers, or why the fallback is used. */
  message: string;
}

/** One KPI against the studio's target (Settings `analysis.goal…`); the sidebar words the target. */
export interface GoalView {
  key: string;
  rule: 'atLeast' | 'atMost' | 'growthAtLeast' | 'changeAtMost';
  target: number;
  /** The value, or its change against the previous period for growth/change targets; null: no data yet. */
  measured: number | null;
  state: 'green' | 'amber' | 'red' | null;
  trend: 'better' | 'worse' | 'same' | null;
}

export interface OverviewView {
  /** ISO days, `to` inclusive. */
  period: { from: string; to: string };
  /** The studio's currency (ISO code): money tiles are in it. */
  currency: string;
  tiles: KpiTileView[];
  goals: GoalView[];
  attention: {
    lapsingRegulars: number;
    lapsingSample: ClientBrief[];
    unansweredRequests: number;
    /** Null when the studio has no campaigns. */
    pausedCampaigns: number | null;
    problems: number;
  };
  /** Null before the first refresh. */
  clv: ClvStatusView | null;
  /** ISO time of the last refresh, or null. */
  refreshedAt: string | null;
  /** The response-time KPI as measured from the Requests sheet now (not cached with the rest). */
  responseTime?: ResponseTimeView;
}

/** A request still waiting for the studio's first answer. */
export interface WaitingRequestView {
  id: string;
  clientId: string;
  clientName: string;
  /** ISO time. */
  receivedAt: string;
  waitingMinutes: number;
}

export interface ResponseTimeView {
  targetMinutes: number;
  answered: number;
  averageMinutes: number | null;
  medianMinutes: number | null;
  /** 0..1: answered within the target, of those answered or already past it; null with none. */
  withinTargetShare: number | null;
  waitingLongest: WaitingRequestView[];
  nearingTarget: WaitingRequestView[];
}

export interface SegmentView {
  id: string;
  name: string;
  /** Readable rules text (as in the Segments sheet). */
  rules: string;
  builtIn: boolean;
  /** Live count; null when the rules cannot run. */
  members: number | null;
  /** Translated problems with the rules. */
  problems: string[];
}

/** A rule tree as the rules builder sends it (same shape as the domain's SegmentGroup, JSON only). */
export interface SegmentRuleTree {
  match: 'all' | 'any';
  rules: Array<
    | { field: string; op: string; value?: string | number | boolean | null | Array<string | number | boolean> }
    | SegmentRuleTree
  >;
}

export interface SegmentPreview {
  ok: boolean;
  count: number;
  sample: ClientBrief[];
  problems: string[];
  /** The rules as they would be saved. */
  rules: string;
}

export interface ClientInsights {
  clientId: string;
  lifecycle: string;
  /** Translated RFM segment, or '' without orders. */
  rfm: string;
  churnRisk: number | null;
  predictedValue: number | null;
  /** The studio's currency (ISO code) the predicted value is in. */
  currency: string;
  /** ISO day, or null. */
  nextOrderExpected: string | null;
  /** Whole days the expected order is late by (the expected day is in the past), else null. */
  nextOrderOverdueDays: number | null;
  /** Names of the segments (built-in and saved) the client is in. */
  segments: string[];
}

export interface SidebarApi {
  getOverview(): OverviewView;
  getClientInsights(clientId: string): ClientInsights;
  listSegments(): SegmentView[];
  previewSegment(rules: string | SegmentRuleTree): SegmentPreview;
  /** `pressId`: made once per press; the same id again answers the first save, writing nothing. */
  saveSegment(segment: { id?: string; name: string; rules: string | SegmentRuleTree; pressId?: string }): SegmentView;
  renameSegment(id: string, name: string): SegmentView;
  deleteSegment(id: string): { deleted: string };
}

// ---- Campaigns and automated mailings (declarations merge into SidebarApi).

export type CampaignStatusName = 'draft' | 'scheduled' | 'sending' | 'paused' | 'done' | 'cancelled';

export interface CampaignView {
  id: string;
  name: string;
  segmentId: string;
  /** `draft:<subject>` (a Gmail draft) or a Templates row name. */
  template: string;
  senderName: string;
  replyTo: string;
  /** ISO time, or null for "send now". */
  scheduledAt: string | null;
  /** The scheduled time on the studio's clock (its spreadsheet's time zone), written for the staff; or null. */
  scheduledText: string | null;
  status: CampaignStatusName;
  cost: number;
  recipients: number;
  sent: number;
  skipped: number;
  failed: number;
  /** From the inbox step: clients who answered in the mail's thread, mails that bounced, replied ÷ sent. */
  replied?: number;
  bounced?: number;
  replyRate?: number | null;
}

/**
 * What staff fill in to create a campaign: its view's own fields, before any send. `scheduledAt` comes as the
 * wall-clock text typed (`2026-12-05T10:00`, on the spreadsheet's clock) or an ISO time with its offset.
 */
export type NewCampaign = Pick<
  CampaignView,
  'name' | 'segmentId' | 'template' | 'senderName' | 'replyTo' | 'scheduledAt' | 'cost'
> & {
  /** Made once per press by the sidebar: the same id again answers the first campaign, creating none. */
  pressId?: string;
};

export interface CampaignPreview {
  campaignId: string;
  /** The recipient shown, or null when nobody is eligible. */
  clientId: string | null;
  subject: string;
  html: string;
  text: string;
  /** Recipients after exclusions (already sent ones included once the campaign is under way). */
  recipients: number;
  /** Excluded members by reason code (noConsent, unsubscribed, …). */
  skippedByReason: Record<string, number>;
  /** Unknown fields, recipients with missing values, a missing template: sentences in the staff's language. */
  problems: string[];
  /** Blocks nothing: how many clients get the studio's language for want of a variant in theirs. */
  notes: string[];
}

export interface CampaignProgress {
  campaignId: string;
  status: CampaignStatusName;
  sent: number;
  /** Still queued. */
  remaining: number;
  failed: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  /** Why it is paused, in the staff's language, or null. */
  message: string | null;
  /**
   * Set when the Send was pressed by a staff member who is not the studio's sending account: the mail goes out
   * from `account`'s Gmail through its trigger, at the latest by `by` (ISO time); `message` says so in words.
   */
  queuedFor?: { account: string; by: string; message: string };
}

/** The count staff confirm before a send, decided on the server after every exclusion. */
export interface CampaignConfirmation {
  campaignId: string;
  /** Mails a press would send now; `sendCampaign` refuses when its count differs from the one confirmed. */
  count: number;
  /** How many of them go out today within the quota; the rest follow when it refills. */
  today: number;
  skippedByReason: Record<string, number>;
  /** The question to confirm, in the staff's language: the count, today's share, who is excluded and why. */
  sentence: string;
  /** What blocks sending (a missing template, unknown fields, recipients with holes); empty when it may go. */
  problems: string[];
}

export type FlowNameView = 'welcome' | 'feedback' | 'winback' | 'birthday' | 'pointsExpiry' | 'tierReached';

export interface AutomationView {
  flow: FlowNameView;
  /** The flow's name in the staff's language. */
  label: string;
  enabled: boolean;
  /** Days after the occasion (before it, for birthday and points expiring). */
  delayDays: number;
  template: string;
}

/** What a flow would mail in the next days if switched on now (nothing that already happened counts). */
export interface AutomationForecast {
  flow: FlowNameView;
  days: number;
  count: number;
  /** "Name (C-0001)", the first few clients. */
  clients: string[];
  /** Clients beyond those named. */
  moreClients: number;
}

export interface SidebarApi {
  listCampaigns(): CampaignView[];
  createCampaign(campaign: NewCampaign): CampaignView;
  previewCampaign(campaignId: string, clientId?: string | null): CampaignPreview;
  confirmCampaign(campaignId: string): CampaignConfirmation;
  /** Sends the previewed recipient's mail (the first one when none is given) to the staff member; answers a sentence. */
  testSendCampaign(campaignId: string, clientId?: string | null): string;
  /** Refuses when `confirmedCount` (from confirmCampaign) differs from the count now. */
  sendCampaign(campaignId: string, confirmedCount: number): CampaignProgress;
  /** `at`: the wall-clock time typed (`2026-12-05T10:00`), on the spreadsheet's clock; or an instant with offset. */
  scheduleCampaign(campaignId: string, at: string): CampaignView;
  cancelCampaign(campaignId: string): CampaignView;
  getCampaignProgress(campaignId: string): CampaignProgress;
  listAutomations(): AutomationView[];
  saveAutomation(automation: Omit<AutomationView, 'label'>): AutomationView;
  forecastAutomation(flow: FlowNameView): AutomationForecast;
}

// ---- Mail history: what a client received, what each flow sent lately, templates to pick from
// (declarations merge into SidebarApi).

export type SendStatusView = 'queued' | 'sent' | 'skipped' | 'failed';

/** One Sends row as the client card shows it. */
export interface ClientMailView {
  /** A campaign id, or `flow:<name>` for an automated mail. */
  campaignId: string;
  kind: 'campaign' | 'flow';
  /** The campaign's name (its id when the row is gone), or the flow's name in the staff's language. */
  name: string;
  status: SendStatusView;
  /** Why it was skipped or how it failed, in the staff's language; '' when sent or queued. */
  reason: string;
  /** ISO time, or null (queued, not yet sent). */
  at: string | null;
}

export interface FlowSendView {
  clientId: string;
  email: string;
  status: SendStatusView;
  reason: string;
  /** What the mail was about (`order:O-12`, `birthday:2026`). */
  occasion: string;
  at: string | null;
}

/** What one automated flow sent lately. */
export interface FlowActivityView {
  flow: FlowNameView;
  /** The counts cover the last `days` days. */
  days: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Waiting to be sent (any age). */
  queued: number;
  /** Newest first, a few. */
  recent: FlowSendView[];
}

/** A template staff may pick for a campaign or flow. */
export interface TemplateOption {
  /** What goes into the campaign's template: the Templates row name, or `draft:<subject>`. */
  ref: string;
  source: 'sheet' | 'draft';
  subject: string;
}

export interface SidebarApi {
  /** Newest first, at most 50. */
  getClientMails(clientId: string): ClientMailView[];
  /** One entry per flow, in the flows' order. */
  getFlowActivity(): FlowActivityView[];
  /** Templates sheet rows, then Gmail drafts without a recipient. */
  listTemplates(): TemplateOption[];
}

// ---- Telegram: the studio's bot, client and staff links, replies (declarations merge into SidebarApi).

export interface TelegramStatusView {
  connected: boolean;
  /** The bot's @username, without the @. */
  username: string | null;
  /** The token with its secret part hidden; the whole token never leaves the server. */
  maskedToken: string | null;
}

export interface SidebarApi {
  connectTelegramBot(token: string): TelegramStatusView;
  getTelegramStatus(): TelegramStatusView;
  disconnectTelegramBot(): TelegramStatusView;
  /** The client's signed t.me deep link. */
  getTelegramLink(clientId: string): string;
  /** The link that makes the chat opening it the studio's alert chat. */
  getTelegramStaffLink(): string;
  /**
   * Sends the reply through the bot; the request is marked answered (the first answer time is kept).
   * `pressId`: made once per press by the sidebar; the same id again sends nothing and answers the first result.
   */
  replyOnTelegram(requestId: string, text: string, pressId?: string): RequestView;
}
