// The response-time KPI as measured: how long clients waited for the studio's first answer, against the
// studio's target (2 hours unless the settings say otherwise), and who is waiting now.
import type { ClientRequest } from '../types';

const MINUTE_MS = 60_000;

export interface WaitingRequest {
  id: string;
  clientId: string;
  receivedAt: Date;
  /** Whole minutes waited so far. */
  waitingMinutes: number;
}

export interface ResponseTimeKpi {
  targetMinutes: number;
  answered: number;
  /** In minutes; null with nothing answered. */
  averageMinutes: number | null;
  medianMinutes: number | null;
  /**
   * Answered within the target, out of the requests whose outcome is known: answered ones, and open ones
   * already past the target (they can no longer make it). Null when there are none.
   */
  withinTargetShare: number | null;
  /** Open requests, the longest waiting first. */
  waitingLongest: WaitingRequest[];
  /** Open requests not yet past the target but past three quarters of it, the closest to it first. */
  nearingTarget: WaitingRequest[];
}

/** Minutes from a request to its answer; an answer stamped before the request counts as at once. */
export function responseMinutes(request: Pick<ClientRequest, 'receivedAt' | 'answeredAt'>): number | null {
  if (!request.answeredAt) return null;
  return Math.max(0, request.answeredAt.getTime() - request.receivedAt.getTime()) / MINUTE_MS;
}

/** Whole minutes a request has waited at `now`; one stamped in the future has waited none. */
export function minutesWaited(receivedAt: Date, now: Date): number {
  return Math.floor(Math.max(0, now.getTime() - receivedAt.getTime()) / MINUTE_MS);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function responseTimeKpi(
  requests: readonly ClientRequest[],
  now: Date,
  targetMinutes = 120,
  listed = 5,
): ResponseTimeKpi {
  const minutes: number[] = [];
  let lateOpen = 0;
  const open: WaitingRequest[] = [];
  for (const request of requests) {
    const answered = responseMinutes(request);
    if (answered !== null) {
      minutes.push(answered);
      continue;
    }
    const waitingMinutes = minutesWaited(request.receivedAt, now);
    if (waitingMinutes >= targetMinutes) lateOpen += 1;
    open.push({ id: request.id, clientId: request.clientId, receivedAt: request.receivedAt, waitingMinutes });
  }
  const within = minutes.filter((value) => value <= targetMinutes).length;
  const known = minutes.length + lateOpen;
  open.sort((a, b) => b.waitingMinutes - a.waitingMinutes || a.id.localeCompare(b.id));
  return {
    targetMinutes,
    answered: minutes.length,
    averageMinutes: minutes.length > 0 ? minutes.reduce((sum, value) => sum + value, 0) / minutes.length : null,
    medianMinutes: median(minutes),
    withinTargetShare: known > 0 ? within / known : null,
    waitingLongest: open.slice(0, listed),
    nearingTarget: open
      .filter((request) => request.waitingMinutes < targetMinutes && request.waitingMinutes >= targetMinutes * 0.75)
      .slice(0, listed),
  };
}
