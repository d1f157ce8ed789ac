// The campaign desk in the sidebar: list, create, preview, test, send, schedule, cancel, progress;
// and the trigger handlers that keep campaigns going.
import type {
  CampaignConfirmation,
  CampaignPreview,
  CampaignProgress,
  CampaignView,
  NewCampaign,
} from '../../contract/sidebar-api';
import { scriptStore } from '../../services/properties';
import { withLock } from '../../services/locks';
import { oncePerRequest } from '../../services/action-memo';
import {
  recipientsNow,
  SKIP_REASONS,
  skipReasonKey,
  todaysShare,
  type SkipReason,
} from '../../domain/campaigns/exclusions';
import { campaignClientColumns, foldFieldName, suggestableFieldNames } from '../../domain/campaigns/fields';
import { checkTemplate, missingFields, nearestField, type Template } from '../../domain/campaigns/template';
import { CAMPAIGN_STATUSES, campaignCounts, transitionCampaign } from '../../domain/campaigns/state';
import { nextId } from '../../domain/schema';
import { enumLabel, parseDate } from '../../domain/cells';
import type { Campaign, CampaignStatus, Client, ClientId, Locale } from '../../domain/types';
import { translate, type MessageParams } from '../../i18n';
import { remainingMailQuota, sendMailNow } from '../../services/mailer';
import { continuationDueAt, scheduleContinuation } from '../../services/triggers';
import { appendRows, idCells, openWorkbook, readTable, updateRows, type Workbook } from '../../sheets';
import {
  readCampaigns,
  readCampaignSettings,
  readClientBase,
  readSends,
  sendIdentity,
  writeCampaign,
  type CampaignRow,
  type ClientColumns,
} from '../../sheets/campaigns';
import { ALL_CLIENTS_SEGMENT, LOYALTY_MERGE_FIELDS } from './mail-seams';
import { readStoredBot } from '../../services/telegram';
import {
  campaignsWaiting,
  CLIENT_BUDGET_MS,
  CONTINUE_HANDLER,
  decideFor,
  HOURLY_CAMPAIGN_BUDGET_MS,
  HOURLY_LEAVES_TO_CONTINUATION_MS,
  markPressed,
  runCampaigns,
  START_HANDLER,
  TRIGGER_BUDGET_MS,
  withQueuedFor,
} from './campaign-runs';
import { readMemo, writeMemo } from '../../services/campaign-memo';
import {
  knownFields,
  mergeSources,
  mergeValuesFor,
  renderMail,
  templateParts,
  usesLoyaltyFields,
  type MailTemplate,
  type MergeSources,
} from './mail-merge';
import { templateVariants, type TemplateVariants } from './template-variants';
import { mailRecipientCount } from '../telegram/campaign-channel';
import { UserFacingError } from '../app/respond';
import { inboxCounts } from '../../domain/inbox/bounces';
import { asStaff } from '../app/staff';
import { withRolledCounts } from '../../domain/campaigns/rollup';
import { readCampaignTotals } from '../../sheets/rollups';

const LOYALTY_KEYS = new Set<string>(LOYALTY_MERGE_FIELDS.map(foldFieldName));
/** Fields mergeValuesFor always fills: the unsubscribe link (a placeholder where no link is made). */
const NEVER_MISSING = new Set([foldFieldName('unsubscribe_link')]);

/** Preview names at most this many recipients with holes; the count says how many more. */
const PROBLEMS_SHOWN = 10;

/** A time on the studio's clock (the spreadsheet's time zone), as staff read it, with the zone named. */
function studioTime(book: Workbook, locale: Locale, at: Date): string {
  const zone = book.spreadsheet.getSpreadsheetTimeZone();
  return `${Utilities.formatDate(at, zone, locale === 'ru' ? 'dd.MM.yyyy HH:mm' : 'd MMM yyyy, HH:mm')} (${zone})`;
}

function viewOf(
  book: Workbook,
  locale: Locale,
  row: CampaignRow,
  counts = { recipients: 0, sent: 0, skipped: 0, failed: 0 },
): CampaignView {
  const c = row.campaign;
  return {
    id: c.id,
    name: c.name,
    segmentId: c.segmentId,
    template: c.template,
    senderName: c.senderName,
    replyTo: c.replyTo,
    scheduledAt: c.scheduledAt ? c.scheduledAt.toISOString() : null,
    scheduledText: c.scheduledAt ? studioTime(book, locale, c.scheduledAt) : null,
    status: c.status,
    cost: c.cost,
    recipients: counts.recipients,
    sent: counts.sent,
    skipped: counts.skipped,
    failed: counts.failed,
  };
}

