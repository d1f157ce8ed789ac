// Automated mailings: staff switch each flow on or off with its template and delay (Settings rows
// `flows.<name>`); the hourly step queues the flow mails due now as Sends rows (one per occasion) and
// sends them through the same exactly-once engine as campaigns.
import type { AutomationForecast, AutomationView, FlowNameView } from '../../contract/sidebar-api';
import { withSendLock } from '../../services/locks';
import { scriptStore } from '../../services/properties';
import { dueFlowMails, forecastFlow, isQuietHour, type FlowFacts } from '../../domain/campaigns/flows';
import { kindOfCampaigns } from '../../domain/campaigns/exclusions';
import { rolledSends } from '../../domain/campaigns/rollup';
import { readSendTotals } from '../../sheets/rollups';
import { FLOW_NAMES, flowCampaignId, flowOfCampaignId, type FlowName } from '../../domain/campaigns/settings';
import type { ClientFacts } from '../../domain/analysis';
import type { ClientId } from '../../domain/types';
import { translate } from '../../i18n';
import { appendRows, openWorkbook, readCoreSettings, writeSetting, type Workbook } from '../../sheets';
import {
  readCampaigns,
  readCampaignSettings,
  readClientBase,
  readFlowSettings,
  readSendsSheet,
  type ClientBase,
  type SendRow,
} from '../../sheets/campaigns';
import { HOURLY_FLOW_BUDGET_MS, pendingEmails } from './campaign-runs';
import { composeMail, mergeSources, mergeValuesFor, templateBlocked, type MailTemplate } from './mail-merge';
import { templateVariants, type TemplateVariants } from './template-variants';
import { feedbackLinks, loyaltyOccasions, type LoyaltyOccasions } from './mail-seams';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import { sendQueue, settleJournal, type QueuedMail } from './sending';
import { clientChannels, deliverOnTelegram } from '../telegram/campaign-channel';

/** The forecast before switching a flow on covers a week, naming at most this many clients. */
const FORECAST_DAYS = 7;
const FORECAST_NAMES_SHOWN = 10;

export function listAutomations(): AutomationView[] {
  return asStaff((book, locale) => {
    const settings = readFlowSettings(book);
    return FLOW_NAMES.map((flow) => ({
      flow,
      label: translate(locale, `campaigns.flow.${flow}`),
      enabled: settings[flow].enabled,
      delayDays: settings[flow].delayDays,
      template: settings[flow].template,
    }));
  });
}

export function saveAutomation(automation: Omit<AutomationView, 'label'>): AutomationView {
  return asStaff((book, locale) => {
    const flow = automation.flow;
    if (!FLOW_NAMES.includes(flow))
      throw new UserFacingError('campaigns.automation.unknown', { flow: String(automation.flow) });
    if (!Number.isInteger(automation.delayDays) || automation.delayDays < 0 || automation.delayDays > 365)
      throw new UserFacingError('campaigns.automation.badDelay');
    const current = readFlowSettings(book)[flow];
    const switchedOn = automation.enabled === true && !current.enabled;
    const next = {
      ...current,
      // From this moment on: what happened before the switch is never mailed.
      enabledAt: switchedOn ? new Date().toISOString() : current.enabledAt,
      enabled: automation.enabled === true,
      delayDays: automation.delayDays,
      template: automation.template.trim() || current.template,
    };
    writeSetting(book, `flows.${flow}`, JSON.stringify(next));
    return {
      flow,
      label: translate(locale, `campaigns.flow.${flow}`),
      enabled: next.enabled,
      delayDays: next.delayDays,
      template: next.template,
    };
  });
}

/**
 * What analysis and loyalty wrote: churn risk, tier and points from Clients, and when the client's
 * current tier was reached from the ledger (not Tier since, which the nightly run moves while the client
 * still qualifies; a tier with no record in the ledger is no occasion).
 */
