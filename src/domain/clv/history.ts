// Turns a client's order history into the (frequency, recency, age, monetary value) summary the
// lifetime-value models read, the same way the `lifetimes` library and Hardie's notes do.
import type { ClientId } from '../types';
import { calendarDay } from '../analysis/dates';
import { isValidDate } from '../cells';

export type TimeUnit = 'days' | 'weeks';

export interface OrderForClv {
  clientId: ClientId;
  date: Date;
  amount: number;
}

export interface ClientHistorySummary {
  clientId: ClientId;
  /** x: repeat purchase days in the calibration period (the first day is not counted). */
  frequency: number;
  /** t_x: time from the first to the last purchase day, 0 without repeats. */
  recency: number;
  /** T: time from the first purchase day to the calibration end. */
  age: number;
  /** Mean value of the repeat purchase days (same-day orders summed), 0 without repeats. */
  monetaryValue: number;
  /** Mean value of all purchase days, first included: the fallback model's spend signal. */
  meanDayValue: number;
}

export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'weeks' ? 7 : 1;
}

/**
 * Per-client summary of the orders up to and including the calendar day of `calibrationEnd`.
 * Clients whose first order is after it are left out. Orders with an invalid date are ignored;
 * a non-finite amount counts as 0. Times are in `unit` (days by default, like lifetimes).
 */
export function summariseHistory(
  orders: readonly OrderForClv[],
  calibrationEnd: Date,
  unit: TimeUnit = 'days',
): ClientHistorySummary[] {
  const endDay = calendarDay(calibrationEnd);
  const dayTotalsByClient = new Map<ClientId, Map<number, number>>();
  for (const order of orders) {
    if (!isValidDate(order.date)) continue;
    const day = calendarDay(order.date);
    if (day > endDay) continue;
    let dayTotals = dayTotalsByClient.get(order.clientId);
    if (!dayTotals) {
      dayTotals = new Map();
      dayTotalsByClient.set(order.clientId, dayTotals);
    }
    const amount = Number.isFinite(order.amount) ? order.amount : 0;
    dayTotals.set(day, (dayTotals.get(day) ?? 0) + amount);
  }

  const scale = 1 / daysPerUnit(unit);
  const summaries: ClientHistorySummary[] = [];
  for (const [clientId, dayTotals] of dayTotalsByClient) {
    let firstDay = Infinity;
    let lastDay = -Infinity;
    let total = 0;
    for (const [day, amount] of dayTotals) {
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
      total += amount;
    }
    const frequency = dayTotals.size - 1;
    const repeatTotal = total - (dayTotals.get(firstDay) ?? 0);
    summaries.push({
      clientId,
      frequency,
      recency: (lastDay - firstDay) * scale,
      age: (endDay - firstDay) * scale,
      monetaryValue: frequency > 0 ? repeatTotal / frequency : 0,
      meanDayValue: total / dayTotals.size,
    });
  }
  return summaries;
}