function viewsWithCounts(book: Workbook, locale: Locale, rows: readonly CampaignRow[]): CampaignView[] {
  const sends = readSends(book).map((row) => row.send);
  const rolled = readCampaignTotals(book);
  return rows.map((row) => ({
    ...viewOf(book, locale, row, withRolledCounts(campaignCounts(row.campaign.id, sends), rolled.get(row.campaign.id))),
    ...inboxCounts(row.campaign.id, sends),
  }));
}

export function listCampaigns(): CampaignView[] {
  return asStaff((book, locale) => viewsWithCounts(book, locale, readCampaigns(book)));
}

/** A time from the sidebar: a wall-clock text is on the spreadsheet's clock (not the script's), an offset is kept. */
function parseTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const parsed = parseDate(text, { locale: 'en' });
  if (!parsed.ok || !parsed.value) throw new UserFacingError('campaigns.schedule.invalid', { value: text });
  return parsed.value;
}

export function createCampaign(draft: NewCampaign): CampaignView {
  return asStaff((book, locale) => {
    if (!draft.name.trim() || !draft.segmentId.trim() || !draft.template.trim())
      throw new UserFacingError('campaigns.create.incomplete');
    return withLock('database', () =>
      oncePerRequest('createCampaign', draft.pressId, () => {
        const table = readTable(book, 'campaigns');
        const id = nextId('K', idCells(table));
        const campaign: Campaign = {
          id,
          name: draft.name.trim(),
          segmentId: draft.segmentId.trim(),
          template: draft.template.trim(),
          senderName: draft.senderName.trim(),
          replyTo: draft.replyTo.trim(),
          scheduledAt: parseTime(draft.scheduledAt),
          status: 'draft',
          cost: Number.isFinite(draft.cost) && draft.cost > 0 ? draft.cost : 0,
          createdAt: new Date(),
          note: '',
        };
        const [rowNumber] = appendRows(book, 'campaigns', [{ ...campaign }]);
        return viewOf(book, locale, { campaign, rowNumber: rowNumber ?? 0 });
      }),
    );
  });
}

export function previewCampaign(campaignId: string, clientId?: string | null): CampaignPreview {
  return asStaff((book, locale) => previewOf(readOnly(book), locale, campaignId, clientId ?? null));
}

/** An answer that writes nothing: each sheet read once however many parts read it (Campaigns, Templates). */
function readOnly(book: Workbook): Workbook {
  book.tableCache ??= new Map();
  return book;
}

/** Everything a press would do now, decided on the server: who is mailed, who is skipped and why, what blocks. */
interface Assessment {
  campaign: Campaign;
  template: MailTemplate | null;
  /** Recipients after exclusions, already sent ones included once under way. */
  eligible: ClientId[];
  /** Whom a press would mail now: rows still queued and new members to send to. */
  toMail: ClientId[];
  /** How many of toMail mail reaches (the rest get Telegram alone): what the day's mail quota is spent on. */
  byMail: number;
  skippedByReason: Record<string, number>;
  clientsById: Map<ClientId, Client>;
  sources: MergeSources | null;
  /** Sentences in the staff's language; any of them blocks Send, Schedule and Test send. */
  problems: string[];
  /** What staff should know but that blocks nothing: clients who get the studio's language. */
  notes: string[];
  variants: TemplateVariants;
}

