// Templates and merge values for a mail: where a template comes from (a Gmail draft or a Templates row),
// what each client's fields are, and the rendered subject, HTML and plain text.
import {
  clientMergeValues,
  foldFieldName,
  isoDayText,
  knownFieldNames,
  type BuiltinField,
  type FieldValue,
} from '../../domain/campaigns/fields';
import { parseTemplate, render, type Template } from '../../domain/campaigns/template';
import { makeUnsubscribeToken, unsubscribeUrl, type Signer } from '../../domain/campaigns/unsubscribe';
import type { Client, ClientId, Locale, Order } from '../../domain/types';
import { translate } from '../../i18n';
import { findDraftTemplate, type OutgoingMail } from '../../services/mailer';
import { makeSigner } from '../../services/signer';
import type { Workbook } from '../../sheets';
import { findTemplateRow } from '../../sheets/templates';
import { telegramLinkMaker } from '../telegram/link';
import { feedbackLinks, LOYALTY_MERGE_FIELDS, loyaltyFieldsFor, type LoyaltyMergeFields } from './mail-seams';
import type { LoyaltyFieldOptions } from '../loyalty/loyalty-fields';

type BlobSource = GoogleAppsScript.Base.BlobSource;

export interface MailTemplate {
  ref: string;
  subject: Template;
  body: Template;
  /** Whether `body` is HTML (a draft, or a Templates row with an HTML body). */
  html: boolean;
  /** A plain-text body of its own (Templates row); else the text is made from the HTML. */
  text: Template | null;
  attachments: BlobSource[];
  inlineImages: Record<string, BlobSource>;
}

const DRAFT_PREFIX = 'draft:';
const SHEET_PREFIX = 'sheet:';

/** `draft:<subject>` → the Gmail draft; `sheet:<name>` or a bare name → the Templates row. Null when not found. */
export function loadTemplate(book: Workbook, ref: string): MailTemplate | null {
  const trimmed = ref.trim();
  if (trimmed.toLowerCase().startsWith(DRAFT_PREFIX)) {
    const draft = findDraftTemplate(trimmed.slice(DRAFT_PREFIX.length));
    if (!draft) return null;
    return {
      ref: trimmed,
      subject: parseTemplate(draft.subject),
      body: parseTemplate(draft.htmlBody),
      html: true,
      text: null,
      attachments: draft.attachments,
      inlineImages: draft.inlineImages,
    };
  }
  const row = findTemplateRow(
    book,
    trimmed.toLowerCase().startsWith(SHEET_PREFIX) ? trimmed.slice(SHEET_PREFIX.length) : trimmed,
  );
  if (!row) return null;
  const { htmlBody, textBody } = row;
  const html = htmlBody.trim() !== '';
  return {
    ref: trimmed,
    subject: parseTemplate(row.subject),
    body: parseTemplate(html ? htmlBody : textBody),
    html,
    text: html && textBody.trim() !== '' ? parseTemplate(textBody) : null,
    attachments: [],
    inlineImages: {},
  };
}

/**
 * The web app's URL clients can open: null until it is deployed (getUrl() is null), and null for the editor's
 * test deployment, whose /dev URL works only for the script's editors.
 */
