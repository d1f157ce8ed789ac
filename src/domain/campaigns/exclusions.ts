// Who of a segment gets a campaign mail, and why each of the others does not. Every member gets a
// decision with its reason, in client-id order, so two runs over the same sheets decide the same.
import type { MessageKey, MessageParams } from '../../i18n';
import { addDays } from '../analysis/dates';
import { parseEmail } from '../cells/text';
import type { Channel } from '../telegram/channel';
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

/** The address as a key for caps and duplicates; null when it is no address (it identifies nobody). */
function addressKey(email: string): string | null {
  const normal = normalEmail(email);
  return isValidEmail(normal) ? normal : null;
}

function unsubscribed(client: Client): boolean {
  const resubscribed =
    client.consentAt !== null &&
    client.unsubscribedAt !== null &&
    client.consentAt.getTime() > client.unsubscribedAt.getTime();
  return client.unsubscribedAt !== null && !resubscribed;
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
  if (unsubscribed(client) || pendingUnsubscribes.has(email)) return 'unsubscribed';
  if (client.bouncedAt !== null || bouncedEmails.has(email)) return 'bounced';
  if (client.consentAt === null) return 'noConsent';
  return null;
}

/**
 * Why a client may not get a marketing message in Telegram, or null: only an unsubscribe. Linking was their
 * consent there; address, bounce and mail consent are mail's. A pending unsubscribe without an address is
 * caught by the send itself (it checks by client id).
 */
export function telegramBlock(client: Client, pendingUnsubscribes: ReadonlySet<string>): SkipReason | null {
  const address = addressKey(client.email);
  if (unsubscribed(client) || (address !== null && pendingUnsubscribes.has(address))) return 'unsubscribed';
  return null;
}

/**
 * The way a message actually takes, from the client's channel (channelFor) and whether mail may reach them:
 * a `both` client whom mail may not reach gets Telegram alone.
 */
export function reachOf(channel: Channel, mailBlock: SkipReason | null): Channel {
  return channel === 'both' && mailBlock !== null ? 'telegram' : channel;
}

/**
 * Why a client may not get this message on their way, or null: mail's rules when mail carries it, Telegram's
 * when Telegram alone does. Shared by campaigns and flows.
 */
export function recipientBlock(
  client: Client,
  channel: Channel,
  pendingUnsubscribes: ReadonlySet<string>,
  bouncedEmails: ReadonlySet<string> = new Set(),
): SkipReason | null {
  const mailBlock = contactBlock(client, pendingUnsubscribes, bouncedEmails);
  return reachOf(channel, mailBlock) === 'telegram' ? telegramBlock(client, pendingUnsubscribes) : mailBlock;
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
      const address = addressKey(send.email);
      if (address) this.add(this.rowsByEmail, address, row);
    });
  }

  private add(index: Map<string, Set<number>>, key: string, row: number): void {
    const rows = index.get(key) ?? new Set<number>();
    rows.add(row);
    index.set(key, rows);
  }

  count(clientId: ClientId, email: string): number {
    const address = addressKey(email);
    const rows = new Set([
      ...(this.rowsByClient.get(clientId) ?? []),
      ...((address ? this.rowsByEmail.get(address) : undefined) ?? []),
    ]);
    return rows.size;
  }

  /** Counts a mail decided in this run (not yet in Sends) against the client. */
  addPlanned(clientId: ClientId, email: string): void {
    const row = -++this.extra;
    this.add(this.rowsByClient, clientId, row);
    const address = addressKey(email);
    if (address) this.add(this.rowsByEmail, address, row);
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

  private keys(clientId: ClientId, email: string): string[] {
    const address = addressKey(email);
    return address ? [`id:${clientId}`, `email:${address}`] : [`id:${clientId}`];
  }

  add(clientId: ClientId, email: string, kind: FlowName): void {
    for (const key of this.keys(clientId, email)) {
      const kinds = this.kinds.get(key) ?? new Set<FlowName>();
      kinds.add(kind);
      this.kinds.set(key, kinds);
    }
  }

  has(clientId: ClientId, email: string, kind: FlowName): boolean {
    return this.keys(clientId, email).some((key) => this.kinds.get(key)?.has(kind) ?? false);
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
  /** Each client's channel (channelFor); absent: mail. Telegram alone is judged by Telegram's rules. */
  channels?: ReadonlyMap<ClientId, Channel>;
}

/**
 * One decision per member, ordered by client id. Checks, first match wins: invalid address,
 * unsubscribed, bounced before, no consent, already in this campaign (any row but a failed one, by
 * client or address), the same address earlier in this list, over the weekly cap. A member reached by
 * Telegram alone is judged by Telegram's rules (recipientBlock) and by client id, not by the address.
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
    const address = addressKey(send.email);
    if (address) inCampaign.add(`email:${address}`);
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
    const channel = context.channels?.get(client.id) ?? 'mail';
    const mailBlock = contactBlock(client, context.pendingUnsubscribes, bounced);
    // Telegram alone: the address carries nothing, so it neither claims nor is claimed.
    const byMail = reachOf(channel, mailBlock) !== 'telegram';
    const blocked = byMail ? mailBlock : telegramBlock(client, context.pendingUnsubscribes);
    if (blocked) skip(blocked);
    else if (inCampaign.has(`id:${client.id}`) || (byMail && inCampaign.has(`email:${email}`))) skip('alreadySent');
    else if (byMail && claimed.has(email)) skip('duplicateEmail');
    else if (load.count(client.id, email) >= settings.weeklyCap) skip('weeklyCap', { cap: settings.weeklyCap });
    else if (context.kind && recent?.has(client.id, email, context.kind.of)) skip('sameKind');
    else {
      if (byMail) claimed.add(email);
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
