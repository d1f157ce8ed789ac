// Who the clients are and where the money comes from: counts and revenue by country, city, channel topic.
import type { ClientProfile } from './profiles';

export type BreakdownDimension = 'country' | 'city' | 'topic';

export interface BreakdownRow {
  /** As first written in the sheet; '' for clients with the field empty. */
  key: string;
  clients: number;
  /** Clients with at least one order. */
  buyers: number;
  orders: number;
  revenue: number;
}

/**
 * One row per value, grouped trimmed and case-insensitively ("RU", "ru " → one row),
 * sorted by revenue, then clients, then key, so the table is stable.
 */
export function breakdownBy(profiles: readonly ClientProfile[], dimension: BreakdownDimension): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow>();
  for (const { client, stats } of profiles) {
    const raw = String(client[dimension] ?? '').trim();
    const group = raw.toLowerCase();
    let row = rows.get(group);
    if (!row) {
      row = { key: raw, clients: 0, buyers: 0, orders: 0, revenue: 0 };
      rows.set(group, row);
    }
    row.clients += 1;
    if (stats.orderCount > 0) row.buyers += 1;
    row.orders += stats.orderCount;
    row.revenue += stats.totalSpend;
  }
  return [...rows.values()].sort(
    (a, b) => b.revenue - a.revenue || b.clients - a.clients || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
