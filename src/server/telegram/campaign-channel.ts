// The Telegram step of the campaign and flow send loop: before the mail queue, each queued message of a
// client whose channel is Telegram (or both) goes through the bot, with the same rendered template, after
// the same exclusions, caps and consent (the Sends rows were decided by them). Journaled per message like a
// broadcast: in flight before the send, the message id after it; a row is written with that id every
// SEND_CHUNK messages and its journal entry dropped then. What is left for mail is answered, after mail's own
// rules (address, consent, unsubscribe, bounce) are checked again: a row decided for Telegram alone may have
// no address or no consent to mail.
import { contactBlock, type SkipReason } from '../../domain/campaigns/exclusions';
import { recipientKey } from '../../domain/campaigns/sending';
import type { RecipientState } from '../../domain/telegram/broadcast';
import { stateAfter } from '../../domain/telegram/broadcast';
import { channelFor, telegramMove, telegramText, type Channel } from '../../domain/telegram/channel';
import { readJsonProperty, scriptStore, writeJsonProperty } from '../../services/properties';
import { readStoredBot } from '../../services/telegram';
import { isUnsubscribePending } from '../../services/unsubscribe-requests';
import { updateRows, type RowUpdate, type Table, type Workbook } from '../../sheets';
import type { Client, ClientId } from '../../domain/types';
import { sendIdentity, type ClientBase, type SendRow } from '../../sheets/campaigns';
import { markUnreachable, telegramClients, type TelegramClient } from '../../sheets/telegram';
import { CANCEL_CHECK_EVERY, journalCampaignId, SEND_CHUNK, type QueuedMail } from '../campaigns/sending';
import { createSender } from './send';

/** Messages of campaigns and flows in flight or answered and not yet written to their Sends row. */
const JOURNAL_KEY = 'telegram.sendJournal';

export interface TelegramStepOptions {
  /** Epoch ms after which no new message is started (the mail queue's deadline). */
  deadline: number;
  sendsTable: Table;
  /** Whether staff cancelled the campaign meanwhile; asked every CANCEL_CHECK_EVERY messages. */
  cancelled?: () => boolean;
  /**
   * No mail follows in this run (a campaign paused for the mail quota): a 403/400 stays journaled, so later
   * runs go to mail without trying Telegram again.
   */
  mailWaits?: boolean;
}

export interface TelegramStepOutcome {
  /** The queued messages still to go by mail, in their order: channel mail or both, and every fallback. */
  viaMail: QueuedMail[];
  /** Messages Telegram took in this run. */
  delivered: number;
  /** Rows written skipped: mail was left to carry them and mail may not reach the client. */
  skipped: number;
  /** Telegram messages left queued for a later run (Telegram asked to wait, no answer, time up, a cancel). */
  heldBack: number;
}

function telegramClientsOf(base: ClientBase): TelegramClient[] {
  return telegramClients({
    rows: base.clientRows,
    rowNumbers: base.clientRows.map((row) => base.rowNumberById.get(String(row.values.id ?? '')) ?? 0),
  });
}

/** Each client's channel for the recipient decisions; empty (all mail) when no bot is connected. */
export function clientChannels(base: ClientBase): Map<ClientId, Channel> {
  if (!readStoredBot()) return new Map();
  return new Map(telegramClientsOf(base).map((client) => [client.id, channelFor(client, true)]));
}

/** Why mail may not carry this client's message now; the pending unsubscribes are the mail queue's to check. */
function mailBlockOf(client: Client | undefined): SkipReason | null {
  return client ? contactBlock(client, new Set()) : null;
}

/** How many of `clientIds` a press would mail (not Telegram alone): what the day's mail quota is spent on. */
export function mailRecipientCount(base: ClientBase, clientIds: readonly ClientId[]): number {
  const channels = clientChannels(base);
  const clients = new Map(base.clients.map((client) => [client.id, client]));
  return clientIds.filter((id) => {
    const channel = channels.get(id) ?? 'mail';
    return channel === 'mail' || (channel === 'both' && mailBlockOf(clients.get(id)) === null);
  }).length;
}

const keyOf = (row: SendRow): string =>
  recipientKey({ campaignId: journalCampaignId(row.send), clientId: row.send.clientId });

