// Staff alerts, run by the poll trigger after the inbox: each due alert is recorded in the journal (script
// properties) before it is sent, so an event is alerted at most once, whatever cuts the run off.
import { ENUMS } from '../../domain/cells/enums';
import { isDate } from '../../domain/cells';
import {
  DEFAULT_TELEGRAM_SETTINGS,
  dueAlerts,
  prunedJournal,
  type CampaignEvent,
  type StaffAlert,
} from '../../domain/telegram/alerts';
import { escapeTelegramHtml } from '../../domain/telegram/html';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import { readJsonProperty, writeJsonProperty } from '../../services/properties';
import { readStaffChat, readConnectedAt } from '../../services/telegram';
import { readCoreSettings, readSettingsFor, readTable, type Workbook } from '../../sheets';
import { readResponseTargetMinutes } from '../../sheets/settings';
import { CAMPAIGN_EVENTS_KEY } from './campaign-events';
import type { Sender } from './send';
import { telegramRequests } from '../../sheets/telegram';

export const ALERT_JOURNAL_KEY = 'telegram.alertJournal';
const DAY_MS = 24 * 60 * 60 * 1000;

const MESSAGE_KEYS: Record<StaffAlert['kind'], MessageKey> = {
  registration: 'telegram.alert.registration',
  request: 'telegram.alert.request',
  responseDue: 'telegram.alert.responseDue',
  dailySummary: 'telegram.alert.dailySummary',
  campaignPaused: 'telegram.alert.campaignPaused',
  campaignDone: 'telegram.alert.campaignDone',
};

export function sendStaffAlerts(book: Workbook, send: Sender): void {
  const chatId = readStaffChat();
  if (!chatId) return;
  const now = new Date();
  const settings = {
    ...DEFAULT_TELEGRAM_SETTINGS,
    ...readSettingsFor(book, DEFAULT_TELEGRAM_SETTINGS, 'telegram').overrides,
  };
  const locale = readCoreSettings(book).settings.locale;
  const targetMinutes = readResponseTargetMinutes(book);
  const clients = readTable(book, 'clients')
    .rows.map((row) => ({
      id: String(row.values.id ?? ''),
      name: String(row.values.name ?? ''),
      createdAt: isDate(row.values.createdAt) ? row.values.createdAt : null,
    }))
    .filter((client) => client.id !== '');
  const requests = telegramRequests(readTable(book, 'requests'));
  const tz = book.spreadsheet.getSpreadsheetTimeZone();
  const journal = prunedJournal(readJsonProperty<Record<string, number>>(ALERT_JOURNAL_KEY, {}), now);
  const today = Utilities.formatDate(now, tz, 'yyyy-MM-dd');
  const hour = Number(Utilities.formatDate(now, tz, 'H'));
  // Orders and Sends are read only in the run that sends today's summary, not every five minutes.
  const summaryDue =
    settings.alertDailySummary && hour >= settings.dailySummaryHour && journal[`summary:${today}`] === undefined;
  const alerts = dueAlerts({
    now,
    since: readConnectedAt() ?? now,
    settings,
    clients,
    requests,
    today,
    hour,
    lastDay: summaryDue ? lastDayCounts(book, clients, now) : { newClients: 0, orders: 0, mailsSent: 0 },
    journal,
    campaignEvents: readJsonProperty<Record<string, CampaignEvent>>(CAMPAIGN_EVENTS_KEY, {}),
  });
  for (const alert of alerts) {
    // Recorded first: a run cut off after this line loses this alert rather than sending it twice.
    journal[alert.key] = now.getTime();
    writeJsonProperty(ALERT_JOURNAL_KEY, journal);
    const outcome = send(chatId, alertText(alert, locale, targetMinutes), 'HTML');
    if (outcome.kind === 'wait') {
      // 429 means not delivered: the next run may try again. Any other failure might have been delivered.
      delete journal[alert.key];
      writeJsonProperty(ALERT_JOURNAL_KEY, journal);
      return;
    }
  }
}

function alertText(alert: StaffAlert, locale: Locale, targetMinutes: number): string {
  const params: Record<string, string | number> = { ...alert.params };
  if (typeof params.channel === 'string') {
    const option = ENUMS.requestChannel.find((entry) => entry.value === params.channel);
    if (option) params.channel = translate(locale, option.label);
  }
  params.target =
    targetMinutes % 60 === 0
      ? locale === 'ru'
        ? `${targetMinutes / 60} ч`
        : `${targetMinutes / 60} h`
      : locale === 'ru'
        ? `${targetMinutes} мин`
        : `${targetMinutes} min`;
  const escaped = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'string' ? escapeTelegramHtml(value) : value,
    ]),
  );
  return translate(locale, MESSAGE_KEYS[alert.kind], escaped);
}

function lastDayCounts(
  book: Workbook,
  clients: ReadonlyArray<{ createdAt: Date | null }>,
  now: Date,
): { newClients: number; orders: number; mailsSent: number } {
  const from = now.getTime() - DAY_MS;
  const within = (value: unknown) => isDate(value) && value.getTime() > from && value.getTime() <= now.getTime();
  return {
    newClients: clients.filter((client) => within(client.createdAt)).length,
    orders: readTable(book, 'orders').rows.filter((row) => within(row.values.date)).length,
    mailsSent: readTable(book, 'sends').rows.filter((row) => row.values.status === 'sent' && within(row.values.at))
      .length,
  };
}
