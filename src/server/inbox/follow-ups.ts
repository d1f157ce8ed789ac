// Follow-up steps, hourly after the inbox was read (so today's replies already stop them): each due step gets
// its Sends rows in one write, and the queued ones go out through the send engine's journal (exactly once),
// each as a reply in the campaign mail's thread.
import { followUpCampaignId, parseFollowUpSteps, planFollowUps, stepOccasion } from '../../domain/inbox/follow-ups';
import type { Locale, Send } from '../../domain/types';
import { scriptStore } from '../../services/properties';
import { pendingUnsubscribes } from '../../services/unsubscribe-requests';
import { withLock } from '../../services/locks';
import { appendRows, updateRows, type Workbook } from '../../sheets';
import {
  readCampaigns,
  readCampaignSettings,
  readClientBase,
  readSendsSheet,
  sendIdentity,
  type SendRow,
} from '../../sheets/campaigns';
import { readFollowUpDefinitions } from '../../sheets/inbox';
import { loadTemplate, mergeSources, mergeValuesFor, renderMail } from '../campaigns/mail-merge';
import { sendQueue, settleJournal, type QueuedMail } from '../campaigns/sending';

export interface FollowUpOutcome {
  sent: number;
  skipped: number;
}

/** Due follow-up steps of every campaign that has some; call under the send lock. */
export function runFollowUps(book: Workbook, locale: Locale, deadline: number): FollowUpOutcome {
  const outcome: FollowUpOutcome = { sent: 0, skipped: 0 };
  const definitions = readFollowUpDefinitions(book);
  if (definitions.size === 0) return outcome;
  const store = scriptStore();
  let sendsSheet = readSendsSheet(book);
  // A run killed mid-send left journaled drafts: their rows are settled before anything is planned.
  settleJournal(book, store, sendsSheet.rows, sendsSheet.table);
  const base = readClientBase(book);
  const clients = new Map(base.clients.map((client) => [client.id, client]));
  const pending = new Set(pendingUnsubscribes(store).map((click) => click.clientId));
  const campaigns = new Map(readCampaigns(book).map((row) => [row.campaign.id, row.campaign]));
  const settings = readCampaignSettings(book);
  const now = new Date();
  for (const [campaignId, raw] of definitions) {
    const campaign = campaigns.get(campaignId);
    const steps = parseFollowUpSteps(raw);
    if (!campaign || campaign.status === 'cancelled' || steps.length === 0) continue;
    const sends = sendsSheet.rows.map((row) => row.send);
    const plan = planFollowUps(campaignId, steps, sends, clients, base.orders, pending, now);
    if (plan.newRows.length > 0 || plan.stopped.length > 0) {
      withLock('database', () => {
        updateRows(
          book,
          'sends',
          plan.stopped.map(({ index, reason }) => {
            const row = sendsSheet.rows[index] as SendRow;
            return {
              rowNumber: row.rowNumber,
              identity: sendIdentity(row.send),
              values: { status: 'skipped', reason, at: now },
            };
          }),
          sendsSheet.table,
        );
        appendRows(book, 'sends', plan.newRows.map(rowValues));
      });
      outcome.skipped += plan.newRows.filter((row) => row.status === 'skipped').length + plan.stopped.length;
      sendsSheet = readSendsSheet(book);
    }
    const originals = new Map(
      sendsSheet.rows
        .filter((row) => row.send.campaignId === campaignId && !row.send.occasion)
        .map((row) => [row.send.clientId, row.send]),
    );
    const queued = sendsSheet.rows.filter(
      (row) => row.send.campaignId === followUpCampaignId(campaignId) && row.send.status === 'queued',
    );
    if (queued.length === 0) continue;
    const sources = mergeSources(book, base.clients, base.orders, locale, {
      links: true,
      campaignId,
      recipients: queued.map((row) => row.send.clientId),
      tables: base.tables,
    });
    const templates = steps.map((step) => loadTemplate(book, step.template));
    const mails: QueuedMail[] = [];
    for (const row of queued) {
      const template = templates[steps.findIndex((_, index) => stepOccasion(index) === row.send.occasion)];
      // A missing template holds its step back (the rows stay queued) until staff fix it.
      if (!template) continue;
      mails.push({
        row,
        compose: () => {
          const client = clients.get(row.send.clientId);
          const threadId = originals.get(row.send.clientId)?.threadId;
          if (!client || !threadId) return null;
          const rendered = renderMail(template, mergeValuesFor(client, sources, template));
          return {
            to: row.send.email,
            subject: rendered.subject,
            htmlBody: rendered.htmlBody,
            textBody: rendered.textBody,
            senderName: campaign.senderName,
            replyTo: campaign.replyTo,
            attachments: template.attachments,
            inlineImages: template.inlineImages,
            inThread: threadId,
          };
        },
      });
    }
    const sent = sendQueue(book, store, mails, {
      reserve: settings.quotaReserveForFlows,
      deadline,
      streak: 0,
      settings,
      sendsTable: sendsSheet.table,
    });
    outcome.sent += sent.sent;
    if (sent.pause || sent.outOfTime) break;
  }
  return outcome;
}

function rowValues(send: Send) {
  return {
    campaignId: send.campaignId,
    clientId: send.clientId,
    occasion: send.occasion ?? '',
    email: send.email,
    status: send.status,
    reason: send.reason,
    at: send.at,
  };
}