export function clientWebAppUrl(): string | null {
  const url = ScriptApp.getService().getUrl();
  if (!url) return null;
  return /\/dev(?:[?#]|$)/.test(url) ? null : url;
}

/** Why this template cannot be mailed now (an unsubscribe link with no web app to open it), or null. */
export function templateBlocked(template: MailTemplate): 'campaigns.pause.webapp' | null {
  return templateUses(template, 'unsubscribe_link') && clientWebAppUrl() === null ? 'campaigns.pause.webapp' : null;
}

/**
 * The template for a flow's mails, or null while it cannot be mailed: missing, or blocked (then the reason is
 * logged once, since a flow's template is loaded once per run) and its mails stay due for a later run.
 */
export function loadSendableTemplate(book: Workbook, ref: string): MailTemplate | null {
  const template = loadTemplate(book, ref);
  if (!template) return null;
  const blocked = templateBlocked(template);
  if (!blocked) return template;
  console.warn(`${ref}: ${translate(book.locale, blocked)}`);
  return null;
}

export function templateUses(template: MailTemplate, field: string): boolean {
  const key = foldFieldName(field);
  return [template.subject, template.body, template.text].some((part) =>
    part?.parts.some((piece) => piece.kind === 'field' && piece.key === key),
  );
}

/** Whether any of the templates has a loyalty field: only then are the loyalty sheets read for the mails. */
export function usesLoyaltyFields(templates: readonly MailTemplate[]): boolean {
  return LOYALTY_MERGE_FIELDS.some((field) => templates.some((template) => templateUses(template, field)));
}

/** The parsed parts of a template: subject, body and its own plain text. */
export function templateParts(template: MailTemplate): Template[] {
  return [template.subject, template.body, ...(template.text ? [template.text] : [])];
}

/** Everything the merge needs besides the client, read once per run. */
export interface MergeSources {
  locale: Locale;
  webAppUrl: string;
  sign: Signer | null;
  loyalty: Map<ClientId, LoyaltyMergeFields>;
  /** The order's prefilled feedback link for the client's address; the stored form is read once per run. */
  feedbackLink: (orderId: string, email: string) => string;
  /** The client's Telegram deep link ({{telegram_link}}); '' with no bot connected. */
  telegramLink: (clientId: ClientId) => string;
  lastOrder: Map<ClientId, Order>;
  lastCompleted: Map<ClientId, Order>;
  staffHeaders: string[];
}

export function mergeSources(
  book: Workbook,
  clients: readonly Client[],
  orders: readonly Order[],
  locale: Locale,
  options: {
    links: boolean;
    campaignId?: string;
    recipients?: readonly ClientId[];
    /** Clients and Orders as read for `clients` and `orders`: loyalty fields reuse them. */
    tables?: LoyaltyFieldOptions['tables'];
    /** False when no template in use has a loyalty field: the loyalty sheets are not read. Default true. */
    loyalty?: boolean;
    /** Every staff column of Clients, when the clients were read in some columns only (readClientBase). */
    staffHeaders?: string[];
  },
): MergeSources {
  const lastOrder = new Map<ClientId, Order>();
  const lastCompleted = new Map<ClientId, Order>();
  for (const order of [...orders].sort((a, b) => a.date.getTime() - b.date.getTime())) {
    if (order.status === 'cancelled') continue;
    lastOrder.set(order.clientId, order);
    if (order.status === 'completed') lastCompleted.set(order.clientId, order);
  }
  return {
    locale,
    // One secret read per run; every link is then signed in memory (same HMAC as Utilities').
    webAppUrl: options.links ? (clientWebAppUrl() ?? '') : '',
    sign: options.links ? makeSigner() : null,
    loyalty:
      options.loyalty === false
        ? new Map<ClientId, LoyaltyMergeFields>()
        : loyaltyFieldsFor(
            book,
            options.recipients ?? clients.map((client) => client.id),
            options.campaignId,
            options.tables,
          ),
    feedbackLink: feedbackLinks(),
    telegramLink: telegramLinkMaker(options.links),
    lastOrder,
    lastCompleted,
    staffHeaders: options.staffHeaders ?? [...new Set(clients.flatMap((client) => Object.keys(client.extra)))],
  };
}

export function knownFields(sources: MergeSources, extra: readonly string[] = []): Set<string> {
  return new Set([...knownFieldNames(sources.staffHeaders), ...extra.map(foldFieldName)]);
}

export function clientLocale(client: Client, fallback: Locale): Locale {
  return client.locale === 'ru' || client.locale === 'en' ? client.locale : fallback;
}

/**
 * A client's merge values; the unsubscribe link is signed only when the template has one. `mailLocale`
 * is the language the mail is written in (the template variant's); the client's own by default. Numbers,
 * lists, dates and plurals follow it, so nothing English lands inside a Russian mail or the reverse.
 */
export function mergeValuesFor(
  client: Client,
  sources: MergeSources,
  template: MailTemplate | null,
  extra: Readonly<Record<string, string>> = {},
  mailLocale?: Locale,
): Record<string, string> {
  const locale = mailLocale ?? clientLocale(client, sources.locale);
  const completed = sources.lastCompleted.get(client.id);
  const values: Partial<Record<BuiltinField, FieldValue>> = {
    ...sources.loyalty.get(client.id),
    last_order: sources.lastOrder.get(client.id)?.product ?? '',
    feedback_link: completed ? sources.feedbackLink(completed.id, client.email) : '',
    telegram_link: sources.telegramLink(client.id),
    // A placeholder where no link is made (preview counts): the field is never missing.
    unsubscribe_link:
      sources.sign && template && templateUses(template, 'unsubscribe_link')
        ? unsubscribeUrl(sources.webAppUrl, makeUnsubscribeToken(client.id, client.email, sources.sign), locale)
        : sources.sign
          ? ''
          : '#unsubscribe',
  };
  // The occasion's own values (a flow's expiring points and their day) win over the client's.
  const occasion = Object.fromEntries(
    Object.entries(extra).map(([key, value]) => [key, key === 'expires_at' ? isoDayText(value, locale) : value]),
  );
  return clientMergeValues(client, { ...values, ...occasion }, locale);
}

export interface RenderedMail {
  subject: string;
  htmlBody: string | null;
  textBody: string;
  /** Fields with no value and no fallback, each once. */
  missing: string[];
}

export function renderMail(template: MailTemplate, values: Readonly<Record<string, string>>): RenderedMail {
  const subject = render(template.subject, values, { html: false });
  const body = render(template.body, values, { html: template.html });
  const text = template.text ? render(template.text, values, { html: false }) : null;
  const missing = [...new Set([...subject.missing, ...body.missing, ...(text?.missing ?? [])])];
  return {
    subject: subject.body.replace(/\s+/g, ' ').trim(),
    htmlBody: template.html ? body.body : null,
    textBody: text ? text.body : body.text,
    missing,
  };
}

/**
 * One recipient's mail from a template and its merge values. A field with no value and no fallback skips the
 * recipient with that reason: never sent half-filled.
 */
export function composeMail(
  template: MailTemplate,
  values: Readonly<Record<string, string>>,
  envelope: { to: string; senderName: string; replyTo: string },
): OutgoingMail | { skip: 'missingField' } {
  const rendered = renderMail(template, values);
  if (rendered.missing.length > 0) return { skip: 'missingField' };
  return {
    ...envelope,
    subject: rendered.subject,
    htmlBody: rendered.htmlBody,
    textBody: rendered.textBody,
    attachments: template.attachments,
    inlineImages: template.inlineImages,
  };
}
