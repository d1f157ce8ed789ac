// RFM: recency, frequency and monetary scores 1–5 by quintile, and the named segments.
import type { ClientId } from '../types';
import type { ClientStats } from './client-stats';

export type RfmScoreValue = 1 | 2 | 3 | 4 | 5;

export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalists'
  | 'new'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'at_risk'
  | 'cant_lose_them'
  | 'hibernating'
  | 'lost';

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'hibernating',
  'lost',
];

export interface RfmScore {
  recency: RfmScoreValue;
  frequency: RfmScoreValue;
  monetary: RfmScoreValue;
  /** average(F, M) rounded half up: the grid's column. */
  frequencyMonetary: RfmScoreValue;
  segment: RfmSegment;
  /** e.g. `545`, for sorting and display. */
  code: string;
}

/**
 * Quintile scores where a higher value earns a higher score.
 *
 * Rule: sort values ascending; a run of equal values occupies 0-based positions a..b and takes
 * their average position c = (a + b) / 2; score = floor(5 · (c + 0.5) / n) + 1.
 * So equal values always get equal scores, a lone client (or a population that is all tied)
 * lands in the middle (3), and without ties the five groups differ in size by at most one.
 * Scores depend on values only; the client-id tie-break just makes the sort deterministic.
 */
export function quintileScores(values: ReadonlyMap<ClientId, number>): Map<ClientId, RfmScoreValue> {
  const entries = [...values].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const n = entries.length;
  const scores = new Map<ClientId, RfmScoreValue>();
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && entries[end + 1]![1] === entries[start]![1]) end += 1;
    const centre = (start + end) / 2;
    const score = Math.min(5, Math.floor((5 * (centre + 0.5)) / n) + 1) as RfmScoreValue;
    for (let i = start; i <= end; i += 1) scores.set(entries[i]![0], score);
    start = end + 1;
  }
  return scores;
}

/**
 * The R × FM grid (rows recency, columns average of frequency and monetary), after the widely
 * used RFM segment table:
 *
 *   R\FM |  1              2                     3                     4                5
 *   5    |  new            potential_loyalists   potential_loyalists   champions        champions
 *   4    |  promising      potential_loyalists   potential_loyalists   loyal            champions
 *   3    |  about_to_sleep about_to_sleep        need_attention        loyal            loyal
 *   2    |  hibernating    hibernating           at_risk               at_risk          cant_lose_them
 *   1    |  lost           lost                  at_risk               cant_lose_them   cant_lose_them
 */
const GRID: Record<RfmScoreValue, readonly [RfmSegment, RfmSegment, RfmSegment, RfmSegment, RfmSegment]> = {
  5: ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
  4: ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'champions'],
  3: ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them'],
  1: ['lost', 'lost', 'at_risk', 'cant_lose_them', 'cant_lose_them'],
};

export function rfmSegment(recency: RfmScoreValue, frequencyMonetary: RfmScoreValue): RfmSegment {
  return GRID[recency][frequencyMonetary - 1]!;
}

/** The i18n key naming a segment (keys live under `analysis.rfm.`). */
export function rfmSegmentKey(segment: RfmSegment): `analysis.rfm.${RfmSegment}` {
  return `analysis.rfm.${segment}`;
}

/** RFM for every client with at least one order; clients without orders get no entry. */
export function scoreRfm(stats: Iterable<ClientStats>): Map<ClientId, RfmScore> {
  const recency = new Map<ClientId, number>();
  const frequency = new Map<ClientId, number>();
  const monetary = new Map<ClientId, number>();
  for (const client of stats) {
    if (client.orderCount === 0 || client.daysSinceLastOrder === null) continue;
    recency.set(client.clientId, -client.daysSinceLastOrder); // fewer days since = better
    frequency.set(client.clientId, client.orderCount);
    monetary.set(client.clientId, client.totalSpend);
  }
  const r = quintileScores(recency);
  const f = quintileScores(frequency);
  const m = quintileScores(monetary);
  const result = new Map<ClientId, RfmScore>();
  for (const id of [...recency.keys()].sort()) {
    const score = { recency: r.get(id)!, frequency: f.get(id)!, monetary: m.get(id)! };
    const frequencyMonetary = Math.floor((score.frequency + score.monetary + 1) / 2) as RfmScoreValue;
    result.set(id, {
      ...score,
      frequencyMonetary,
      segment: rfmSegment(score.recency, frequencyMonetary),
      code: `${score.recency}${score.frequency}${score.monetary}`,
    });
  }
  return result;
}
