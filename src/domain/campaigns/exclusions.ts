// Who of a segment gets a campaign mail, and why each of the others does not. Every member gets a
// decision with its reason, in client-id order, so two runs over the same sheets decide the same.
import type { MessageKey, MessageParams } from '../../i18n';
import { addDays } from '../analysis/dates';
import { parseEmail } from '../cells/text';
import type { Campaign, Client, ClientId, Send } from '../types';
import {
  DEFAULT_CAMPAIGN_SETTINGS,
  DEFAULT_FLOW_SETTINGS,
  FLOW_NAMES,
  flowOfCampaignId,
  type CampaignSettings,
  type FlowName,
  type FlowSettings,
} from './settings';

export type SkipReason =
  | 'invalidEmail'
  | 'unsubscribed'
  | 'bounced'
  | 'noConsent'
  | 'alreadySent'
  | 'duplicateEmail'
  | 'weeklyCap'
  | 'sameKind'
  | 'missingField';
export const SKIP_REASONS: readonly SkipReason[] = [
  'invalidEmail',
  'unsubscribed',
  'bounced',
  'noConsent',
  'alreadySent',
  'duplicateEmail',
  'weeklyCap',
  'sameKind',
  'missingField',
];

/** A failed Sends row whose reason starts with this marks a bounce (the engine writes it). */
export const BOUNCE_REASON = 'bounce';

export function skipReasonKey(reason: SkipReason): MessageKey {
  return `campaigns.skip.${reason}`;
}

export type RecipientDecision =
  | { clientId: ClientId; email: string; action: 'send' }
  | { clientId: ClientId; email: string; action: 'skip'; reason: SkipReason; key: MessageKey; params: MessageParams };

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A careful, not pedantic check: what parseEmail accepts, already in its normal form. */
export function isValidEmail(email: string): boolean {
  const parsed = parseEmail(email);
  return parsed.ok && parsed.value !== '' && parsed.value === normalEmail(email);
}

/**
 * Why a client may not get any marketing mail at all, or null. Shared by campaigns and flows.
 * A consent given after an unsubscribe (the client signed up again) counts as subscribed; a pending
 * unsubscribe (clicked, not yet written to Clients) always blocks.
 */
export function contactBlock(
  client: Client,
  pendingUnsubscribes: ReadonlySet<string>,
  bouncedEmails: ReadonlySet<string> = new Set(),
): SkipReason | null {
  const email = normalEmail(client.email);
  if (!isValidEmail(email)) return 'invalidEmail';
  const resubscribed =
    client.consentAt !== null &&
    client.unsubscribedAt !== null &&
    client.consentAt.getTime() > client.unsubscribedAt.getTime();
  if ((client.unsubscribedAt !== null && !resubscribed) || pendingUnsubscribes.has(email)) return 'unsubscribed';
  if (client.bouncedAt !== null || bouncedEmails.has(email)) return 'bounced';
  if (client.consentAt === null) return 'noConsent';
  return null;
}

/** Addresses with a bounced send anywhere in the history. */
export function bouncedEmailsOf(sends: readonly Send[]): Set<string> {
  const bounced = new Set<string>();
  for (const send of sends)
    if (send.status === 'failed' && send.reason.startsWith(BOUNCE_REASON)) bounced.add(normalEmail(send.email));
  return bounced;
}

/**
 * Marketing mails each client got (or has queued) in the rolling week ending at `now`:
 * `now − 7 days < at ≤ now`. Campaign mails count, and flow mails whose flow is marked `marketing`.
 * A row counts once even when it matches a client by both id and address.
 */
export class WeeklyLoad {
  private readonly rowsByClient = new Map<string, Set<number>>();
  private readonly rowsByEmail = new Map<string, Set<number>>();
  private extra = 0;

  constructor(sends: readonly Send[], now: Date, flowSettings: FlowSettings = DEFAULT_FLOW_SETTINGS) {
    const weekAgo = addDays(now, -7).getTime();
    sends.forEach((send, row) => {
      if (send.status !== 'sent' && send.status !== 'queued') return;
      if (!send.at || send.at.getTime() <= weekAgo || send.at.getTime() > now.getTime()) return;
      const flow = flowOfCampaignId(send.campaignId);
      if (flow !== null ? !flowSettings[flow].marketing : send.campaignId.startsWith('flow:')) return;
      this.add(this.rowsByClient, send.clientId, row);
      if (send.email) this.add(this.rowsByEmail, normalEmail(send.email), row);
    });
  }