export function deliverOnTelegram(
  book: Workbook,
  queue: readonly QueuedMail[],
  base: ClientBase,
  options: TelegramStepOptions,
): TelegramStepOutcome {
  const bot = readStoredBot();
  const journal = readJsonProperty<Record<string, RecipientState>>(JOURNAL_KEY, {});
  // No bot and nothing journaled: every message goes by mail (the Telegram columns are not even parsed).
  const noTelegram = !bot && Object.keys(journal).length === 0;
  const store = noTelegram ? null : scriptStore();
  const clients = new Map(noTelegram ? [] : telegramClientsOf(base).map((client) => [client.id, client]));
  const mailClients = new Map(base.clients.map((client) => [client.id, client]));
  const send = bot ? createSender(bot) : null;
  const outcome: TelegramStepOutcome = { viaMail: [], delivered: 0, skipped: 0, heldBack: 0 };
  let updates: RowUpdate[] = [];
  let unreachable: TelegramClient[] = [];
  let written: string[] = [];
  let stopped = false;
  let attempts = 0;
  const save = (): void => writeJsonProperty(JOURNAL_KEY, journal);
  const writeRow = (row: SendRow, values: Partial<SendRow['send']>): void => {
    row.send = { ...row.send, ...values };
    updates.push({ rowNumber: row.rowNumber, identity: sendIdentity(row.send), values });
  };
  // Rows (and the 403s) first, then the journal trimmed: an entry dropped before its row is written would resend.
  const flush = (): void => {
    if (updates.length === 0 && unreachable.length === 0 && written.length === 0) return;
    updateRows(book, 'sends', updates, options.sendsTable);
    if (unreachable.length > 0) markUnreachable(book, unreachable, new Date());
    for (const key of written) delete journal[key];
    save();
    updates = [];
    unreachable = [];
    written = [];
  };
  const blocked = (client: TelegramClient): void => {
    // Known here at once: the client's other messages in this run go by mail too.
    client.unreachableAt = new Date();
    unreachable.push(client);
  };
  // Mail carries it only where mail may reach the client; otherwise the row is skipped with mail's reason.
  const toMailOrSkip = (mail: QueuedMail, key: string): void => {
    const block = mailBlockOf(mailClients.get(mail.row.send.clientId));
    if (key in journal && (block !== null || !options.mailWaits)) written.push(key);
    if (block === null) {
      outcome.viaMail.push(mail);
      return;
    }
    writeRow(mail.row, { status: 'skipped', reason: block, at: new Date() });
    outcome.skipped += 1;
  };
  const settle = (mail: QueuedMail, key: string, messageId: string, toMail: boolean): void => {
    if (mail.row.send.telegramMessageId !== messageId || !toMail)
      writeRow(mail.row, {
        telegramMessageId: messageId,
        // Telegram was the only way: the row is sent, with no mail after it.
        ...(toMail ? {} : { status: 'sent' as const, reason: '', at: new Date() }),
      });
    if (key in journal) written.push(key);
    if (toMail) outcome.viaMail.push(mail);
  };
  const mailAllowed = (mail: QueuedMail): boolean => mailBlockOf(mailClients.get(mail.row.send.clientId)) === null;

  for (const mail of queue) {
    const key = keyOf(mail.row);
    const client = clients.get(mail.row.send.clientId);
    const channel: Channel = channelFor(client, send !== null);
    const move = telegramMove(channel, journal[key], mail.row.send.telegramMessageId ?? '');
    if (move.kind === 'delivered') {
      settle(mail, key, move.messageId, move.mail && mailAllowed(mail));
      continue;
    }
    if (move.kind === 'mail') {
      // A 403 journaled by a cut-off run whose Clients write never landed.
      if (journal[key] === 'u' && client && !client.unreachableAt) blocked(client);
      toMailOrSkip(mail, key);
      continue;
    }
    // channelFor answers mail without them; this only tells the compiler.
    if (!send || !client?.chatId || !store) {
      outcome.viaMail.push(mail);
      continue;
    }
    // Held back for a later run (Telegram asked to wait, gave no answer, time is up, or a cancel): not mailed.
    if (stopped || Date.now() > options.deadline) {
      stopped = true;
      outcome.heldBack += 1;
      continue;
    }
    if (options.cancelled && attempts > 0 && attempts % CANCEL_CHECK_EVERY === 0 && options.cancelled()) {
      stopped = true;
      outcome.heldBack += 1;
      continue;
    }
    // An unsubscribe clicked minutes ago: the mail queue skips the row with that reason.
    if (isUnsubscribePending(store, mail.row.send.clientId)) {
      outcome.viaMail.push(mail);
      continue;
    }
    let rendered: ReturnType<QueuedMail['compose']>;
    try {
      rendered = mail.compose();
    } catch {
      rendered = null;
    }
    // Not composable (client gone, a field with no value): the mail queue records why.
    if (!rendered || 'skip' in rendered) {
      outcome.viaMail.push(mail);
      continue;
    }
    attempts += 1;
    journal[key] = 'w';
    save();
    const answer = send(client.chatId, telegramText(rendered.subject, rendered.textBody), 'HTML');
    const after = stateAfter(answer);
    // Pending again (429, no answer) is the same as no entry.
    if (after.state === 'p') delete journal[key];
    else journal[key] = after.state;
    save();
    if (after.state.startsWith('m')) {
      outcome.delivered += 1;
      settle(mail, key, after.state.slice(1), channel === 'both' && mailAllowed(mail));
    } else if (after.state === 'u' || after.state === 's') {
      // Blocked (403) or refused (400): mail goes instead where mail may reach the client.
      if (after.state === 'u') blocked(client);
      toMailOrSkip(mail, key);
    } else {
      // 429 or no answer: this and the rest wait for a later run (no answer may mean delivered: docs/telegram.md).
      stopped = true;
      outcome.heldBack += 1;
    }
    if (updates.length + unreachable.length >= SEND_CHUNK) flush();
  }
  flush();
  return outcome;
}