function assess(book: Workbook, locale: Locale, campaignId: string, shownId: string | null = null): Assessment {
  const { campaign } = findCampaign(book, campaignId);
  const sends = readSends(book);
  const variants = templateVariants(book, campaign.template, book.locale);
  const inUse = variants.all();
  const base = readClientBase(book, clientColumnsFor(campaign, inUse));
  const fresh = decideFor(book, campaign, base, sends, scriptStore(), readCampaignSettings(book));
  if (!fresh) throw new UserFacingError('campaigns.pause.segment', { segment: campaign.segmentId });
  const { eligible, toMail, skippedByReason } = recipientsNow(
    sends.filter((row) => row.send.campaignId === campaign.id).map((row) => row.send),
    fresh,
  );
  const clientsById = new Map(base.clients.map((client) => [client.id, client]));
  const template = variants.base;
  const assessment: Assessment = {
    campaign,
    template,
    variants,
    eligible,
    toMail,
    byMail: mailRecipientCount(base, toMail),
    skippedByReason,
    clientsById,
    sources: null,
    problems: [],
    notes: [],
  };
  if (!template) {
    assessment.problems.push(translate(locale, 'campaigns.pause.template', { template: campaign.template }));
    return assessment;
  }
  // Loyalty fields only when a template in use has one (as the send run does); for every recipient when
  // one without a fallback may be empty (its holes are reported below), else for the shown client alone.
  const loyaltyHoles = inUse
    .flatMap(templateParts)
    .some((part) =>
      part.parts.some((piece) => piece.kind === 'field' && piece.fallback === null && LOYALTY_KEYS.has(piece.key)),
    );
  const sources = mergeSources(book, base.clients, base.orders, book.locale, {
    links: false,
    campaignId: campaign.id,
    recipients: loyaltyHoles ? toMail : [shownId !== null && toMail.includes(shownId) ? shownId : (toMail[0] ?? '')],
    tables: base.tables,
    loyalty: usesLoyaltyFields(inUse),
    ...(base.staffHeaders ? { staffHeaders: base.staffHeaders } : {}),
  });
  assessment.sources = sources;
  const unknown = [
    ...new Set(inUse.flatMap(templateParts).flatMap((part) => checkTemplate(part, knownFields(sources)))),
  ];
  const candidates = suggestableFieldNames(sources.staffHeaders);
  for (const field of unknown) {
    const suggestion = nearestField(field, candidates);
    assessment.problems.push(
      suggestion
        ? translate(locale, 'campaigns.check.unknownField', { field, suggestion })
        : translate(locale, 'campaigns.check.unknownFieldNoGuess', { field }),
    );
  }
  // Each recipient is checked against the variant they will get (their language, or the studio's).
  let fellBack = 0;
  const wholes = new Map<MailTemplate, Template>();
  const holes = toMail.flatMap((id) => {
    const client = clientsById.get(id);
    if (!client) return [];
    const chosen = variants.forClient(client);
    if (chosen.fellBack) fellBack += 1;
    const mail = chosen.template ?? template;
    const whole = wholes.get(mail) ?? wholeTemplate(mail);
    wholes.set(mail, whole);
    // Every field has a fallback or always a value: nobody's mail can have a hole, so no values are made.
    if (!whole.parts.some((part) => part.kind === 'field' && part.fallback === null && !NEVER_MISSING.has(part.key)))
      return [];
    // mergeValuesFor keys its values by folded name: looked up as they are.
    const values = mergeValuesFor(client, sources, null, {}, chosen.locale);
    const missing = missingFields(whole, (key) => values[key]);
    return missing.length > 0 ? [{ clientId: id, missing }] : [];
  });
  if (fellBack > 0)
    assessment.notes.push(
      translate(locale, 'campaigns.language.fallback', {
        count: fellBack,
        language: translate(locale, `campaigns.language.${book.locale}`),
      }),
    );
  const byClient = new Map<string, Set<string>>();
  // An unknown field is said once above, not again as a hole in every recipient's mail.
  const unknownKeys = new Set(unknown.map(foldFieldName));
  for (const hole of holes) {
    const missing = hole.missing.filter((field) => !unknownKeys.has(foldFieldName(field)));
    if (missing.length > 0) byClient.set(hole.clientId, new Set([...(byClient.get(hole.clientId) ?? []), ...missing]));
  }
  [...byClient].slice(0, PROBLEMS_SHOWN).forEach(([id, fields]) => {
    assessment.problems.push(
      translate(locale, 'campaigns.preview.missing', {
        client: `${clientsById.get(id)?.name ?? ''} (${id})`,
        fields: [...fields].join(', '),
      }),
    );
  });
  if (byClient.size > PROBLEMS_SHOWN)
    assessment.problems.push(translate(locale, 'campaigns.preview.more', { count: byClient.size - PROBLEMS_SHOWN }));
  return assessment;
}

