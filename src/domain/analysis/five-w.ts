// A segment in five questions for the Dashboard: what its clients order, who they are, why they order, when,
// and where they come from. Pure counts over the rows analysis already read; words are the caller's.
import type { ClientId, ClientRequest, Order, RequestChannel } from '../types';
import type { ClientProfile } from './profiles';
import { median } from './client-care';
import { calendarDaysBetween } from './dates';

export interface SegmentFiveW {
  clients: number;
  /** Products by completed orders of the members, most first (at most two). */
  what: string[];
  /** The most common channel topic (a list code), or null when none is filled in. */
  who: string | null;
  /** The order note members give most often (case and spaces ignored, as first written), or null. */
  why: string | null;
  /** Median of the members' own rhythm (days between orders) and of days since their last order. */
  when: { rhythmDays: number | null; daysSinceLast: number | null };
  /** How members found the studio (the most common source) and the request channel they use most. */
  where: { source: string | null; channel: RequestChannel | null };
}

/** The most frequent key; ties go to the first seen, so the answer does not depend on a sort. */
function mostCommon<T>(values: Iterable<T>, keyOf: (value: T) => string = String): T | null {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const key = keyOf(value);
    if (key === '') continue;
    const entry = counts.get(key) ?? { value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let best: { value: T; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best ? best.value : null;
}

const rounded = (value: number | null): number | null => (value === null ? null : Math.round(value));

export function segmentFiveW(
  memberIds: readonly ClientId[],
  profiles: ReadonlyMap<ClientId, ClientProfile>,
  orders: readonly Order[],
  requests: readonly ClientRequest[],
): SegmentFiveW {
  const members = new Set(memberIds);
  const people = memberIds.flatMap((id) => {
    const profile = profiles.get(id);
    return profile ? [profile] : [];
  });
  const completed = orders.filter((order) => order.status === 'completed' && members.has(order.clientId));
  const byProduct = new Map<string, number>();
  for (const order of completed) {
    const product = order.product.trim();
    if (product) byProduct.set(product, (byProduct.get(product) ?? 0) + 1);
  }
  const what = [...byProduct.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .map(([product]) => product);
  const note = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const why = mostCommon(
    completed.map((order) => order.notes.trim().replace(/\s+/g, ' ')),
    note,
  );
  const rhythms = people.flatMap((p) => (p.stats.averageGapDays === null ? [] : [p.stats.averageGapDays]));
  const quiet = people.flatMap((p) => (p.stats.daysSinceLastOrder === null ? [] : [p.stats.daysSinceLastOrder]));
  return {
    clients: people.length,
    what,
    who: mostCommon(people.map((p) => p.client.topic)) || null,
    why,
    when: {
      rhythmDays: rounded(median(rhythms)),
      daysSinceLast: rounded(median(quiet)),
    },
    where: {
      source: mostCommon(
        people.map((p) => p.client.source.trim()),
        (source) => source.toLowerCase(),
      ),
      channel: mostCommon(requests.filter((request) => members.has(request.clientId)).map((r) => r.channel)),
    },
  };
}

/**
 * One client's "When" on the studio's calendar: the mean rhythm in days between consecutive completed orders
 * (dates in order), and how many days `now` is past the expected next order (0 or less: not late).
 */
export function clientWhen(
  orderDates: readonly Date[],
  nextExpected: Date | null,
  now: Date,
): { rhythmDays: number | null; lateDays: number } {
  const gaps: number[] = [];
  for (let index = 1; index < orderDates.length; index++) {
    const earlier = orderDates[index - 1];
    const later = orderDates[index];
    if (earlier && later) gaps.push(calendarDaysBetween(earlier, later));
  }
  return {
    rhythmDays: gaps.length > 0 ? Math.round(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length) : null,
    lateDays: nextExpected ? calendarDaysBetween(nextExpected, now) : 0,
  };
}
