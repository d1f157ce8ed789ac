// Sends that nothing reads row by row any more, rolled up into totals: per campaign (counts, skips by
// reason, the orders and revenue attribution credited to it) and per client (mails, the last one, and the
// campaigns and occasions the client was listed for, so "already mailed" still holds). What stays a row:
// anything queued, every bounce (an address that bounced is never mailed again), rows of a campaign still
// running, and every row younger than the cutoff, which no cap, kind, attribution or KPI window reaches past.
import { addDays } from '../analysis/dates';
import type { CampaignStatus, ClientId, Order, Send } from '../types';
import { attributeOrders, type CampaignResult } from './attribution';
import { BOUNCE_REASON } from './exclusions';
import type { CampaignCounts } from './state';
import {
  DEFAULT_FLOW_SETTINGS,
  FLOW_NAMES,
  flowOfCampaignId,
  type CampaignSettings,
  type FlowSettings,
} from './settings';

export interface RollupSettings {
  /** Off: nothing rolls up (the Settings row `rollups.enabled`). */
  enabled: boolean;
  /** Sends older than this many months roll up (never nearer than the longest window a reader looks back). */
  sendsAfterMonths: number;
  /** Closed years of the loyalty ledger kept as rows before they roll up: 1 keeps last year's entries. */
  ledgerKeepYears: number;
}

export const DEFAULT_ROLLUP_SETTINGS: Readonly<RollupSettings> = {
  enabled: true,
  // 3, not 12: every reader's window is at most 62 days (the cutoff below never comes nearer), and 12 months of
  // mailed rows alone pass 10 M cells in year 4 for a 10,000-client studio (docs/bench-runs/proj.md).
  sendsAfterMonths: 3,
  // 1, not 0: a January refund or edit of a December order is still re-priced; 0 saves a year of entries (docs/bench-runs/proj.md).
  ledgerKeepYears: 1,
};

/** One Send totals row: a campaign's (clientId blank) or a client's (campaignId blank). */
export interface SendTotal {
  campaignId: string;
  clientId: ClientId;
  sent: number;
  skipped: number;
  failed: number;
  /** Campaign rows: skips by the reason their rows said. */
  skippedByReason: Record<string, number>;
  /** Campaign rows: attribution of the rolled mails, settled when they rolled up. */
  orders: number;
  revenue: number;
  buyers: number;
  lastAt: Date | null;
  /** Client rows: `campaignId|occasion` of every rolled row (a failed one marked `!`). */
  keys: string[];
}

/** KPIs look back to the start of last month (≤ 62 days); caps and kinds 7 days. */
const KPI_LOOKBACK_DAYS = 62;

/**
 * Rows dated before this roll up: `sendsAfterMonths` back, but never later than the longest window a
 * reader looks back (the cap's week, attribution days, every flow's delay + late days, the KPI month).
 */
export function sendsRollupCutoff(
  now: Date,
  settings: RollupSettings,
  campaignSettings: Pick<CampaignSettings, 'attributionDays'>,
  flowSettings: FlowSettings = DEFAULT_FLOW_SETTINGS,
): Date {
  const byMonths = new Date(now.getTime());
  byMonths.setUTCMonth(byMonths.getUTCMonth() - Math.max(1, Math.floor(settings.sendsAfterMonths)));
  const windows = [
    7,
    KPI_LOOKBACK_DAYS,
    campaignSettings.attributionDays,
    ...FLOW_NAMES.map((flow) => flowSettings[flow].delayDays + flowSettings[flow].lateDays),
  ];
  const byWindows = addDays(now, -Math.max(...windows) - 1);
  return byMonths.getTime() < byWindows.getTime() ? byMonths : byWindows;
}

const FINISHED: readonly CampaignStatus[] = ['done', 'cancelled'];

