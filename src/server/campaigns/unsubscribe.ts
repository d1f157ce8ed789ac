// Unsubscribe through the web app. A web app has no active spreadsheet (and we keep the narrow
// spreadsheets.currentonly scope), so a click is recorded in script properties, one key per client
// (no read-modify-write, no lock); the hourly step writes it into Clients, and the send engine checks
// the key before every mail, so nothing goes out in between. See docs/mail.md.
import { verifyUnsubscribeToken } from '../../domain/campaigns/unsubscribe';
import { withLock } from '../../services/locks';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import { makeSigner } from '../../services/signer';
import { scriptStore } from '../../services/properties';
import {
  forgetUnsubscribe,
  isUnsubscribePending,
  pendingUnsubscribes,
  recordUnsubscribe,
} from '../../services/unsubscribe-requests';
import { openWorkbook, updateRows, type RowUpdate } from '../../sheets';
import { readClientBase } from '../../sheets/campaigns';

function page(locale: Locale, key: MessageKey): GoogleAppsScript.HTML.HtmlOutput {
  const title = translate(locale, 'campaigns.unsubscribe.title');
  const message = translate(locale, key);
  // The page names no client and no address: a forwarded link tells its reader nothing.
  const html =
    `<!doctype html><html lang="${locale}"><meta charset="utf-8"><body style="font-family:sans-serif;max-width:32em;margin:3em auto">` +
    `<h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`;
  return HtmlService.createHtmlOutput(html).setTitle(title);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The web app: `?action=unsubscribe&token=…&hl=ru`. Anything else gets the neutral page. */
export function doGet(event?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  const parameter = event?.parameter ?? {};
  const locale: Locale = parameter.hl === 'en' ? 'en' : parameter.hl === 'ru' ? 'ru' : 'en';
  if (parameter.action !== 'unsubscribe' || typeof parameter.token !== 'string')
    return page(locale, 'campaigns.unsubscribe.invalid');
  const verified = verifyUnsubscribeToken(parameter.token, makeSigner());
  if (!verified.ok) return page(locale, verified.key);
  const store = scriptStore();
  // The first click's time is the one that counts; a second click changes nothing.
  if (!isUnsubscribePending(store, verified.clientId)) recordUnsubscribe(store, verified.clientId, new Date());
  return page(locale, 'campaigns.unsubscribe.done');
}

/**
 * Hourly: writes pending clicks into Clients (unsubscribed at the click's time), then forgets them.
 * Idempotent: a client already unsubscribed since the click is left as is.
 */
export function applyPendingUnsubscribes(): void {
  const store = scriptStore();
  const pending = pendingUnsubscribes(store);
  if (pending.length === 0) return;
  const book = openWorkbook();
  withLock('database', () => {
    const { clients, rowNumberById } = readClientBase(book);
    const updates: RowUpdate[] = [];
    for (const click of pending) {
      const client = clients.find((candidate) => candidate.id === click.clientId);
      if (!client) continue;
      const resubscribedAfter = client.consentAt !== null && client.consentAt.getTime() > click.at.getTime();
      const alreadyOut = client.unsubscribedAt !== null && client.unsubscribedAt.getTime() >= click.at.getTime();
      if (resubscribedAfter || alreadyOut) continue;
      const rowNumber = rowNumberById.get(click.clientId) ?? 0;
      if (rowNumber > 0)
        updates.push({ rowNumber, identity: { id: click.clientId }, values: { unsubscribedAt: click.at } });
    }
    updateRows(book, 'clients', updates);
  });
  for (const click of pending) forgetUnsubscribe(store, click.clientId);
}