/** A mail's parts (subject, body, text) as one template, for checks that look at all of them. */
function wholeTemplate(template: MailTemplate): Template {
  const parts = templateParts(template);
  return { source: parts.map((part) => part.source).join('\n'), parts: parts.flatMap((part) => part.parts) };
}

/**
 * The Clients columns the decisions and the merge of these templates read, or undefined for the whole sheet:
 * a saved or built-in segment's rules and a discount by segment may read any column.
 */
function clientColumnsFor(campaign: Campaign, templates: readonly MailTemplate[]): ClientColumns | undefined {
  if (campaign.segmentId.trim().toLowerCase() !== ALL_CLIENTS_SEGMENT) return undefined;
  const fields = new Set(
    templates
      .flatMap(templateParts)
      .flatMap((part) => part.parts.flatMap((piece) => (piece.kind === 'field' ? [piece.key] : []))),
  );
  if (fields.has(foldFieldName('discount'))) return undefined;
  // Without a bot every client is mailed: the Telegram columns decide nothing.
  return campaignClientColumns(fields, { telegram: readStoredBot() !== null });
}

/** Refuses, naming every problem, when the template or a recipient's values would make a broken mail. */
function refuseBroken(assessment: Assessment): MailTemplate {
  if (!assessment.template)
    throw new UserFacingError('campaigns.pause.template', { template: assessment.campaign.template });
  if (assessment.problems.length > 0)
    throw new UserFacingError('campaigns.check.blocked', { problems: assessment.problems.join(' ') });
  return assessment.template;
}

function previewOf(book: Workbook, locale: Locale, campaignId: string, clientId: string | null): CampaignPreview {
  const assessment = assess(book, locale, campaignId, clientId);
  const { sources, clientsById, toMail } = assessment;
  const preview: CampaignPreview = {
    campaignId,
    clientId: null,
    subject: '',
    html: '',
    text: '',
    recipients: assessment.eligible.length,
    skippedByReason: assessment.skippedByReason,
    problems: assessment.problems,
    notes: assessment.notes,
  };
  // Only someone a press would mail is shown: a skipped client's mail is not what goes out.
  const shownId = clientId !== null && toMail.includes(clientId) ? clientId : toMail[0];
  const shown = clientsById.get(shownId ?? '');
  const variant = shown ? assessment.variants.forClient(shown) : null;
  const template = variant?.template ?? null;
  if (template && variant && sources && shown) {
    const rendered = renderMail(template, mergeValuesFor(shown, sources, template, {}, variant.locale));
    Object.assign(preview, {
      clientId: shown.id,
      subject: rendered.subject,
      html: rendered.htmlBody ?? '',
      text: rendered.textBody,
    });
  }
  return preview;
}

/** The count staff confirm: the server's, after every exclusion, with today's share of the quota and the skips. */
export function confirmCampaign(campaignId: string): CampaignConfirmation {
  return asStaff((book, locale) => confirmationOf(book, locale, assess(readOnly(book), locale, campaignId)));
}

function confirmationOf(book: Workbook, locale: Locale, assessment: Assessment): CampaignConfirmation {
  const count = assessment.toMail.length;
  // Telegram alone uses no mail quota: it all goes today; the quota shares out only the mails.
  const mails = todaysShare(assessment.byMail, remainingMailQuota(), readCampaignSettings(book).quotaReserveForFlows);
  const today = count - assessment.byMail + mails.today;
  const later = mails.later;
  const parts = [translate(locale, count > 0 ? 'campaigns.confirm.count' : 'campaigns.confirm.nobody', { count })];
  if (count > 0 && later > 0) parts.push(translate(locale, 'campaigns.confirm.quota', { today, later }));
  const skipped = skipSummary(locale, assessment.skippedByReason);
  if (skipped) parts.push(translate(locale, 'campaigns.confirm.excluded', { reasons: skipped }));
  parts.push(...assessment.notes);
  return {
    campaignId: assessment.campaign.id,
    count,
    today,
    skippedByReason: assessment.skippedByReason,
    sentence: parts.join(' '),
    problems: assessment.problems,
  };
}

/** "No consent to mailings: 2 · The client unsubscribed: 1", in the staff's language. */
function skipSummary(locale: Locale, skippedByReason: Record<string, number>): string {
  return Object.entries(skippedByReason)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => {
      const known = (SKIP_REASONS as readonly string[]).includes(reason);
      const label = known
        ? translate(locale, skipReasonKey(reason as SkipReason), { cap: '' })
        : enumLabel('skipReason', reason, locale);
      return `${label.replace(/[.:]\s*$/, '')}: ${count}`;
    })
    .join(' · ');
}