/** Whether a row may leave the sheet: see the file's head for what stays. */
function rollsUp(send: Send, cutoff: Date, statusOf: (campaignId: string) => CampaignStatus | null): boolean {
  if (send.status === 'queued') return false;
  if (send.status === 'failed' && send.reason.startsWith(BOUNCE_REASON)) return false;
  const isFlow = flowOfCampaignId(send.campaignId) !== null || send.campaignId.startsWith('flow:');
  if (!isFlow) {
    const status = statusOf(send.campaignId);
    if (status === null || !FINISHED.includes(status)) return false;
    // A finished campaign's skipped members are counts already: nothing reads their rows.
    if (send.status === 'skipped') return true;
  }
  return send.at !== null && send.at.getTime() < cutoff.getTime();
}

function emptyTotal(campaignId: string, clientId: ClientId): SendTotal {
  return {
    campaignId,
    clientId,
    sent: 0,
    skipped: 0,
    failed: 0,
    skippedByReason: {},
    orders: 0,
    revenue: 0,
    buyers: 0,
    lastAt: null,
    keys: [],
  };
}

/** Marks a failed row's key in a client's keys: counted, but neither "listed" nor "handled". */
const FAILED_MARK = '!';

function occasionOf(send: Send): string {
  return send.occasion || (send.campaignId.startsWith('flow:') ? send.reason : '');
}

export interface SendsRollupInput {
  sends: readonly Send[];
  campaigns: readonly { id: string; status: CampaignStatus }[];
  orders: readonly Order[];
  campaignSettings: CampaignSettings;
  cutoff: Date;
  /** The totals already in the sheet: the new ones are added to them. */
  totals: readonly SendTotal[];
}

export interface SendsRollupPlan {
  /** Positions in `sends` of the rows that leave the sheet, ascending. */
  rolled: number[];
  /** Every totals row after the roll-up: campaigns first, then clients, each by id. */
  totals: SendTotal[];
}

/** Positions of the rows that would roll up: the nightly step reads Orders only when there are some. */
export function sendsToRollUp(
  sends: readonly Send[],
  campaigns: readonly { id: string; status: CampaignStatus }[],
  cutoff: Date,
): number[] {
  const statusById = new Map(campaigns.map((campaign) => [campaign.id, campaign.status]));
  const statusOf = (id: string): CampaignStatus | null => statusById.get(id) ?? null;
  const rolled: number[] = [];
  sends.forEach((send, index) => {
    if (rollsUp(send, cutoff, statusOf)) rolled.push(index);
  });
  return rolled;
}

export function planSendsRollup(input: SendsRollupInput): SendsRollupPlan {
  const rolled = sendsToRollUp(input.sends, input.campaigns, input.cutoff);
  const byCampaign = new Map<string, SendTotal>();
  const byClient = new Map<ClientId, SendTotal>();
  for (const total of input.totals) {
    const copy = { ...total, skippedByReason: { ...total.skippedByReason }, keys: [...total.keys] };
    if (total.clientId === '') byCampaign.set(total.campaignId, copy);
    else byClient.set(total.clientId, copy);
  }
  if (rolled.length === 0) return { rolled, totals: sortedTotals(byCampaign, byClient) };
  // Attribution over every row as it is now: a rolled mail's orders are all in (the cutoff is past its window).
  const credited = attributeOrders(input.orders, input.sends, input.campaignSettings);
  const creditedByClient = new Map<ClientId, Order[]>();
  for (const order of input.orders) {
    if (!credited.has(order.id)) continue;
    creditedByClient.set(order.clientId, [...(creditedByClient.get(order.clientId) ?? []), order]);
  }
  const later = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null || a > b ? a : b);
  for (const index of rolled) {
    const send = input.sends[index] as Send;
    const client = byClient.get(send.clientId) ?? emptyTotal('', send.clientId);
    byClient.set(send.clientId, client);
    // A row's identity is in its client's keys once counted: a run cut off between writing the totals and
    // removing the rows removes them next night without counting them twice.
    const key = `${send.status === 'failed' ? FAILED_MARK : ''}${send.campaignId}|${occasionOf(send)}`;
    if (client.keys.includes(key)) continue;
    client.keys.push(key);
    if (send.status === 'sent') {
      client.sent += 1;
      client.lastAt = later(client.lastAt, send.at);
    }
    const campaign = byCampaign.get(send.campaignId) ?? emptyTotal(send.campaignId, '');
    byCampaign.set(send.campaignId, campaign);
    campaign[send.status === 'queued' ? 'sent' : send.status] += 1;
    campaign.lastAt = later(campaign.lastAt, send.at);
    if (send.status === 'skipped') {
      const reason = send.reason || 'unknown';
      campaign.skippedByReason[reason] = (campaign.skippedByReason[reason] ?? 0) + 1;
    }
    if (send.status === 'sent') {
      const won = (creditedByClient.get(send.clientId) ?? []).filter(
        (order) => credited.get(order.id) === send.campaignId,
      );
      campaign.orders += won.length;
      campaign.revenue += won.reduce((sum, order) => sum + order.amount, 0);
      if (won.length > 0) campaign.buyers += 1;
    }
  }
  return { rolled, totals: sortedTotals(byCampaign, byClient) };
}

