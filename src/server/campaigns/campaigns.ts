// The campaign desk in the sidebar: list, create, preview, test, send, schedule, cancel, progress;
// and the trigger handlers that keep campaigns going.
import type { CampaignPreview, CampaignProgress, CampaignView, NewCampaign } from '../../contract/sidebar-api';
import { scriptStore } from '../../services/properties';
import { withLock } from '../../services/locks';
import { recipientsNow } from '../../domain/campaigns/exclusions';
import { checkTemplate, previewProblems } from '../../domain/campaigns/template';
import { campaignCounts, transitionCampaign } from '../../domain/campaigns/state';
import { nextId } from '../../domain/schema';
import type { Campaign, CampaignStatus, Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { sendMailNow } from '../../services/mailer';
import { scheduleContinuation } from '../../services/triggers';
import { appendRows, idCells, openWorkbook, readTable, updateRows, type Workbook } from '../../sheets';
import {
  readCampaigns,
  readCampaignSettings,
  readClientBase,
  readSends,
  sendIdentity,
  writeCampaign,
  type CampaignRow,
} from '../../sheets/campaigns';
import {
  CLIENT_BUDGET_MS,
  decideFor,
  HOURLY_CAMPAIGN_BUDGET_MS,
  runCampaigns,
  START_HANDLER,
  TRIGGER_BUDGET_MS,
} from './campaign-runs';
import { readMemo, writeMemo } from '../../services/campaign-memo';
import {
  knownFields,
  loadTemplate,
  mergeSources,
  mergeValuesFor,
  renderMail,
  templateParts,
  templateUses,
} from './mail-merge';
import { LOYALTY_MERGE_FIELDS } from './mail-seams';
import { UserFacingError } from '../app/respond';
import { inboxCounts } from '../../domain/inbox/bounces';
import { asStaff } from '../app/staff';

/** Preview names at most this many recipients with holes; the count says how many more. */
const PROBLEMS_SHOWN = 10;

function viewOf(row: CampaignRow, counts = { recipients: 0, sent: 0, skipped: 0, failed: 0 }): CampaignView {
  const c = row.campaign;
  return {
    id: c.id,
    name: c.name,
    segmentId: c.segmentId,
    template: c.template,
    senderName: c.senderName,
    replyTo: c.replyTo,
    scheduledAt: c.scheduledAt ? c.scheduledAt.toISOString() : null,
    status: c.status,
    cost: c.cost,
    recipients: counts.recipients,
    sent: counts.sent,
    skipped: counts.skipped,
    failed: counts.failed,
  };
}

function viewsWithCounts(book: Workbook, rows: readonly CampaignRow[]): CampaignView[] {
  const sends = readSends(book).map((row) => row.send);
  return rows.map((row) => ({
    ...viewOf(row, campaignCounts(row.campaign.id, sends)),
    ...inboxCounts(row.campaign.id, sends),
  }));
}

export function listCampaigns(): CampaignView[] {
  return asStaff((book) => viewsWithCounts(book, readCampaigns(book)));
}

function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new UserFacingError('campaigns.schedule.invalid', { value: iso });
  return at;
}

export function createCampaign(draft: NewCampaign): CampaignView {
  return asStaff((book) => {
    if (!draft.name.trim() || !draft.segmentId.trim() || !draft.template.trim())
      throw new UserFacingError('campaigns.create.incomplete');
    return withLock('database', () => {
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
      return viewOf({ campaign, rowNumber: rowNumber ?? 0 });
    });
  });
}

export function previewCampaign(campaignId: string, clientId?: string | null): CampaignPreview {
  return asStaff((book, locale) => previewOf(book, locale, campaignId, clientId ?? null));
}

function previewOf(book: Workbook, locale: Locale, campaignId: string, clientId: string | null): CampaignPreview {
  const { campaign } = findCampaign(book, campaignId);
  const store = scriptStore();
  const sends = readSends(book);
  const base = readClientBase(book);
  const fresh = decideFor(book, campaign, base, sends, store, readCampaignSettings(book));
  if (!fresh) throw new UserFacingError('campaigns.pause.segment', { segment: campaign.segmentId });
  const { eligible, skippedByReason } = recipientsNow(
    sends.filter((row) => row.send.campaignId === campaign.id).map((row) => row.send),
    fresh,
  );
  const template = loadTemplate(book, campaign.template);
  const preview: CampaignPreview = {
    campaignId,
    clientId: null,
    subject: '',
    html: '',
    text: '',
    recipients: eligible.length,
    skippedByReason,
    problems: [],
  };
  if (!template) {
    preview.problems.push(translate(locale, 'campaigns.pause.template', { template: campaign.template }));
    return preview;
  }
  const clientsById = new Map(base.clients.map((client) => [client.id, client]));
  const shown =
    clientsById.get(clientId ?? '') ?? eligible.map((id) => clientsById.get(id)).find((client) => client !== undefined);
  // Loyalty fields for everyone only when the template uses one (their holes are reported below);
  // otherwise for the previewed client alone: loyalty's reads and codes cost time per client.
  const usesLoyalty = LOYALTY_MERGE_FIELDS.some((field) => templateUses(template, field));
  const loyaltyFor = usesLoyalty ? eligible : shown ? [shown.id] : [];
  const sources = mergeSources(book, base.clients, base.orders, book.locale, {
    links: false,
    campaignId: campaign.id,
    recipients: loyaltyFor,
  });
  const unknown = templateParts(template).flatMap((part) => checkTemplate(part, knownFields(sources)));
  if (unknown.length > 0)
    preview.problems.push(
      translate(locale, 'campaigns.template.unknownFields', { fields: [...new Set(unknown)].join(', ') }),
    );
  const recipients = eligible.flatMap((id) => {
    const client = clientsById.get(id);
    return client ? [{ clientId: id, values: mergeValuesFor(client, sources, null) }] : [];
  });
  const holes = templateParts(template).flatMap((part) => previewProblems(part, recipients));
  const byClient = new Map<string, Set<string>>();
  for (const hole of holes)
    byClient.set(hole.clientId, new Set([...(byClient.get(hole.clientId) ?? []), ...hole.missing]));
  [...byClient].slice(0, PROBLEMS_SHOWN).forEach(([id, fields]) => {
    preview.problems.push(
      translate(locale, 'campaigns.preview.missing', {
        client: `${clientsById.get(id)?.name ?? ''} (${id})`,
        fields: [...fields].join(', '),
      }),
    );
  });
  if (byClient.size > PROBLEMS_SHOWN)
    preview.problems.push(translate(locale, 'campaigns.preview.more', { count: byClient.size - PROBLEMS_SHOWN }));
  if (shown) {
    const rendered = renderMail(template, mergeValuesFor(shown, sources, template));
    Object.assign(preview, {
      clientId: shown.id,
      subject: rendered.subject,
      html: rendered.htmlBody ?? '',
      text: rendered.textBody,
    });
  }
  return preview;
}

