// Month-by-month views for the dashboard: retention cohorts, revenue new vs returning, NPS.
import type { ClientId, Feedback, Order } from '../types';
import { firstOrderDates, isCountedOrderAsOf } from './client-stats';
import { feedbackSummary, type FeedbackSummary } from './client-care';
import { isValidDate, monthIndex, monthLabel } from './dates';

export interface CohortRow {
  /** Month of the cohort's first orders, `YYYY-MM`. */
  month: string;
  size: number;
  /** active[k]: cohort clients ordering k months after their first month; k = 0 … months to asOf. */
  active: number[];
  /** active[k] / size. */
  retention: number[];
}

/** Retention by month of first order; only orders on or before `asOf` count. */
export function cohortTable(orders: readonly Order[], asOf: Date): CohortRow[] {
  const firstOrder = firstOrderDates(orders, asOf);
  const lastMonth = monthIndex(asOf);
  const cohortOf = new Map<ClientId, number>();
  const sizes = new Map<number, number>();
  for (const [id, date] of firstOrder) {
    const cohort = monthIndex(date);
    cohortOf.set(id, cohort);
    sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
  }
  const seen = new Map<number, Set<string>>(); // cohort → "client|offset" already counted
  const active = new Map<number, number[]>();
  for (const [cohort] of sizes) {
    active.set(cohort, new Array<number>(lastMonth - cohort + 1).fill(0));
    seen.set(cohort, new Set());
  }
  for (const order of orders) {
    if (!isCountedOrderAsOf(order, asOf)) continue;
    const cohort = cohortOf.get(order.clientId)!;
    const offset = monthIndex(order.date) - cohort;
    const key = `${order.clientId}|${offset}`;
    if (seen.get(cohort)!.has(key)) continue;
    seen.get(cohort)!.add(key);
    active.get(cohort)![offset]! += 1;
  }
  return [...sizes]
    .sort((a, b) => a[0] - b[0])
    .map(([cohort, size]) => {
      const counts = active.get(cohort)!;
      return { month: monthLabel(cohort), size, active: counts, retention: counts.map((count) => count / size) };
    });
}

export interface MonthRevenue {
  month: string;
  orders: number;
  revenue: number;
  /** Orders of clients whose first order is in this month. */
  newRevenue: number;
  returningRevenue: number;
  newClients: number;
}

function monthRange(first: number, last: number): number[] {
  return first > last ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Every month from `since` (default: the first order's month) through asOf's month, gaps included. */
export function revenueByMonth(orders: readonly Order[], asOf: Date, since?: Date): MonthRevenue[] {
  const firstOrder = firstOrderDates(orders, asOf);
  let earliest = Infinity; // no orders → no months
  for (const date of firstOrder.values()) earliest = Math.min(earliest, monthIndex(date));
  const start = since ? monthIndex(since) : earliest;
  const rows = new Map<number, MonthRevenue>(
    monthRange(start, monthIndex(asOf)).map((index) => [
      index,
      { month: monthLabel(index), orders: 0, revenue: 0, newRevenue: 0, returningRevenue: 0, newClients: 0 },
    ]),
  );
  for (const order of orders) {
    if (!isCountedOrderAsOf(order, asOf)) continue;
    const index = monthIndex(order.date);
    const row = rows.get(index);
    if (!row) continue;
    row.orders += 1;
    row.revenue += order.amount;
    if (monthIndex(firstOrder.get(order.clientId)!) === index) row.newRevenue += order.amount;
    else row.returningRevenue += order.amount;
  }
  for (const date of firstOrder.values()) {
    const row = rows.get(monthIndex(date));
    if (row) row.newClients += 1;
  }
  return [...rows.values()];
}

export interface MonthFeedback extends FeedbackSummary {
  month: string;
}

/** NPS and ratings per month, from `since` (default: the first answer's month) through asOf's month. */
export function npsByMonth(feedback: readonly Feedback[], asOf: Date, since?: Date): MonthFeedback[] {
  const byMonth = new Map<number, Feedback[]>();
  for (const answer of feedback) {
    if (!isValidDate(answer.date) || answer.date.getTime() > asOf.getTime()) continue;
    const index = monthIndex(answer.date);
    const month = byMonth.get(index);
    if (month) month.push(answer);
    else byMonth.set(index, [answer]);
  }
  let start = since ? monthIndex(since) : Infinity;
  if (!since) for (const index of byMonth.keys()) start = Math.min(start, index);
  const everything = { from: new Date(-8.64e15), to: new Date(8.64e15) };
  return monthRange(start, monthIndex(asOf)).map((index) => ({
    month: monthLabel(index),
    ...feedbackSummary(byMonth.get(index) ?? [], everything.from, everything.to),
  }));
}
