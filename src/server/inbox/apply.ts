// What the new mail changes in the sheets, in one read and one write per sheet: Sends rows bounced or replied,
// clients suppressed, requests made from client mail and answered from staff's replies, and campaigns paused
// for bouncing. Each change is made only if not made before, so applying the same mail twice changes nothing.
import { transitionCampaign } from '../../domain/campaigns/state';
import {
  bounceRates,
  campaignsOverBounceRate,
  sendOfFailure,
  shouldSuppress,
  softBounceStreak,
} from '../../domain/inbox/bounces';
import { isDeliveryNotice, parseDeliveryFailure } from '../../domain/inbox/dsn';
import {
  addressOf,
  decideIncoming,
  firstStaffAnswer,
  needsRequest,
  requestSummary,
  sendIndexesByThread,
  type IncomingMail,
} from '../../domain/inbox/incoming';
import type { InboxSettings } from '../../domain/inbox/settings';
import { nextId } from '../../domain/schema';
import type { ClientRequest } from '../../domain/types';
import { translate } from '../../i18n';
import { readMemo, writeMemo } from '../../services/campaign-memo';
import { threadMessages, type InboxMessage } from '../../services/inbox';
import { scriptStore } from '../../services/properties';
import { appendRows, updateRows, type RowUpdate, type RowValues, type Workbook } from '../../sheets';
import { readCampaigns, readClientBase, readSendsSheet, sendIdentity, writeCampaign } from '../../sheets/campaigns';
import { readRequestsSheet } from '../../sheets/inbox';

export interface ApplyContext {
  settings: InboxSettings;
  studio: ReadonlySet<string>;
  now: Date;
  deadline: number;
}

export interface ApplyOutcome {
  bounces: number;
  replies: number;
  requests: number;
  answered: number;
  paused: string[];
  /** Email requests still waiting for staff's answer. */
  openEmailRequests: number;
}

/** Several changes to one row merge into one update. */
function collect(
  updates: Map<number, RowUpdate>,
  rowNumber: number,
  identity: Record<string, string>,
  values: RowValues,
) {
  const known = updates.get(rowNumber);
  updates.set(rowNumber, { rowNumber, identity, values: { ...(known?.values ?? {}), ...values } });
}