  private add(index: Map<string, Set<number>>, key: string, row: number): void {
    const rows = index.get(key) ?? new Set<number>();
    rows.add(row);
    index.set(key, rows);
  }

  count(clientId: ClientId, email: string): number {
    const rows = new Set([
      ...(this.rowsByClient.get(clientId) ?? []),
      ...(this.rowsByEmail.get(normalEmail(email)) ?? []),
    ]);
    return rows.size;
  }

  /** Counts a mail decided in this run (not yet in Sends) against the client. */
  addPlanned(clientId: ClientId, email: string): void {
    const row = -++this.extra;
    this.add(this.rowsByClient, clientId, row);
    this.add(this.rowsByEmail, normalEmail(email), row);
  }
}

/** Which kind of mail a Sends row is: a flow's own rows, or a campaign whose template is that flow's. */
export type KindOf = (campaignId: string) => FlowName | null;

/**
 * Kinds of mail (win-back, birthday…) each client got or has queued in the rolling week ending at `now`,
 * by client id and by address: a client never gets two mails of one kind in the cap's window, whichever
 * of a campaign and a flow came first.
 */
export class RecentKinds {
  private readonly kinds = new Map<string, Set<FlowName>>();

  constructor(sends: readonly Send[], now: Date, kindOf: KindOf) {
    const weekAgo = addDays(now, -7).getTime();
    for (const send of sends) {
      if (send.status !== 'sent' && send.status !== 'queued') continue;
      if (!send.at || send.at.getTime() <= weekAgo || send.at.getTime() > now.getTime()) continue;
      const kind = kindOf(send.campaignId);
      if (kind) this.add(send.clientId, send.email, kind);
    }
  }

  add(clientId: ClientId, email: string, kind: FlowName): void {
    for (const key of [`id:${clientId}`, `email:${normalEmail(email)}`]) {
      const kinds = this.kinds.get(key) ?? new Set<FlowName>();
      kinds.add(kind);
      this.kinds.set(key, kinds);
    }
  }

  has(clientId: ClientId, email: string, kind: FlowName): boolean {
    return (
      (this.kinds.get(`id:${clientId}`)?.has(kind) ?? false) ||
      (this.kinds.get(`email:${normalEmail(email)}`)?.has(kind) ?? false)
    );
  }
}

/** A campaign is of a flow's kind when it uses that flow's template (a win-back campaign, a birthday one). */
export function kindOfCampaigns(
  campaigns: readonly Pick<Campaign, 'id' | 'template'>[],
  flowSettings: FlowSettings,
): KindOf {
  const byTemplate = new Map<string, FlowName>();
  for (const flow of FLOW_NAMES) byTemplate.set(flowSettings[flow].template.trim().toLowerCase(), flow);
  const byCampaign = new Map<string, FlowName>();
  for (const campaign of campaigns) {
    const kind = byTemplate.get(campaign.template.trim().toLowerCase());
    if (kind) byCampaign.set(campaign.id, kind);
  }
  return (campaignId) => flowOfCampaignId(campaignId) ?? byCampaign.get(campaignId) ?? null;
}

export interface ExclusionContext {
  now: Date;
  /** Addresses whose unsubscribe click is recorded in script properties but not yet in Clients. */
  pendingUnsubscribes: ReadonlySet<string>;
  settings?: CampaignSettings;
  flowSettings?: FlowSettings;
  /** This campaign's kind and every row's: a client who got a mail of its kind this week is skipped. */
  kind?: { of: FlowName; rows: KindOf };
}

/**
 * One decision per member, ordered by client id. Checks, first match wins: invalid address,
 * unsubscribed, bounced before, no consent, already in this campaign (any row but a failed one, by
 * client or address), the same address earlier in this list, over the weekly cap.
 */
