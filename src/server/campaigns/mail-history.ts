// Read-only views of the mail the studio sent: a client's mail history for the card, what each
// automated flow sent lately, and the templates staff can pick from. Each reads the Sends sheet once.
import type { ClientMailView, FlowActivityView, FlowSendView, TemplateOption } from '../../contract/sidebar-api';
import { DAY_MS } from '../../domain/analysis/dates';
import { SKIP_REASONS, skipReasonKey, type SkipReason } from '../../domain/campaigns/exclusions';
import { enumLabel } from '../../domain/cells';
import { FLOW_NAMES, flowOfCampaignId, type FlowName } from '../../domain/campaigns/settings';
import { campaignFromRow, recordsFrom, sendFromRow } from '../../domain/schema';
import type { Locale, Send } from '../../domain/types';
import { translate } from '../../i18n';
import { listDraftTemplates } from '../../services/mailer';
import { readTable, readTableWhere, type Workbook } from '../../sheets';
import { readCampaignSettings } from '../../sheets/campaigns';
import { readTemplateRows } from '../../sheets/templates';
import { asStaff } from '../app/staff';

const CLIENT_MAIL_LIMIT = 50;
const FLOW_ACTIVITY_DAYS = 30;
const FLOW_RECENT_LIMIT = 5;

function readSendRecords(book: Workbook): Send[] {
  return recordsFrom(readTable(book, 'sends').rows, sendFromRow);
}

/** Queued rows (no time yet) first, then newest first. */
function newestFirst(a: Send, b: Send): number {
  return (b.at?.getTime() ?? Infinity) - (a.at?.getTime() ?? Infinity);
}

/**
 * A skip reason code in the staff's language (a campaign's as its sentence, a follow-up's stop as its label); a
 * failure's own text (Gmail's) as written.
 */
function reasonText(reason: string, locale: Locale, weeklyCap: number): string {
  if ((SKIP_REASONS as readonly string[]).includes(reason))
    return translate(locale, skipReasonKey(reason as SkipReason), { cap: weeklyCap });
  return enumLabel('skipReason', reason, locale);
}

export function getClientMails(clientId: string): ClientMailView[] {
  return asStaff((book, locale) => clientMailsOf(book, locale, clientId));
}

/** The mails part of the card, on a workbook already open (the whole card answers it in one execution). */
export function clientMailsOf(book: Workbook, locale: Locale, clientId: string): ClientMailView[] {
  const id = String(clientId ?? '').trim();
  // The client-id column and this client's rows only, not the whole Sends sheet.
  const sends = newestClientSends(
    recordsFrom(
      readTableWhere(book, 'sends', 'clientId', (value) => value === id, { ids: false }).rows,
      sendFromRow,
    ).filter((send) => send.clientId === id),
  );
  if (sends.length === 0) return [];
  const campaignNames = new Map(
    recordsFrom(readTable(book, 'campaigns').rows, campaignFromRow).map((campaign) => [campaign.id, campaign.name]),
  );
  return clientMailViews(sends, campaignNames, locale, readCampaignSettings(book).weeklyCap);
}

/** A client's newest sends first, at most the card's limit (the kept ones and those written since, merged). */
export function newestClientSends(sends: readonly Send[]): Send[] {
  return [...sends].sort(newestFirst).slice(0, CLIENT_MAIL_LIMIT);
}

/** The card's mail lines for sends already sorted and limited (newestClientSends), campaigns named by id. */
export function clientMailViews(
  sends: readonly Send[],
  campaignNames: ReadonlyMap<string, string>,
  locale: Locale,
  weeklyCap: number,
): ClientMailView[] {
  return sends.map((send) => {
    const flow = flowOfCampaignId(send.campaignId);
    return {
      campaignId: send.campaignId,
      kind: flow ? 'flow' : 'campaign',
      name: flow ? translate(locale, `campaigns.flow.${flow}`) : campaignNames.get(send.campaignId) || send.campaignId,
      status: send.status,
      reason: reasonText(send.reason, locale, weeklyCap),
      at: send.at ? send.at.toISOString() : null,
    };
  });
}

export function getFlowActivity(): FlowActivityView[] {
  return asStaff((book, locale) => {
    const since = Date.now() - FLOW_ACTIVITY_DAYS * DAY_MS;
    const byFlow = new Map<FlowName, Send[]>(FLOW_NAMES.map((flow) => [flow, []]));
    for (const send of readSendRecords(book)) {
      const flow = flowOfCampaignId(send.campaignId);
      if (flow) byFlow.get(flow)?.push(send);
    }
    const weeklyCap = readCampaignSettings(book).weeklyCap;
    return FLOW_NAMES.map((flow) => {
      const sends = (byFlow.get(flow) ?? []).sort(newestFirst);
      const lately = sends.filter((send) => send.at !== null && send.at.getTime() >= since);
      const count = (status: Send['status']) => lately.filter((send) => send.status === status).length;
      const recent: FlowSendView[] = sends.slice(0, FLOW_RECENT_LIMIT).map((send) => ({
        clientId: send.clientId,
        email: send.email,
        status: send.status,
        reason: reasonText(send.reason, locale, weeklyCap),
        occasion: send.occasion ?? '',
        at: send.at ? send.at.toISOString() : null,
      }));
      return {
        flow,
        days: FLOW_ACTIVITY_DAYS,
        sent: count('sent'),
        skipped: count('skipped'),
        failed: count('failed'),
        queued: sends.filter((send) => send.status === 'queued').length,
        recent,
      };
    });
  });
}

export function listTemplates(): TemplateOption[] {
  return asStaff((book) => {
    const options: TemplateOption[] = [];
    for (const row of readTemplateRows(book)) {
      const name = row.name.trim();
      if (name !== '' && !options.some((option) => option.ref === name))
        options.push({ ref: name, source: 'sheet', subject: row.subject });
    }
    for (const subject of listDraftTemplates()) options.push({ ref: `draft:${subject}`, source: 'draft', subject });
    return options;
  });
}