/** Sends the previewed recipient's mail (the first one a press would mail when none is given) to the staff member. */
export function testSendCampaign(campaignId: string, clientId?: string | null): string {
  return asStaff((workbook, locale) => {
    // A mail to staff, no sheet written: the second assessment (previewOf) reads nothing again.
    const book = readOnly(workbook);
    const assessment = assess(book, locale, campaignId);
    const template = refuseBroken(assessment);
    const preview = previewOf(book, locale, campaignId, clientId ?? null);
    if (!preview.clientId) throw new UserFacingError('campaigns.test.noRecipient');
    const to = Session.getActiveUser().getEmail();
    const { campaign } = assessment;
    sendMailNow({
      to,
      subject: `[${translate(locale, 'campaigns.test.tag')}] ${preview.subject}`,
      htmlBody: preview.html || null,
      textBody: preview.text,
      senderName: campaign.senderName,
      replyTo: campaign.replyTo,
      attachments: template.attachments,
      inlineImages: template.inlineImages,
    });
    return translate(locale, 'campaigns.test.sent', { email: to, client: preview.clientId });
  });
}

function progressOf(book: Workbook, locale: Locale, campaignId: string): CampaignProgress {
  const { campaign } = findCampaign(book, campaignId);
  const counts = withRolledCounts(
    campaignCounts(
      campaignId,
      readSends(book).map((row) => row.send),
    ),
    readCampaignTotals(book).get(campaignId),
  );
  const pause = campaign.status === 'paused' ? readMemo(scriptStore(), campaignId).pause : undefined;
  return {
    campaignId,
    status: campaign.status,
    sent: counts.sent,
    remaining: counts.queued,
    failed: counts.failed,
    skipped: counts.skipped,
    skippedByReason: counts.skippedByReason,
    message: pause ? translate(locale, pause.key, pause.params) : null,
  };
}

export function getCampaignProgress(campaignId: string): CampaignProgress {
  return asStaff((book, locale) => progressOf(book, locale, campaignId));
}

/** Statuses in a refusal, as the words staff see in the sidebar ("Завершена", not "done"). */
function statusWords(locale: Locale, params: MessageParams): MessageParams {
  const word = (status: string | number | undefined): string | number | undefined =>
    typeof status === 'string' && (CAMPAIGN_STATUSES as readonly string[]).includes(status)
      ? translate(locale, `ui.campaigns.status.${status as CampaignStatus}`)
      : status;
  return {
    ...params,
    ...(params.from !== undefined ? { from: word(params.from) ?? '' } : {}),
    ...(params.to !== undefined ? { to: word(params.to) ?? '' } : {}),
  };
}

/** Moves the campaign to `to` under the lock, or explains in the staff's language why not. */
function moveCampaign(
  book: Workbook,
  locale: Locale,
  campaignId: string,
  to: CampaignStatus,
  values: Partial<Campaign> = {},
): CampaignRow {
  return withLock('database', () => {
    const row = findCampaign(book, campaignId);
    const moved = transitionCampaign({ ...row.campaign, ...values }, to);
    if (!moved.ok) throw new UserFacingError(moved.key, statusWords(locale, moved.params));
    writeCampaign(book, row, { status: to, ...values });
    return { ...row, campaign: moved.campaign };
  });
}

/**
 * Staff's press (or resume). `confirmedCount` is the count staff confirmed (`confirmCampaign`), always
 * required: the press is refused when it is missing or the server's count is different now, and staff
 * confirm again.
 */