function sortedTotals(byCampaign: Map<string, SendTotal>, byClient: Map<ClientId, SendTotal>): SendTotal[] {
  const byId = (a: [string, SendTotal], b: [string, SendTotal]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return [...[...byCampaign].sort(byId), ...[...byClient].sort(byId)].map(([, total]) => total);
}

/** What the rolled rows still say: campaigns by id, and every `campaignId|clientId|occasion` handled. */
export interface RolledSends {
  campaigns: Map<string, SendTotal>;
  /** `campaignId|clientId|occasion` of every rolled row but a failed one, as flows key their occasions. */
  handled: Set<string>;
  /** `campaignId|clientId` of the same rows, as a campaign checks who it already listed. */
  listed: Set<string>;
}

export function rolledSends(totals: readonly SendTotal[]): RolledSends {
  const campaigns = new Map<string, SendTotal>();
  const handled = new Set<string>();
  const listed = new Set<string>();
  for (const total of totals) {
    if (total.clientId === '') {
      campaigns.set(total.campaignId, total);
      continue;
    }
    for (const key of total.keys) {
      if (key.startsWith(FAILED_MARK)) continue; // a failed mail handled nothing
      const bar = key.indexOf('|');
      const campaignId = bar === -1 ? key : key.slice(0, bar);
      handled.add(`${campaignId}|${total.clientId}|${bar === -1 ? '' : key.slice(bar + 1)}`);
      listed.add(`${campaignId}|${total.clientId}`);
    }
  }
  return { campaigns, handled, listed };
}

export const NO_ROLLED_SENDS: RolledSends = { campaigns: new Map(), handled: new Set(), listed: new Set() };

/** A campaign's counts with its rolled rows added back. */
export function withRolledCounts(counts: CampaignCounts, total: SendTotal | undefined): CampaignCounts {
  if (!total) return counts;
  const skippedByReason = { ...counts.skippedByReason };
  for (const [reason, count] of Object.entries(total.skippedByReason))
    skippedByReason[reason] = (skippedByReason[reason] ?? 0) + count;
  return {
    recipients: counts.recipients + total.sent + total.skipped + total.failed,
    queued: counts.queued,
    sent: counts.sent + total.sent,
    failed: counts.failed + total.failed,
    skipped: counts.skipped + total.skipped,
    skippedByReason,
  };
}

/** A campaign's results with its rolled mails' settled attribution added back (rows are per client: disjoint). */
export function withRolledResult(
  result: CampaignResult,
  total: SendTotal | undefined,
  cost: number,
  margin: number,
): CampaignResult {
  if (!total) return result;
  const recipients = result.recipients + total.sent;
  const buyers = result.buyers + total.buyers;
  const revenue = result.revenue + total.revenue;
  return {
    ...result,
    recipients,
    orders: result.orders + total.orders,
    buyers,
    revenue,
    conversionRate: recipients > 0 ? buyers / recipients : 0,
    roi: cost > 0 ? (revenue * margin - cost) / cost : null,
  };
}
