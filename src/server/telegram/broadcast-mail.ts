// A broadcast message Telegram refused with 403 (the client blocked the bot) goes by mail where mail may reach
// the client: channel both (or blank), consent to mail, a valid address. Never sent from the broadcast run
// itself: the run queues a Sends row (campaign `broadcast:<id>`), and the sending account's run mails it
// through the same exactly-once journal as campaigns (sendQueue), from the poll or the hourly step.
import { contactBlock } from '../../domain/campaigns/exclusions';
import { escapeHtml } from '../../domain/campaigns/html';
import { parseTemplate } from '../../domain/campaigns/template';
import { clientFromRow } from '../../domain/schema';
import { textFor } from '../../domain/telegram/broadcast';
import type { Client, Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { withSendLock } from '../../services/locks';
import { scriptStore } from '../../services/properties';
import { appendRows, openWorkbook, readCoreSettings, readTable, type Workbook } from '../../sheets';
import { readCampaignSettings, readClientBase, readSendsSheet, type SendRow } from '../../sheets/campaigns';
import type { TelegramClient } from '../../sheets/telegram';
import {
  clientLocale,
  composeMail,
  mergeSources,
  mergeValuesFor,
  templateBlocked,
  type MailTemplate,
} from '../campaigns/mail-merge';
import { sendingMailbox, sendQueue, settleJournal, type QueuedMail } from '../campaigns/sending';
import { readBroadcastHeader } from './broadcast';

const PREFIX = 'broadcast:';
/** Set while fallback mails wait in Sends: the poll's check costs one property read when there are none. */
const WAITING_KEY = 'telegram.broadcastMailWaiting';
/** The poll or hourly step mails for at most this long, well inside one execution. */
const MAIL_BUDGET_MS = 60_000;

export const broadcastCampaignId = (broadcastId: string): string => `${PREFIX}${broadcastId}`;

/**
 * Queues the 403'd message's mail, once: called before the 403 is recorded, so a run cut between the two
 * sends again, meets the 403 again and finds the row already there. Sends and Clients are read once per run,
 * and only when a 403 comes.
 */
export function broadcastMailFallback(book: Workbook): (broadcastId: string, client: TelegramClient) => void {
  let listed: Set<string> | null = null;
  let clients: Map<string, Client> | null = null;
  return (broadcastId, telegramClient) => {
    // A client who chose Telegram alone gets no mail instead.
    if (telegramClient.preferredChannel === 'telegram' || telegramClient.preferredChannel === 'email') return;
    clients ??= new Map(
      readTable(book, 'clients')
        .rows.map(clientFromRow)
        .map((client) => [client.id, client]),
    );
    const client = clients.get(telegramClient.id);
    if (!client || contactBlock(client, new Set()) !== null) return;
    const campaignId = broadcastCampaignId(broadcastId);
    listed ??= new Set(readSendsSheet(book).rows.map((row) => `${row.send.campaignId}|${row.send.clientId}`));
    if (listed.has(`${campaignId}|${client.id}`)) return;
    // Marked first: a run cut between the two leaves a mark with nothing queued (cleared), never a row unmarked.
    scriptStore().setProperty(WAITING_KEY, String(Date.now()));
    appendRows(book, 'sends', [
      {
        campaignId,
        clientId: client.id,
        occasion: '',
        email: client.email.trim().toLowerCase(),
        status: 'queued',
        reason: '',
        at: new Date(),
      },
    ]);
    listed.add(`${campaignId}|${client.id}`);
  };
}

/** The broadcast's text in the client's language, with the unsubscribe link every marketing mail carries. */
function fallbackTemplate(locale: Locale, studio: string): MailTemplate {
  const unsubscribe = translate(locale, 'telegram.broadcast.mailUnsubscribe');
  return {
    ref: 'telegram broadcast',
    subject: parseTemplate(translate(locale, 'telegram.broadcast.mailSubject', { studio }).replace(/[{}]/g, '')),
    body: parseTemplate(
      `<div style="white-space:pre-line">{{broadcast_text}}</div><p><a href="{{unsubscribe_link}}">${escapeHtml(unsubscribe)}</a></p>`,
    ),
    html: true,
    text: parseTemplate(`{{broadcast_text}}\n\n${unsubscribe.replace(/[{}]/g, '')}: {{unsubscribe_link}}`),
    attachments: [],
    inlineImages: {},
  };
}

/**
 * Mails the queued broadcast fallbacks, in the sending account's execution only (another account's poll leaves
 * them for the sending account's poll or hourly step). One property read when none wait.
 */
export function mailBroadcastFallbacks(): void {
  const store = scriptStore();
  const mark = store.getProperty(WAITING_KEY);
  if (mark === null) return;
  // Cleared only if no broadcast marked again meanwhile (its row may be newer than this run's read of Sends).
  const clear = (): void => {
    if (store.getProperty(WAITING_KEY) === mark) store.deleteProperty(WAITING_KEY);
  };
  const started = Date.now();
  withSendLock(() => {
    const mailbox = sendingMailbox();
    if (!mailbox) return;
    const book = openWorkbook();
    const { rows, table } = readSendsSheet(book);
    settleJournal(book, store, rows, table, mailbox);
    const queued = rows.filter((row) => row.send.status === 'queued' && row.send.campaignId.startsWith(PREFIX));
    if (queued.length === 0) {
      clear();
      return;
    }
    const base = readClientBase(book);
    const { settings } = readCoreSettings(book);
    const sources = mergeSources(book, base.clients, base.orders, book.locale, {
      links: true,
      recipients: queued.map((row) => row.send.clientId),
    });
    const clientsById = new Map(base.clients.map((client) => [client.id, client]));
    const mails = queued.map((row): QueuedMail => ({ row, compose: () => compose(row) }));
    function compose(row: SendRow): ReturnType<QueuedMail['compose']> {
      const client = clientsById.get(row.send.clientId);
      const header = readBroadcastHeader(row.send.campaignId.slice(PREFIX.length));
      if (!client || !header) return null;
      const locale = clientLocale(client, settings.locale);
      const template = fallbackTemplate(locale, settings.studioName);
      // The client's language (else the studio's), as the template above.
      const text = textFor(header.texts, locale, settings.locale);
      return composeMail(template, mergeValuesFor(client, sources, template, { broadcast_text: text }), {
        to: row.send.email,
        senderName: settings.studioName,
        replyTo: '',
      });
    }
    // An unsubscribe link clients cannot open (no web app deployed): the mails wait, as a campaign's would.
    if (templateBlocked(fallbackTemplate(book.locale, settings.studioName)) !== null) return;
    const campaignSettings = readCampaignSettings(book);
    sendQueue(book, store, mails, {
      reserve: campaignSettings.quotaReserveForFlows,
      deadline: started + MAIL_BUDGET_MS,
      streak: 0,
      settings: campaignSettings,
      sendsTable: table,
      mailbox,
    });
    if (!rows.some((row) => row.send.status === 'queued' && row.send.campaignId.startsWith(PREFIX))) clear();
  });
}