function storedFacts(
  base: ClientBase,
  loyalty: Pick<LoyaltyOccasions, 'startingTiers' | 'tiersReachedAt'>,
): Pick<FlowFacts, 'clients' | 'tiersReached'> {
  const clients = new Map<ClientId, ClientFacts>();
  const tiersReached: { clientId: ClientId; tier: string; reachedAt: Date }[] = [];
  for (const row of base.clientRows) {
    const id = String(row.values.id ?? '');
    const { churnRisk, tier, pointsBalance } = row.values;
    clients.set(id, {
      churnRisk: typeof churnRisk === 'number' ? churnRisk : null,
      tier: tier ? String(tier) : null,
      points: typeof pointsBalance === 'number' ? pointsBalance : null,
    });
    const reachedAt = tier ? loyalty.tiersReachedAt.get(`${id}|${String(tier)}`) : undefined;
    if (tier && reachedAt && !loyalty.startingTiers.has(String(tier)))
      tiersReached.push({ clientId: id, tier: String(tier), reachedAt });
  }
  return { clients, tiersReached };
}

/** Merge fields a queued flow mail gets from its occasion (`order:O-12` → that order's feedback link). */
function occasionFields(
  base: ClientBase,
  occasion: string,
  feedbackLinkFor: (orderId: string) => string,
): Record<string, string> {
  const [kind, ...rest] = occasion.split(':');
  const value = rest.join(':');
  if (kind === 'order') {
    const order = base.orders.find((candidate) => candidate.id === value);
    return { feedback_link: feedbackLinkFor(value), last_order: order?.product ?? '' };
  }
  if (kind === 'tier') return { tier: value };
  if (kind === 'points') return { expires_at: value };
  return {};
}

/** How many mails the flow would send in the next days if switched on now, and to whom (names, the first few). */
export function forecastAutomation(flow: FlowNameView): AutomationForecast {
  return asStaff((book) => {
    if (!FLOW_NAMES.includes(flow)) throw new UserFacingError('campaigns.automation.unknown', { flow: String(flow) });
    const now = new Date();
    const flowSettings = readFlowSettings(book);
    const base = readClientBase(book);
    const sends = readSendsSheet(book).rows.map((row) => row.send);
    const loyalty = loyaltyOccasions(book, now, {
      pointsExpiry: flow === 'pointsExpiry',
      tierReached: flow === 'tierReached',
    });
    const mails = forecastFlow(
      flow,
      now,
      FORECAST_DAYS,
      base.clients,
      base.orders,
      {
        localHour: 0,
        pendingUnsubscribes: pendingEmails(scriptStore(), base.clients),
        channels: clientChannels(base),
        ...storedFacts(base, loyalty),
        pointsExpiring: loyalty.pointsExpiring,
        kindOf: kindOfCampaigns(
          readCampaigns(book).map((row) => row.campaign),
          flowSettings,
        ),
      },
      flowSettings,
      sends,
      readCampaignSettings(book),
    );
    const names = new Map(base.clients.map((client) => [client.id, client.name]));
    const ids = [...new Set(mails.map((mail) => mail.clientId))];
    return {
      flow,
      days: FORECAST_DAYS,
      count: mails.length,
      clients: ids.slice(0, FORECAST_NAMES_SHOWN).map((id) => `${names.get(id) ?? ''} (${id})`),
      moreClients: Math.max(0, ids.length - FORECAST_NAMES_SHOWN),
    };
  });
}

