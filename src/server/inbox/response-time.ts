// The measured response-time KPI for the Overview. It is cached with the Overview (until a refresh or a new
// row); on a cache hit the waiting minutes are brought up to now, answers given meanwhile show after that.
import type { ResponseTimeView, WaitingRequestView } from '../../contract/sidebar-api';
import { responseTimeKpi, type WaitingRequest } from '../../domain/analysis/response-time';
import { readClientNames, type Workbook } from '../../sheets';
import type { ClientRequest } from '../../domain/types';
import { readResponseTargetMinutes } from '../../sheets/settings';

/** From the requests the Overview already read; client names and the target are one more read each. */
export function responseTimeView(book: Workbook, requests: readonly ClientRequest[], now: Date): ResponseTimeView {
  const kpi = responseTimeKpi(requests, now, readResponseTargetMinutes(book));
  const names = readClientNames(book);
  const view = (request: WaitingRequest): WaitingRequestView => ({
    id: request.id,
    clientId: request.clientId,
    clientName: names.get(request.clientId) ?? '',
    receivedAt: request.receivedAt.toISOString(),
    waitingMinutes: request.waitingMinutes,
  });
  return {
    targetMinutes: kpi.targetMinutes,
    answered: kpi.answered,
    averageMinutes: kpi.averageMinutes,
    medianMinutes: kpi.medianMinutes,
    withinTargetShare: kpi.withinTargetShare,
    waitingLongest: kpi.waitingLongest.map(view),
    nearingTarget: kpi.nearingTarget.map(view),
  };
}

/** A cached view with each waiting request's minutes counted to `now`; those past the target stop nearing it. */
export function withWaitsAt(view: ResponseTimeView, now = new Date()): ResponseTimeView {
  const waited = (request: WaitingRequestView): WaitingRequestView => ({
    ...request,
    waitingMinutes: Math.floor(Math.max(0, now.getTime() - Date.parse(request.receivedAt)) / 60_000),
  });
  return {
    ...view,
    waitingLongest: view.waitingLongest.map(waited),
    nearingTarget: view.nearingTarget.map(waited).filter((request) => request.waitingMinutes < view.targetMinutes),
  };
}