export function testSendCampaign(campaignId: string): string {
  return asStaff((book, locale) => {
    const preview = previewOf(book, locale, campaignId, null);
    const { campaign } = findCampaign(book, campaignId);
    if (!preview.clientId) throw new UserFacingError('campaigns.test.noRecipient');
    const to = Session.getActiveUser().getEmail();
    const template = loadTemplate(book, campaign.template);
    sendMailNow({
      to,
      subject: `[${translate(locale, 'campaigns.test.tag')}] ${preview.subject}`,
      htmlBody: preview.html || null,
      textBody: preview.text,
      senderName: campaign.senderName,
      replyTo: campaign.replyTo,
      attachments: template?.attachments,
      inlineImages: template?.inlineImages,
    });
    return translate(locale, 'campaigns.test.sent', { email: to, client: preview.clientId });
  });
}

function progressOf(book: Workbook, locale: Locale, campaignId: string): CampaignProgress {
  const { campaign } = findCampaign(book, campaignId);
  const counts = campaignCounts(
    campaignId,
    readSends(book).map((row) => row.send),
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

/** Moves the campaign to `to` under the lock, or explains in the staff's language why not. */
function moveCampaign(
  book: Workbook,
  campaignId: string,
  to: CampaignStatus,
  values: Partial<Campaign> = {},
): CampaignRow {
  return withLock('database', () => {
    const row = findCampaign(book, campaignId);
    const moved = transitionCampaign({ ...row.campaign, ...values }, to);
    if (!moved.ok) throw new UserFacingError(moved.key, moved.params);
    writeCampaign(book, row, { status: to, ...values });
    return { ...row, campaign: moved.campaign };
  });
}

export function sendCampaign(campaignId: string): CampaignProgress {
  const started = Date.now();
  return asStaff((book, locale) => {
    const row = findCampaign(book, campaignId);
    const pressed = row.campaign.status !== 'sending';
    if (pressed) {
      if (!loadTemplate(book, row.campaign.template))
        throw new UserFacingError('campaigns.pause.template', { template: row.campaign.template });
      const wasPaused = row.campaign.status === 'paused';
      moveCampaign(book, campaignId, 'sending');
      // Staff resuming a paused campaign: the failure breaker starts counting afresh.
      if (wasPaused) writeMemo(scriptStore(), campaignId, { resumedAt: new Date().toISOString() });
    }
    runCampaigns(started + CLIENT_BUDGET_MS, book.locale, book, pressed ? new Set([campaignId]) : new Set());
    return progressOf(book, locale, campaignId);
  });
}

export function scheduleCampaign(campaignId: string, isoTime: string): CampaignView {
  return asStaff((book) => {
    const at = parseTime(isoTime);
    if (!at || at.getTime() <= Date.now()) throw new UserFacingError('campaigns.schedule.invalid', { value: isoTime });
    const row = moveCampaign(book, campaignId, 'scheduled', { scheduledAt: at });
    scheduleContinuation(START_HANDLER, at);
    return viewOf(row);
  });
}

/** Cancels; the queued rows become skipped, and a run under way stops within CANCEL_CHECK_EVERY mails. */
export function cancelCampaign(campaignId: string): CampaignView {
  return asStaff((book) => {
    const row = withLock('database', () => {
      const cancelled = moveCampaign(book, campaignId, 'cancelled');
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
    return viewsWithCounts(book, [row])[0] as CampaignView;
  });
}

/** The one-off trigger after a time-boxed run. */
export function continueCampaigns(): void {
  continueFor(TRIGGER_BUDGET_MS);
}

function continueFor(budgetMs: number): void {
  const started = Date.now();
  const book = openWorkbook();
  runCampaigns(started + budgetMs, book.locale, book);
}

/** The one-off trigger at a campaign's scheduled time. */
export function startScheduledCampaigns(): void {
  continueCampaigns();
}

/** Hourly step: starts due campaigns, resumes quota pauses, continues anything left by a lost trigger. */
export function runCampaignsHourly(): void {
  continueFor(HOURLY_CAMPAIGN_BUDGET_MS);
}

export function findCampaign(book: Workbook, campaignId: string): CampaignRow {
  const found = readCampaigns(book).find((row) => row.campaign.id === campaignId);
  if (!found) throw new UserFacingError('campaigns.notFound', { id: campaignId });
  return found;
}
