// The measured response-time KPI for the Overview: read fresh each time (waiting minutes change by the minute).
import type { ResponseTimeView, WaitingRequestView } from '../../contract/sidebar-api';
import { responseTimeKpi, type WaitingRequest } from '../../domain/analysis/response-time';
import { readClientNames, type Workbook } from '../../sheets';
import { readInboxSettings, readRequestsSheet } from '../../sheets/inbox';

/** Requests sheet and client names, one read each. */
export function responseTimeView(book: Workbook, now = new Date()): ResponseTimeView {
  const requests = readRequestsSheet(book).rows.map((row) => row.request);
  const kpi = responseTimeKpi(requests, now, readInboxSettings(book).responseTargetMinutes);
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
