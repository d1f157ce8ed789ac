// How the studio treats clients: first-response time to requests, NPS and ratings.
import type { ClientRequest, Feedback } from '../types';
import { isValidDate } from './dates';

const HOUR_MS = 3_600_000;

export interface ResponseTimes {
  received: number;
  answered: number;
  /** No answer recorded yet; kept out of the averages rather than guessed. */
  unanswered: number;
  averageHours: number | null;
  medianHours: number | null;
}

export interface FeedbackSummary {
  npsResponses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters (9–10) − % detractors (0–6), −100..100; null without answers. */
  nps: number | null;
  ratings: number;
  averageRating: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Response times of requests received in [from, to). */
export function responseTimes(requests: readonly ClientRequest[], from: Date, to: Date): ResponseTimes {
  const hours: number[] = [];
  let received = 0;
  for (const request of requests) {
    if (!isValidDate(request.receivedAt)) continue;
    const at = request.receivedAt.getTime();
    if (at < from.getTime() || at >= to.getTime()) continue;
    received += 1;
    // An answer stamped before the request is a typo in the sheet; it counts as answered at once.
    if (isValidDate(request.answeredAt)) hours.push(Math.max(0, request.answeredAt.getTime() - at) / HOUR_MS);
  }
  return {
    received,
    answered: hours.length,
    unanswered: received - hours.length,
    averageHours: average(hours),
    medianHours: median(hours),
  };
}

/** NPS and average rating over feedback dated in [from, to). */
export function feedbackSummary(feedback: readonly Feedback[], from: Date, to: Date): FeedbackSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  const ratings: number[] = [];
  for (const answer of feedback) {
    if (!isValidDate(answer.date) || answer.date.getTime() < from.getTime() || answer.date.getTime() >= to.getTime())
      continue;
    const nps = answer.nps;
    if (typeof nps === 'number' && Number.isInteger(nps) && nps >= 0 && nps <= 10) {
      if (nps >= 9) promoters += 1;
      else if (nps >= 7) passives += 1;
      else detractors += 1;
    }
    const rating = answer.rating;
    if (typeof rating === 'number' && Number.isFinite(rating) && rating >= 1 && rating <= 5) ratings.push(rating);
  }
  const npsResponses = promoters + passives + detractors;
  return {
    npsResponses,
    promoters,
    passives,
    detractors,
    nps: npsResponses === 0 ? null : ((promoters - detractors) / npsResponses) * 100,
    ratings: ratings.length,
    averageRating: average(ratings),
  };
}
