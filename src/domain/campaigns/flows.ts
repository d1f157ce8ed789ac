// Automated mails: which flow mail is due for whom, now. Each has an occasion key (`order:O-12`,
// `birthday:2026`, `winback:O-40`) written in Sends' occasion column, so one occasion never gets two mails.
import { addDays, birthdayIn, calendarDaysBetween, isoDay, isValidDate } from '../analysis/dates';
import { wallParts } from '../cells/dates';
import type { ClientFactsById } from '../analysis/facts';
import type { Client, ClientId, Order, Send } from '../types';
import type { Channel } from '../telegram/channel';
import { bouncedEmailsOf, recipientBlock, RecentKinds, WeeklyLoad, type KindOf } from './exclusions';
import {
  DEFAULT_CAMPAIGN_SETTINGS,
  flowCampaignId,
  flowOfCampaignId,
  type CampaignSettings,
  type FlowName,
  type FlowSettings,
  type WinbackRule,
} from './settings';

export interface FlowFacts {
  /** The hour (0–23) now on the studio's clock, in its time zone. */
  localHour: number;
  /** Addresses whose unsubscribe is recorded in script properties but not yet in Clients. */
  pendingUnsubscribes: ReadonlySet<string>;
  /** Occasions whose Sends rows rolled up (`flow:tierReached|C-1|tier:Gold`): handled as their rows were. */
  handledBefore?: ReadonlySet<string>;
  /** Churn risk, tier and points from analysis and loyalty. */
  clients?: ClientFactsById;
  /** Points lots that will expire, from the loyalty ledger. */
  pointsExpiring?: readonly { clientId: ClientId; points: number; expiresAt: Date }[];
  /** Tiers clients reached, from loyalty. */
  tiersReached?: readonly { clientId: ClientId; tier: string; reachedAt: Date }[];
  /** The feedback form's link prefilled for the order (built by the forms service). */
  feedbackLink?: (client: Client, order: Order) => string;
  /** Each Sends row's kind (campaigns by their template): one mail of a kind per client in the cap's window. */
  kindOf?: KindOf;
  /** Each client's channel (channelFor); absent: mail. Telegram alone is judged by Telegram's rules. */
  channels?: ReadonlyMap<ClientId, Channel>;
}

export interface FlowMail {
  flow: FlowName;
  clientId: ClientId;
  /** Stable key of what the mail is about; goes to Sends' occasion column. */
  occasion: string;
  template: string;
  /** Merge values particular to this mail (feedback_link, last_order, points, tier). */
  fields: Record<string, string>;
}

/** Send order when several mails are due for one client: only the first goes today, the rest later. */
const PRIORITY: readonly FlowName[] = ['feedback', 'welcome', 'tierReached', 'pointsExpiry', 'birthday', 'winback'];

export function isQuietHour(hour: number, settings: CampaignSettings = DEFAULT_CAMPAIGN_SETTINGS): boolean {
  const { quietFromHour: from, quietUntilHour: until } = settings;
  if (from === until) return false;
  return from > until ? hour >= from || hour < until : hour >= from && hour < until;
}

/**
 * Due from the calendar day of `due` through `lateDays` days after it: "3 days after an order completed
 * in the evening" is the morning run three days later, not the evening one.
 */
