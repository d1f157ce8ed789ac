// Studio KPIs for a period [from, to), beside the same KPIs for the period before it.
import type { ClientId, ClientRequest, Feedback, Order } from '../types';
import { firstOrderDates, isCountedOrderAsOf } from './client-stats';
import { feedbackSummary, responseTimes, type FeedbackSummary, type ResponseTimes } from './client-care';
import { addDays, calendarDaysBetween, isMonthStart, monthIndex, monthStart } from './dates';

/** Half-open: `from` included, `to` excluded. */
export interface Period {
  from: Date;
  to: Date;
}

export interface KpiSettings {
  /** Share of revenue that is profit, 0..1. */
  marginRate: number;
  /** A client counts as "a client" (for retention) while their last order is this recent. */
  activeWindowDays: number;
}

export const DEFAULT_KPI_SETTINGS: Readonly<KpiSettings> = { marginRate: 0.5, activeWindowDays: 365 };

/** Filled by the campaigns module; analysis only carries it to the dashboard. */
export interface CampaignKpis {
  sends: number;
  conversions: number;
  conversionRate: number | null;
  revenue: number;
  cost: number;
  /** (revenue × margin − cost) / cost, or whatever the campaigns module defines; null without cost. */
  roi: number | null;
}

export interface PeriodKpis {
  period: Period;
  orders: number;
  revenue: number;
  /** Clients with an order in the period. */
  activeClients: number;
  /** Clients whose first order ever is in the period. */
  newClients: number;
  /** Share of active clients with 2+ orders by the period's end (returning or ordering twice). */
  repeatOrderRate: number | null;
  /** Clients active (ordered within the window) at the start / at the end. */
  clientsAtStart: number;
  clientsAtEnd: number;
  /** (clients at end − new clients) / clients at start; a reactivated client counts as kept. */
  retentionRate: number | null;
  /** Revenue from clients whose first order was before the period, / revenue. */
  returningRevenueShare: number | null;
  profitPerClient: number | null;
  averageOrderValue: number | null;
  /** Orders per active client. */
  purchaseFrequency: number | null;
  requests: ResponseTimes;
  feedback: FeedbackSummary;
}

export interface KpiInput {
  orders: readonly Order[];
  feedback: readonly Feedback[];
  requests: readonly ClientRequest[];
  campaigns?: CampaignKpis | null;
}

export interface KpiReport {
  current: PeriodKpis;
  previous: PeriodKpis;
  campaigns: CampaignKpis | null;
}

/** The period of equal length just before: whole months when both ends are month starts, else calendar days. */
export function previousPeriod(period: Period): Period {
  const { from, to } = period;
  if (isMonthStart(from) && isMonthStart(to)) {
    const months = monthIndex(to) - monthIndex(from);
    return { from: monthStart(from, -months), to: from };
  }
  return { from: addDays(from, -calendarDaysBetween(from, to)), to: from };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Clients with an order in [at − window days, at). */
function activeAt(ordersByClient: ReadonlyMap<ClientId, readonly number[]>, at: Date, windowDays: number): number {
  const start = addDays(at, -windowDays).getTime();
  const end = at.getTime();
  let count = 0;
  for (const times of ordersByClient.values()) if (times.some((time) => time >= start && time < end)) count += 1;
  return count;
}

export function periodKpis(input: KpiInput, period: Period, settings: KpiSettings = DEFAULT_KPI_SETTINGS): PeriodKpis {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const lastMoment = new Date(to - 1);
  const counted = input.orders.filter((order) => isCountedOrderAsOf(order, lastMoment));
  const firstOrder = firstOrderDates(counted, lastMoment);
  const ordersByClient = new Map<ClientId, number[]>();
  for (const order of counted) {
    const times = ordersByClient.get(order.clientId) ?? [];
    times.push(order.date.getTime());
    ordersByClient.set(order.clientId, times);
  }

  let orders = 0;
  let revenue = 0;
  let returningRevenue = 0;
  const active = new Set<ClientId>();
  for (const order of counted) {
    if (order.date.getTime() < from) continue;
    orders += 1;
    revenue += order.amount;
    active.add(order.clientId);
    if (firstOrder.get(order.clientId)!.getTime() < from) returningRevenue += order.amount;
  }
  let newClients = 0;
  let repeaters = 0;
  for (const id of active) {
    if (firstOrder.get(id)!.getTime() >= from) newClients += 1;
    if (ordersByClient.get(id)!.length >= 2) repeaters += 1;
  }
  const clientsAtStart = activeAt(ordersByClient, period.from, settings.activeWindowDays);
  const clientsAtEnd = activeAt(ordersByClient, period.to, settings.activeWindowDays);
  return {
    period,
    orders,
    revenue,
    activeClients: active.size,
    newClients,
    repeatOrderRate: ratio(repeaters, active.size),
    clientsAtStart,
    clientsAtEnd,
    retentionRate: ratio(clientsAtEnd - newClients, clientsAtStart),
    returningRevenueShare: ratio(returningRevenue, revenue),
    profitPerClient: ratio(revenue * settings.marginRate, active.size),
    averageOrderValue: ratio(revenue, orders),
    purchaseFrequency: ratio(orders, active.size),
    requests: responseTimes(input.requests, period.from, period.to),
    feedback: feedbackSummary(input.feedback, period.from, period.to),
  };
}

/** KPIs for the period and the one before it, plus the campaigns module's figures when given. */
export function computeKpis(input: KpiInput, period: Period, settings: KpiSettings = DEFAULT_KPI_SETTINGS): KpiReport {
  return {
    current: periodKpis(input, period, settings),
    previous: periodKpis(input, previousPeriod(period), settings),
    campaigns: input.campaigns ?? null,
  };
}