/** Hourly step: queue the flow mails due now, then send every queued flow mail (outside quiet hours). */
export function runAutomationsHourly(book: Workbook = openWorkbook()): void {
  const started = Date.now();
  withSendLock(() => {
    const store = scriptStore();
    const now = new Date();
    const settings = readCampaignSettings(book);
    const flowSettings = readFlowSettings(book);
    // Quiet hours on the spreadsheet's clock.
    const localHour = Number(Utilities.formatDate(now, book.timeZone, 'H'));
    if (isQuietHour(localHour, settings)) return;
    const base = readClientBase(book);
    const { rows: sends, table: sendsTable } = readSendsSheet(book);
    settleJournal(book, store, sends, sendsTable);
    const templates = new Map<string, TemplateVariants>();
    const variantsOf = (ref: string): TemplateVariants => {
      let found = templates.get(ref);
      if (!found) {
        found = templateVariants(book, ref, book.locale);
        // A variant with a link clients cannot open holds the whole flow back, logged once per run.
        const blocked = found
          .all()
          .map(templateBlocked)
          .find((reason) => reason !== null);
        if (blocked) {
          console.warn(`${ref}: ${translate(book.locale, blocked)}`);
          found = {
            base: null,
            forClient: () => ({ template: null, locale: book.locale, fellBack: false }),
            all: () => [],
          };
        }
        templates.set(ref, found);
      }
      return found;
    };
    const templateOf = (ref: string): MailTemplate | null => variantsOf(ref).base;
    const loyalty = loyaltyOccasions(book, now, {
      pointsExpiry: flowSettings.pointsExpiry.enabled,
      tierReached: flowSettings.tierReached.enabled,
    });
    // The form's prefilled-link template is read once per run, not once per mail.
    const feedbackLinkFor = feedbackLinks();
    const due = dueFlowMails(
      now,
      base.clients,
      base.orders,
      {
        localHour,
        pendingUnsubscribes: pendingEmails(store, base.clients),
        channels: clientChannels(base),
        ...storedFacts(base, loyalty),
        pointsExpiring: loyalty.pointsExpiring,
        feedbackLink: (client, order) => feedbackLinkFor(order.id, client.email),
        handledBefore: rolledSends(readSendTotals(book)).handled,
        kindOf: kindOfCampaigns(
          readCampaigns(book).map((row) => row.campaign),
          flowSettings,
        ),
      },
      flowSettings,
      sends.map((row) => row.send),
      settings,
    );
    const emailById = new Map(base.clients.map((client) => [client.id, client.email]));
    // A flow whose template is missing queues nothing: its mails stay due for the next run.
    const records = due
      .filter((mail) => templateOf(mail.template) !== null)
      .map((mail) => ({
        campaignId: flowCampaignId(mail.flow),
        clientId: mail.clientId,
        occasion: mail.occasion,
        email: emailById.get(mail.clientId) ?? '',
        status: 'queued' as const,
        reason: '',
        at: now,
      }));
    const rowNumbers = appendRows(book, 'sends', records);
    const appended: SendRow[] = records.map((record, index) => ({ send: record, rowNumber: rowNumbers[index] ?? 0 }));
    const fieldsByKey = new Map(due.map((mail) => [`${mail.flow}|${mail.clientId}|${mail.occasion}`, mail.fields]));
    const queued = [...sends, ...appended].filter(
      (row) => row.send.status === 'queued' && flowOfCampaignId(row.send.campaignId) !== null,
    );
    if (queued.length === 0) return;
    const sources = mergeSources(book, base.clients, base.orders, book.locale, {
      links: true,
      recipients: queued.map((row) => row.send.clientId),
      tables: base.tables,
    });
    const clientsById = new Map(base.clients.map((client) => [client.id, client]));
    const senderName = readCoreSettings(book).settings.studioName;
    const mails: QueuedMail[] = queued.map((row) => ({
      row,
      compose: () => {
        const flow = flowOfCampaignId(row.send.campaignId) as FlowName;
        const client = clientsById.get(row.send.clientId);
        // The client's own language when the template has that variant, else the studio's.
        const variant = client ? variantsOf(flowSettings[flow].template).forClient(client) : null;
        const template = variant?.template ?? null;
        if (!client || !variant || !template) return null;
        const occasion = row.send.occasion ?? '';
        const fields =
          fieldsByKey.get(`${flow}|${client.id}|${occasion}`) ??
          occasionFields(base, occasion, (orderId) => feedbackLinkFor(orderId, client.email));
        return composeMail(template, mergeValuesFor(client, sources, template, fields, variant.locale), {
          to: row.send.email,
          senderName,
          replyTo: '',
        });
      },
    }));
    const deadline = started + HOURLY_FLOW_BUDGET_MS;
    // Clients whose channel is Telegram get it there first; what is left (mail, both, fallbacks) is mailed.
    const telegram = deliverOnTelegram(book, mails, base, { deadline, sendsTable });
    sendQueue(book, store, telegram.viaMail, {
      reserve: 0,
      deadline,
      streak: 0,
      settings,
      sendsTable,
    });
  });
}