export function sendCampaign(campaignId: string, confirmedCount: number): CampaignProgress {
  const started = Date.now();
  return asStaff((book, locale) => {
    const row = findCampaign(book, campaignId);
    const pressed = row.campaign.status !== 'sending';
    if (pressed) {
      refuseUnfit(row.campaign.status, 'sending');
      const assessment = assess(book, locale, campaignId);
      refuseBroken(assessment);
      const count = assessment.toMail.length;
      if (count === 0) throw new UserFacingError('campaigns.send.nobody');
      // The door already refuses a missing count; a server-side caller gets the same sentence's meaning.
      if (typeof confirmedCount !== 'number' || !Number.isInteger(confirmedCount))
        throw new UserFacingError('campaigns.confirm.required', { count });
      if (confirmedCount !== count)
        throw new UserFacingError('campaigns.confirm.changed', { confirmed: confirmedCount, count });
      const wasPaused = row.campaign.status === 'paused';
      markPressed(campaignId);
      moveCampaign(book, locale, campaignId, 'sending');
      // Staff resuming a paused campaign: the failure breaker starts counting afresh.
      if (wasPaused) writeMemo(scriptStore(), campaignId, { resumedAt: new Date().toISOString() });
    }
    const run = runCampaigns(
      started + CLIENT_BUDGET_MS,
      book.locale,
      book,
      pressed ? new Set([campaignId]) : new Set(),
    );
    return withQueuedFor(progressOf(book, locale, campaignId), run, locale);
  });
}

/** A finished or cancelled campaign: said as a word staff know, before any other check. */
function refuseUnfit(status: CampaignStatus, to: CampaignStatus): void {
  if (status === 'done' || status === 'cancelled')
    throw new UserFacingError(status === 'done' ? 'campaigns.state.finished' : 'campaigns.state.cancelled', { to });
}

export function scheduleCampaign(campaignId: string, when: string): CampaignView {
  return asStaff((book, locale) => {
    const at = parseTime(when);
    if (!at || at.getTime() <= Date.now()) throw new UserFacingError('campaigns.schedule.invalid', { value: when });
    refuseUnfit(findCampaign(book, campaignId).campaign.status, 'scheduled');
    refuseBroken(assess(book, locale, campaignId));
    const row = moveCampaign(book, locale, campaignId, 'scheduled', { scheduledAt: at });
    scheduleContinuation(START_HANDLER, at);
    return viewOf(book, locale, row);
  });
}

/** Cancels; the queued rows become skipped, and a run under way stops within CANCEL_CHECK_EVERY mails. */
export function cancelCampaign(campaignId: string): CampaignView {
  return asStaff((book, locale) => {
    const row = withLock('database', () => {
      const cancelled = moveCampaign(book, locale, campaignId, 'cancelled');
      const store = scriptStore();
      writeMemo(store, campaignId, { ...readMemo(store, campaignId), cancelledAt: new Date().toISOString() });
      const queued = readSends(book).filter(
        (send) => send.send.campaignId === campaignId && send.send.status === 'queued',
      );
      updateRows(
        book,
        'sends',
        queued.map((send) => ({
          rowNumber: send.rowNumber,
          identity: sendIdentity(send.send),
          values: { status: 'skipped', reason: 'cancelled', at: new Date() },
        })),
      );
      return cancelled;
    });
    return viewsWithCounts(book, locale, [row])[0] as CampaignView;
  });
}

/** The one-off trigger after a time-boxed run. */
export function continueCampaigns(): void {
  // Also the sending account's frequent trigger: one property read when nothing waits.
  if (!campaignsWaiting()) return;
  continueFor(TRIGGER_BUDGET_MS);
}

function continueFor(budgetMs: number, book: Workbook = openWorkbook()): void {
  const started = Date.now();
  runCampaigns(started + budgetMs, book.locale, book);
}

/** The one-off trigger at a campaign's scheduled time. */
export function startScheduledCampaigns(): void {
  continueFor(TRIGGER_BUDGET_MS);
}

/**
 * Hourly step: starts due campaigns, resumes quota pauses, continues anything left by a lost trigger. While a
 * campaign's continuation is due within minutes the step leaves sending to it: that run has the whole budget,
 * and a share of the hourly run would repeat its reads for a few mails (on a slow day, for none).
 */
export function runCampaignsHourly(book?: Workbook): void {
  const continuation = continuationDueAt(CONTINUE_HANDLER);
  if (continuation !== null && continuation - Date.now() <= HOURLY_LEAVES_TO_CONTINUATION_MS) return;
  continueFor(HOURLY_CAMPAIGN_BUDGET_MS, book);
}

export function findCampaign(book: Workbook, campaignId: string): CampaignRow {
  const found = readCampaigns(book).find((row) => row.campaign.id === campaignId);
  if (!found) throw new UserFacingError('campaigns.notFound', { id: campaignId });
  return found;
}