export function applyInbox(book: Workbook, messages: readonly InboxMessage[], context: ApplyContext): ApplyOutcome {
  const outcome: ApplyOutcome = { bounces: 0, replies: 0, requests: 0, answered: 0, paused: [], openEmailRequests: 0 };
  const sendsSheet = readSendsSheet(book);
  const sends = sendsSheet.rows.map((row) => row.send);
  const base = readClientBase(book);
  const requestsSheet = readRequestsSheet(book);
  const requests: ClientRequest[] = requestsSheet.rows.map((row) => row.request);
  const clientIdByEmail = new Map(base.clients.filter((c) => c.email).map((c) => [addressOf(c.email), c.id]));
  const clientById = new Map(base.clients.map((c) => [c.id, c]));
  const byThread = sendIndexesByThread(sends);
  const sendUpdates = new Map<number, RowUpdate>();
  const clientUpdates = new Map<number, RowUpdate>();
  const newRequests: Array<Record<string, RowValues[string]>> = [];
  const suppressed = new Set<string>();
  const ids = requests.map((r) => r.id);

  for (const message of messages) {
    const mail: IncomingMail = {
      threadId: message.threadId,
      from: message.from,
      subject: message.subject,
      date: message.date,
    };
    const decision = decideIncoming(mail, {
      clientIdByEmail,
      sendIndexesByThread: byThread,
      sends,
      studioAddresses: context.studio,
      requestsFromAnyone: context.settings.requestsFromAnyone,
      isNotice: (m) => isDeliveryNotice(m.from, m.subject),
    });
    if (decision.kind === 'ignore') continue;
    if (decision.kind === 'notice') {
      const failure = parseDeliveryFailure({
        from: message.from,
        subject: message.subject,
        failedRecipients: message.failedRecipients(),
        raw: message.raw(),
      });
      if (!failure) continue;
      const index = sendOfFailure(sends, failure, message.date);
      const send = sends[index];
      const row = sendsSheet.rows[index];
      if (!send || !row) continue;
      if (!send.bounceStatus) {
        send.bouncedAt = message.date;
        send.bounceStatus = failure.status;
        collect(sendUpdates, row.rowNumber, sendIdentity(send), {
          bouncedAt: message.date,
          bounceStatus: failure.status,
        });
        outcome.bounces += 1;
      }
      const client = clientById.get(send.clientId);
      const clientRow = base.rowNumberById.get(send.clientId) ?? 0;
      if (!client || clientRow === 0 || client.bouncedAt !== null || suppressed.has(client.id)) continue;
      if (addressOf(client.email) !== failure.address || !shouldSuppress(sends, failure, context.settings)) continue;
      const reason = translate(book.locale, failure.kind === 'hard' ? 'inbox.bounce.hard' : 'inbox.bounce.soft', {
        status: failure.status,
        diagnostic: failure.diagnostic,
        count: softBounceStreak(sends, failure.address),
      });
      suppressed.add(client.id);
      collect(clientUpdates, clientRow, { id: client.id }, { bouncedAt: message.date, bounceReason: reason });
      continue;
    }
    if (decision.kind === 'reply') {
      for (const index of decision.sendIndexes) {
        const send = sends[index];
        const row = sendsSheet.rows[index];
        if (!send || !row || send.repliedAt) continue;
        send.repliedAt = message.date;
        collect(sendUpdates, row.rowNumber, sendIdentity(send), { repliedAt: message.date });
        outcome.replies += 1;
      }
    }
    if (!needsRequest(requests, mail)) continue;
    const id = nextId('R', ids);
    ids.push(id);
    const request: ClientRequest = {
      id,
      clientId: decision.clientId,
      channel: 'email',
      receivedAt: message.date,
      answeredAt: null,
      summary: requestSummary(message.subject),
      threadId: message.threadId,
    };
    requests.push(request);
    newRequests.push({
      ...request,
      answeredAt: null,
      summary: decision.clientId ? request.summary : `${message.from}: ${request.summary}`,
    });
    outcome.requests += 1;
  }

  // Staff's answer in Gmail: the first studio message in the thread after the request.
  const requestUpdates: RowUpdate[] = [];
  for (const [index, request] of requests.entries()) {
    if (request.answeredAt || !request.threadId || Date.now() > context.deadline) continue;
    const thread = threadMessages(request.threadId);
    const answeredAt = thread ? firstStaffAnswer(request, thread, context.studio) : null;
    if (!answeredAt) continue;
    request.answeredAt = answeredAt;
    outcome.answered += 1;
    const row = requestsSheet.rows[index];
    if (row) requestUpdates.push({ rowNumber: row.rowNumber, identity: { id: request.id }, values: { answeredAt } });
    else {
      const fresh = newRequests.find((values) => values.id === request.id);
      if (fresh) fresh.answeredAt = answeredAt;
    }
  }

  updateRows(book, 'sends', [...sendUpdates.values()], sendsSheet.table);
  updateRows(book, 'clients', [...clientUpdates.values()]);
  updateRows(book, 'requests', requestUpdates, requestsSheet.table);
  if (newRequests.length > 0) appendRows(book, 'requests', newRequests);
  outcome.paused = pauseBouncingCampaigns(book, sends, context);
  outcome.openEmailRequests = requests.filter((request) => request.threadId && !request.answeredAt).length;
  return outcome;
}

/**
 * Campaigns still sending (or waiting for the quota, which would resume them) whose bounce rate passed the
 * setting stop, with the reason staff see; only staff resume them.
 */
function pauseBouncingCampaigns(
  book: Workbook,
  sends: Parameters<typeof bounceRates>[0],
  context: ApplyContext,
): string[] {
  const store = scriptStore();
  const campaigns = readCampaigns(book).filter(
    (row) =>
      row.campaign.status === 'sending' ||
      (row.campaign.status === 'paused' && readMemo(store, row.campaign.id).pause?.reason === 'quota'),
  );
  if (campaigns.length === 0) return [];
  const over = campaignsOverBounceRate(
    bounceRates(sends),
    new Set(campaigns.map((row) => row.campaign.id)),
    context.settings,
  );
  const paused: string[] = [];
  for (const rate of over) {
    const row = campaigns.find((candidate) => candidate.campaign.id === rate.campaignId);
    if (!row) continue;
    if (row.campaign.status === 'sending' && !transitionCampaign(row.campaign, 'paused').ok) continue;
    writeMemo(store, rate.campaignId, {
      ...readMemo(store, rate.campaignId),
      pause: {
        reason: 'bounces',
        key: 'inbox.pause.bounces',
        params: {
          bounced: rate.bounced,
          sent: rate.sent,
          rate: Math.round(rate.rate * 1000) / 10,
          limit: Math.round(context.settings.bounceRateToPause * 1000) / 10,
        },
        at: context.now.toISOString(),
      },
    });
    if (row.campaign.status === 'sending') writeCampaign(book, row, { status: 'paused' });
    paused.push(rate.campaignId);
  }
  return paused;
}
