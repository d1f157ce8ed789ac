// Unsubscribe through the web app: a GET shows a confirmation, only its button records. A web app has no active spreadsheet (and we keep the narrow
// spreadsheets.currentonly scope), so a click is recorded in script properties, one key per client
// (no read-modify-write, no lock); the hourly step writes it into Clients, and the send engine checks
// the key before every mail, so nothing goes out in between. See docs/mail.md.
import { tokenMatchesEmail, verifyUnsubscribeToken } from '../../domain/campaigns/unsubscribe';
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
import { openWorkbook, updateRows, type RowUpdate, type Workbook } from '../../sheets';
import { readClientBase } from '../../sheets/campaigns';

/** A page in the client's language, readable on a phone (a web app page has no viewport tag unless added). */
function htmlPage(locale: Locale, body: string): GoogleAppsScript.HTML.HtmlOutput {
  const title = translate(locale, 'campaigns.unsubscribe.title');
  const html =
    `<!doctype html><html lang="${locale}"><meta charset="utf-8">` +
    `<body style="font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em">` +
    `<h1>${escape(title)}</h1>${body}</body></html>`;
  return HtmlService.createHtmlOutput(html)
    .setTitle(title)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

// The page names no client and no address: a forwarded link tells its reader nothing.
function page(locale: Locale, key: MessageKey): GoogleAppsScript.HTML.HtmlOutput {
  return htmlPage(locale, `<p>${escape(translate(locale, key))}</p>`);
}

/**
 * The confirmation: one button. Mail scanners and link previews open links (GET) but do not press buttons,
 * so only the press (google.script.run → confirmUnsubscribe) records anything.
 */
function confirmationPage(locale: Locale, token: string): GoogleAppsScript.HTML.HtmlOutput {
  const words = { failed: translate(locale, 'campaigns.unsubscribe.failed') };
  // JSON inside a script element: `<` escaped so no text in it can close the element.
  const data = JSON.stringify({ token, locale, words }).replace(/</g, '\\u003c');
  return htmlPage(
    locale,
    `<p id="question">${escape(translate(locale, 'campaigns.unsubscribe.question'))}</p>` +
      `<button id="confirm" type="button" style="font-size:1.1em;padding:.6em 1.2em">` +
      `${escape(translate(locale, 'campaigns.unsubscribe.button'))}</button>` +
      `<p id="answer" role="status"></p>` +
      `<script>(function(){var d=${data};var b=document.getElementById('confirm');var a=document.getElementById('answer');` +
      `b.addEventListener('click',function(){b.disabled=true;google.script.run` +
      `.withSuccessHandler(function(r){a.textContent=r.message;if(r.done)b.style.display='none';else b.disabled=false;})` +
      `.withFailureHandler(function(){a.textContent=d.words.failed;b.disabled=false;})` +
      `.confirmUnsubscribe(d.token,d.locale);});})();</script>`,
  );
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function localeOf(hl: unknown): Locale {
  return hl === 'ru' ? 'ru' : 'en';
}

/** The web app: `?action=unsubscribe&token=…&hl=ru` shows the confirmation; it records nothing. */
export function doGet(event?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  const parameter = event?.parameter ?? {};
  const locale = localeOf(parameter.hl);
  if (parameter.action !== 'unsubscribe' || typeof parameter.token !== 'string')
    return page(locale, 'campaigns.unsubscribe.invalid');
  const verified = verifyUnsubscribeToken(parameter.token, makeSigner());
  if (!verified.ok) return page(locale, verified.key);
  return confirmationPage(locale, parameter.token);
}

/**
 * The confirmation page's button (google.script.run): records the click with the token's address tag; the
 * hourly step compares the tag with the client's address then (a web app cannot read the sheet). Answers
 * whether it was recorded and the sentence the page shows.
 */
export function confirmUnsubscribe(token: string, hl?: string | null): { done: boolean; message: string } {
  const locale = localeOf(hl);
  const verified = typeof token === 'string' ? verifyUnsubscribeToken(token, makeSigner()) : ({ ok: false } as const);
  if (!verified.ok) return { done: false, message: translate(locale, 'campaigns.unsubscribe.invalid') };
  const store = scriptStore();
  // The first click's time is the one that counts; a second click changes nothing.
  if (!isUnsubscribePending(store, verified.clientId))
    recordUnsubscribe(store, { clientId: verified.clientId, at: new Date(), emailTag: verified.emailTag });
  return { done: true, message: translate(locale, 'campaigns.unsubscribe.done') };
}

/**
 * Hourly: writes pending clicks into Clients (unsubscribed at the click's time), then forgets them.
 * Idempotent: a client already unsubscribed since the click is left as is.
 */
export function applyPendingUnsubscribes(openBook: () => Workbook = openWorkbook): void {
  const store = scriptStore();
  const pending = pendingUnsubscribes(store);
  if (pending.length === 0) return;
  const book = openBook();
  withLock('database', () => {
    const { clients, rowNumberById } = readClientBase(book);
    const sign = makeSigner();
    const updates: RowUpdate[] = [];
    for (const click of pending) {
      const client = clients.find((candidate) => candidate.id === click.clientId);
      if (!client) continue;
      // A link mailed to an address the client no longer has unsubscribes nobody (an old click has no tag).
      if (click.emailTag !== null && !tokenMatchesEmail({ emailTag: click.emailTag }, client.email, sign)) continue;
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