function inWindow(due: Date, now: Date, lateDays: number): boolean {
  const late = calendarDaysBetween(due, now);
  return late >= 0 && late <= lateDays;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * When a client counts as gone quiet: their last order + median gap × lateFactor when they have
 * a rhythm (at least `minOrders` orders); `now` when the churn risk reaches the threshold; else null.
 */
export function winbackDue(
  orders: readonly Order[],
  churnRisk: number | null | undefined,
  rule: WinbackRule,
  now: Date,
): { lateAt: Date; byRisk: boolean } | null {
  const last = orders[orders.length - 1];
  if (!last) return null;
  if (typeof churnRisk === 'number' && churnRisk >= rule.churnRiskThreshold) return { lateAt: now, byRisk: true };
  if (orders.length < rule.minOrders) return null;
  const gaps = orders.slice(1).map((order, index) => calendarDaysBetween((orders[index] as Order).date, order.date));
  return { lateAt: addDays(last.date, Math.max(median(gaps), rule.minGapDays) * rule.lateFactor), byRisk: false };
}

interface Candidate {
  flow: FlowName;
  clientId: ClientId;
  occasion: string;
  fields: Record<string, string>;
  /** What the mail is about happened (or fell due) then: before the flow was switched on, it is never mailed. */
  happenedAt: Date;
}

function candidatesFor(
  client: Client,
  orders: readonly Order[],
  now: Date,
  facts: FlowFacts,
  settings: FlowSettings,
): Candidate[] {
  const found: Candidate[] = [];
  const add = (flow: FlowName, occasion: string, happenedAt: Date, fields: Record<string, string> = {}): void => {
    found.push({ flow, clientId: client.id, occasion, fields, happenedAt });
  };
  const { welcome, feedback, winback, birthday } = settings;
  if (
    welcome.enabled &&
    client.createdAt &&
    inWindow(addDays(client.createdAt, welcome.delayDays), now, welcome.lateDays)
  )
    add('welcome', 'welcome', client.createdAt);
  if (feedback.enabled) {
    for (const order of orders) {
      if (order.status !== 'completed' || !isValidDate(order.completedAt)) continue;
      if (!inWindow(addDays(order.completedAt, feedback.delayDays), now, feedback.lateDays)) continue;
      add('feedback', `order:${order.id}`, order.completedAt, {
        feedback_link: facts.feedbackLink?.(client, order) ?? '',
        last_order: order.product,
      });
    }
  }
  const placed = orders.filter((order) => order.status !== 'cancelled' && order.date.getTime() <= now.getTime());
  const last = placed[placed.length - 1];
  if (winback.enabled && last) {
    const risk = facts.clients?.get(client.id)?.churnRisk;
    const late = winbackDue(placed, risk, settings.winbackRule, now);
    // Churn risk has no date of its own to delay from or be late against: due while it stays high.
    if (late && (late.byRisk || inWindow(addDays(late.lateAt, winback.delayDays), now, winback.lateDays))) {
      add('winback', `winback:${last.id}`, late.byRisk ? now : late.lateAt, { last_order: last.product });
    }
  }
  if (birthday.enabled && isValidDate(client.birthday)) {
    const thisYear = wallParts(now).year;
    for (const year of [thisYear - 1, thisYear, thisYear + 1]) {
      const due = addDays(birthdayIn(year, client.birthday), -birthday.delayDays);
      if (inWindow(due, now, birthday.lateDays)) add('birthday', `birthday:${year}`, due);
    }
  }
  return found;
}

function loyaltyCandidates(facts: FlowFacts, now: Date, settings: FlowSettings): Candidate[] {
  const found: Candidate[] = [];
  const { pointsExpiry, tierReached } = settings;
  if (pointsExpiry.enabled) {
    for (const lot of facts.pointsExpiring ?? []) {
      const due = addDays(lot.expiresAt, -pointsExpiry.delayDays);
      if (lot.points <= 0 || now.getTime() >= lot.expiresAt.getTime() || !inWindow(due, now, pointsExpiry.lateDays))
        continue;
      found.push({
        flow: 'pointsExpiry',
        clientId: lot.clientId,
        occasion: `points:${isoDay(lot.expiresAt)}`,
        fields: { points: String(lot.points), expires_at: isoDay(lot.expiresAt) },
        happenedAt: due,
      });
    }
  }
  if (tierReached.enabled) {
    for (const reached of facts.tiersReached ?? []) {
      if (!inWindow(addDays(reached.reachedAt, tierReached.delayDays), now, tierReached.lateDays)) continue;
      found.push({
        flow: 'tierReached',
        clientId: reached.clientId,
        occasion: `tier:${reached.tier}`,
        fields: { tier: reached.tier },
        happenedAt: reached.reachedAt,
      });
    }
  }
  return found;
}

/**
 * Flow mails to send now. Nothing during quiet hours (they wait for the morning run). A mail is left
 * out when its flow is off, its occasion already has a Sends row (any but failed), the client may not
 * be mailed (consent, unsubscribe, bounce, address), or — for marketing flows — the weekly cap is
 * reached. At most one flow mail per client per run, by PRIORITY; the rest stay due for later runs.
 */
export function dueFlowMails(
  now: Date,
  clients: readonly Client[],
  orders: readonly Order[],
  facts: FlowFacts,
  flowSettings: FlowSettings,
  sendsHistory: readonly Send[],
  campaignSettings: CampaignSettings = DEFAULT_CAMPAIGN_SETTINGS,
): FlowMail[] {
  if (isQuietHour(facts.localHour, campaignSettings)) return [];
  const ordersByClient = new Map<ClientId, Order[]>();
  for (const order of [...orders].sort((a, b) => a.date.getTime() - b.date.getTime())) {
    ordersByClient.set(order.clientId, [...(ordersByClient.get(order.clientId) ?? []), order]);
  }
  const handled = new Set<string>(facts.handledBefore ?? []);
  for (const send of sendsHistory)
    if (send.status !== 'failed') handled.add(`${send.campaignId}|${send.clientId}|${send.occasion || send.reason}`);
  const clientsById = new Map(clients.map((client) => [client.id, client]));
  const candidates = [
    ...clients.flatMap((client) =>
      candidatesFor(client, ordersByClient.get(client.id) ?? [], now, facts, flowSettings),
    ),
    ...loyaltyCandidates(facts, now, flowSettings),
  ].sort(
    (a, b) =>
      PRIORITY.indexOf(a.flow) - PRIORITY.indexOf(b.flow) ||
      (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0) ||
      (a.occasion < b.occasion ? -1 : 1),
  );
  const load = new WeeklyLoad(sendsHistory, now, flowSettings);
  const recent = new RecentKinds(sendsHistory, now, facts.kindOf ?? flowOfCampaignId);
  const bounced = bouncedEmailsOf(sendsHistory);
  const mailedThisRun = new Set<ClientId>();
  const mails: FlowMail[] = [];
  for (const candidate of candidates) {
    const client = clientsById.get(candidate.clientId);
    const setting = flowSettings[candidate.flow];
    if (!client || mailedThisRun.has(client.id)) continue;
    if (handled.has(`${flowCampaignId(candidate.flow)}|${client.id}|${candidate.occasion}`)) continue;
    if (setting.enabledAt !== null && candidate.happenedAt.getTime() < Date.parse(setting.enabledAt)) continue;
    if (recent.has(client.id, client.email, candidate.flow)) continue;
    const channel = facts.channels?.get(client.id) ?? 'mail';
    if (recipientBlock(client, channel, facts.pendingUnsubscribes, bounced) !== null) continue;
    if (setting.marketing && load.count(client.id, client.email) >= campaignSettings.weeklyCap) continue;
    if (setting.marketing) load.addPlanned(client.id, client.email);
    recent.add(client.id, client.email, candidate.flow);
    mailedThisRun.add(client.id);
    mails.push({
      flow: candidate.flow,
      clientId: candidate.clientId,
      occasion: candidate.occasion,
      fields: candidate.fields,
      template: setting.template,
    });
  }
  return mails;
}

/**
 * What one flow would mail in the next `days` days if staff switched it on now: a day-by-day run of
 * `dueFlowMails` with that flow alone on (from `now`, so nothing that already happened counts), each
 * day's mails added to the history the next day sees. The other flows' mails are not foreseen.
 */
export function forecastFlow(
  flow: FlowName,
  now: Date,
  days: number,
  clients: readonly Client[],
  orders: readonly Order[],
  facts: FlowFacts,
  flowSettings: FlowSettings,
  sendsHistory: readonly Send[],
  campaignSettings: CampaignSettings = DEFAULT_CAMPAIGN_SETTINGS,
): FlowMail[] {
  const alone: FlowSettings = { ...flowSettings };
  for (const name of PRIORITY)
    alone[name] = { ...flowSettings[name], enabled: name === flow, enabledAt: now.toISOString() };
  const history = [...sendsHistory];
  const mails: FlowMail[] = [];
  // Each day at the first hour after quiet hours: the morning run that sends the day's mails.
  const hour = campaignSettings.quietUntilHour;
  for (let day = 0; day < days; day++) {
    const at = addDays(now, day);
    const due = dueFlowMails(at, clients, orders, { ...facts, localHour: hour }, alone, history, campaignSettings);
    for (const mail of due) {
      mails.push(mail);
      const email = clients.find((client) => client.id === mail.clientId)?.email ?? '';
      history.push({
        campaignId: flowCampaignId(mail.flow),
        clientId: mail.clientId,
        occasion: mail.occasion,
        email,
        status: 'queued',
        reason: '',
        at,
      });
    }
  }
  return mails;
}