export function decideRecipients(
  campaign: Pick<Campaign, 'id'>,
  members: readonly Client[],
  sends: readonly Send[],
  context: ExclusionContext,
): RecipientDecision[] {
  const settings = context.settings ?? DEFAULT_CAMPAIGN_SETTINGS;
  const load = new WeeklyLoad(sends, context.now, context.flowSettings);
  const bounced = bouncedEmailsOf(sends);
  const inCampaign = new Set<string>();
  for (const send of sends) {
    if (send.campaignId !== campaign.id || send.status === 'failed') continue;
    inCampaign.add(`id:${send.clientId}`);
    if (send.email) inCampaign.add(`email:${normalEmail(send.email)}`);
  }
  const recent = context.kind ? new RecentKinds(sends, context.now, context.kind.rows) : null;
  const claimed = new Set<string>();
  const ordered = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const decisions: RecipientDecision[] = [];
  const seenIds = new Set<ClientId>();
  for (const client of ordered) {
    if (seenIds.has(client.id)) continue; // a segment listing a client twice decides once
    seenIds.add(client.id);
    const email = normalEmail(client.email);
    const skip = (reason: SkipReason, params: MessageParams = {}): void => {
      decisions.push({ clientId: client.id, email, action: 'skip', reason, key: skipReasonKey(reason), params });
    };
    const blocked = contactBlock(client, context.pendingUnsubscribes, bounced);
    if (blocked) skip(blocked);
    else if (inCampaign.has(`id:${client.id}`) || inCampaign.has(`email:${email}`)) skip('alreadySent');
    else if (claimed.has(email)) skip('duplicateEmail');
    else if (load.count(client.id, email) >= settings.weeklyCap) skip('weeklyCap', { cap: settings.weeklyCap });
    else if (context.kind && recent?.has(client.id, email, context.kind.of)) skip('sameKind');
    else {
      claimed.add(email);
      decisions.push({ clientId: client.id, email, action: 'send' });
    }
  }
  return decisions;
}

/**
 * The Sends rows a send writes for the members not listed yet: queued, or skipped with the reason.
 * A member already listed keeps its row, so nobody gets a second one.
 */
export function newSendRows(
  campaignId: string,
  decisions: readonly RecipientDecision[],
  listed: ReadonlySet<ClientId>,
  at: Date,
): Send[] {
  return decisions
    .filter((decision) => !listed.has(decision.clientId))
    .map((decision) => ({
      campaignId,
      clientId: decision.clientId,
      occasion: '',
      email: decision.email,
      status: decision.action === 'send' ? 'queued' : 'skipped',
      reason: decision.action === 'send' ? '' : decision.reason,
      at,
    }));
}

/**
 * What a send would write now, for the preview: the campaign's rows already decided, plus a decision
 * for each member not listed yet. Answers who is a recipient (already sent ones included), who a press
 * would mail now (`toMail`: rows still queued and new members to send to), and the skips by reason.
 */
export function recipientsNow(
  listed: readonly Send[],
  fresh: readonly RecipientDecision[],
): { eligible: ClientId[]; toMail: ClientId[]; skippedByReason: Record<string, number> } {
  const listedIds = new Set(listed.map((send) => send.clientId));
  const decisions = [
    ...listed.map((send) => ({
      clientId: send.clientId,
      send: send.status !== 'skipped',
      mail: send.status === 'queued',
      reason: send.reason,
    })),
    ...fresh
      .filter((decision) => !listedIds.has(decision.clientId))
      .map((decision) => ({
        clientId: decision.clientId,
        send: decision.action === 'send',
        mail: decision.action === 'send',
        reason: decision.action === 'skip' ? decision.reason : '',
      })),
  ];
  const skippedByReason: Record<string, number> = {};
  for (const decision of decisions)
    if (!decision.send) skippedByReason[decision.reason] = (skippedByReason[decision.reason] ?? 0) + 1;
  return {
    eligible: decisions.filter((decision) => decision.send).map((decision) => decision.clientId),
    toMail: decisions.filter((decision) => decision.mail).map((decision) => decision.clientId),
    skippedByReason,
  };
}

/**
 * How many of `count` mails go out today: the remaining quota less the flows' reserve (as the send
 * engine plans its batch); the rest follow when the quota refills.
 */
export function todaysShare(count: number, remainingQuota: number, reserve: number): { today: number; later: number } {
  const today = Math.min(count, Math.max(0, Math.floor(remainingQuota) - Math.max(0, reserve)));
  return { today, later: count - today };
}
