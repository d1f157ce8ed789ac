// Staff alerts to the studio's chat: which are due now, each under a key so no event is alerted twice.
// The journal (key → when recorded) is written before each send; see docs/telegram.md.

export interface TelegramAlertSettings {
  alertNewRegistration: boolean;
  alertNewRequest: boolean;
  alertResponseDue: boolean;
  /** Minutes after a request arrives when staff are warned it still waits: 1 h 45 min of the 2 h target. */
  responseDueMinutes: number;
  alertDailySummary: boolean;
  /** Hour of the day (spreadsheet time zone) from which the daily summary goes. */
  dailySummaryHour: number;
  /** A campaign paused (quota, failures, an unreadable segment) or finished. */
  alertCampaign: boolean;
}

export const DEFAULT_TELEGRAM_SETTINGS: Readonly<TelegramAlertSettings> = {
  alertNewRegistration: true,
  alertNewRequest: true,
  alertResponseDue: true,
  responseDueMinutes: 105,
  alertDailySummary: true,
  dailySummaryHour: 9,
  alertCampaign: true,
};

export type AlertKind = 'registration' | 'request' | 'responseDue' | 'dailySummary' | 'campaignPaused' | 'campaignDone';

/** A campaign's change of status, noted by the campaign run and alerted by the next poll. */
export interface CampaignEvent {
  campaignId: string;
  name: string;
  status: 'paused' | 'done';
  sent: number;
  recipients: number;
  /** Epoch ms. */
  at: number;
}

/**
 * The event's key: a campaign finishes once; it may pause, resume and pause again, and each pause has sent
 * more by then. A run cut off and rerun notes the same pause under the same key.
 */
export function campaignEventKey(event: Pick<CampaignEvent, 'campaignId' | 'status' | 'sent'>): string {
  return event.status === 'done'
    ? `campaign:${event.campaignId}:done`
    : `campaign:${event.campaignId}:paused:${event.sent}`;
}

/** The noted events with this one (an event already noted keeps its first time), without those past the horizon. */
export function withCampaignEvent(
  events: Readonly<Record<string, CampaignEvent>>,
  event: CampaignEvent,
  now: Date,
): Record<string, CampaignEvent> {
  const kept: Record<string, CampaignEvent> = {};
  for (const [key, noted] of Object.entries(events)) if (noted.at > now.getTime() - ALERT_HORIZON_MS) kept[key] = noted;
  const key = campaignEventKey(event);
  kept[key] ??= event;
  return kept;
}

export interface StaffAlert {
  key: string;
  kind: AlertKind;
  params: Record<string, string | number>;
}

export interface AlertInput {
  now: Date;
  /** When the bot was connected: older events are not news. */
  since: Date;
  settings: TelegramAlertSettings;
  clients: ReadonlyArray<{ id: string; name: string; createdAt: Date | null }>;
  requests: ReadonlyArray<{
    id: string;
    clientId: string;
    channel: string;
    summary: string;
    receivedAt: Date;
    answeredAt: Date | null;
  }>;
  /** Today in the spreadsheet's zone (`yyyy-MM-dd`) and its hour. */
  today: string;
  hour: number;
  /** Counts for the summary over the last 24 hours. */
  lastDay: { newClients: number; orders: number; mailsSent: number };
  journal: Readonly<Record<string, number>>;
  campaignEvents?: Readonly<Record<string, CampaignEvent>>;
}

/** Events older than this are neither alerted nor kept in the journal. */
export const ALERT_HORIZON_MS = 24 * 60 * 60 * 1000;
const SUMMARY_PREVIEW_CHARS = 200;

export function dueAlerts(input: AlertInput): StaffAlert[] {
  const { now, settings } = input;
  const horizon = Math.max(input.since.getTime(), now.getTime() - ALERT_HORIZON_MS);
  const names = new Map(input.clients.map((client) => [client.id, client.name] as const));
  const alerts: StaffAlert[] = [];
  const add = (alert: StaffAlert) => {
    if (input.journal[alert.key] === undefined) alerts.push(alert);
  };
  if (settings.alertNewRegistration) {
    for (const client of input.clients) {
      if (client.createdAt && client.createdAt.getTime() >= horizon && client.createdAt.getTime() <= now.getTime()) {
        add({
          key: `registration:${client.id}`,
          kind: 'registration',
          params: { name: client.name || client.id, id: client.id },
        });
      }
    }
  }
  for (const request of input.requests) {
    const received = request.receivedAt.getTime();
    if (received < horizon || received > now.getTime()) continue;
    const params = {
      name: names.get(request.clientId) || request.clientId,
      id: request.id,
      summary: preview(request.summary),
      channel: request.channel,
    };
    if (settings.alertNewRequest) add({ key: `request:${request.id}`, kind: 'request', params });
    const dueAt = received + settings.responseDueMinutes * 60_000;
    if (settings.alertResponseDue && !request.answeredAt && now.getTime() >= dueAt) {
      add({
        key: `due:${request.id}`,
        kind: 'responseDue',
        params: { ...params, minutes: Math.floor((now.getTime() - received) / 60_000) },
      });
    }
  }
  if (settings.alertCampaign) {
    for (const [key, event] of Object.entries(input.campaignEvents ?? {})) {
      if (event.at < horizon || event.at > now.getTime()) continue;
      add({
        key,
        kind: event.status === 'done' ? 'campaignDone' : 'campaignPaused',
        params: {
          name: event.name || event.campaignId,
          id: event.campaignId,
          sent: event.sent,
          recipients: event.recipients,
        },
      });
    }
  }
  if (settings.alertDailySummary && input.hour >= settings.dailySummaryHour) {
    const waiting = input.requests.filter((request) => !request.answeredAt).length;
    add({ key: `summary:${input.today}`, kind: 'dailySummary', params: { ...input.lastDay, waiting } });
  }
  return alerts;
}

/** The journal without entries past the horizon (a property value holds at most 9 KB). */
export function prunedJournal(journal: Readonly<Record<string, number>>, now: Date): Record<string, number> {
  const keep: Record<string, number> = {};
  // Twice the horizon: an event is alerted only within the horizon, so its key is never needed after it.
  for (const [key, at] of Object.entries(journal)) if (at > now.getTime() - 2 * ALERT_HORIZON_MS) keep[key] = at;
  return keep;
}

function preview(summary: string): string {
  const firstLine = summary.split('\n')[0] ?? '';
  return firstLine.length > SUMMARY_PREVIEW_CHARS ? `${firstLine.slice(0, SUMMARY_PREVIEW_CHARS - 1)}…` : firstLine;
}
