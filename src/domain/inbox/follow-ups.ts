// Follow-up steps of a campaign: N days after its mail, in the same thread, to those who have not replied,
// bounced, unsubscribed or ordered since. Each step is its own Sends rows (campaign `followUp:<id>`,
// occasion `step<n>`), so the send engine's journal sends each exactly once.
import type { Client, Order, Send } from '../types';

export interface FollowUpStep {
  /** Days after the campaign mail. */
  afterDays: number;
  /** A Templates row name or `draft:<subject>`, as for a campaign. */
  template: string;
}

export type FollowUpStop = 'replied' | 'bounced' | 'unsubscribed' | 'ordered' | 'noThread';

const DAY_MS = 86_400_000;

export function followUpCampaignId(campaignId: string): string {
  return `followUp:${campaignId}`;
}

export function stepOccasion(index: number): string {
  return `step${index + 1}`;
}

/** The steps from a Settings value: a JSON list of { afterDays, template }; anything else is no steps. */
export function parseFollowUpSteps(value: unknown): FollowUpStep[] {
  if (!Array.isArray(value)) return [];
  const steps: FollowUpStep[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { afterDays, template } = item as Record<string, unknown>;
    if (typeof afterDays !== 'number' || !Number.isFinite(afterDays) || afterDays < 0) continue;
    if (typeof template !== 'string' || template.trim() === '') continue;
    steps.push({ afterDays, template: template.trim() });
  }
  return steps;
}

/**
 * Why the client gets no more follow-ups of this mail, or null. An order counts from the day of the mail
 * (an order's date has no time), so an order placed that day, even just before the mail, stops the steps.
 */
export function followUpStop(
  original: Send,
  client: Client | undefined,
  orders: readonly Order[],
  unsubscribePending: boolean,
): FollowUpStop | null {
  if (!original.threadId) return 'noThread';
  if (original.repliedAt) return 'replied';
  if (original.bounceStatus || client?.bouncedAt) return 'bounced';
  if (!client || client.unsubscribedAt || unsubscribePending) return 'unsubscribed';
  const sentAt = original.at?.getTime() ?? 0;
  const ordered = orders.some(
    (order) =>
      order.clientId === original.clientId && order.status !== 'cancelled' && order.date.getTime() + DAY_MS > sentAt,
  );
  return ordered ? 'ordered' : null;
}

export interface FollowUpPlan {
  /** New Sends rows: queued for those to follow up, skipped with the reason for the others. */
  newRows: Send[];
  /** Queued rows of earlier runs that must not go out any more (the client replied meanwhile…). */
  stopped: Array<{ index: number; reason: FollowUpStop }>;
}

/** What the steps due now add to the Sends rows of one campaign. */
export function planFollowUps(
  campaignId: string,
  steps: readonly FollowUpStep[],
  sends: readonly Send[],
  clients: ReadonlyMap<string, Client>,
  orders: readonly Order[],
  pending: ReadonlySet<string>,
  now: Date,
): FollowUpPlan {
  const plan: FollowUpPlan = { newRows: [], stopped: [] };
  const followUpId = followUpCampaignId(campaignId);
  const stopOf = new Map<string, FollowUpStop | null>();
  const originals = sends.filter((send) => send.campaignId === campaignId && !send.occasion && send.status === 'sent');
  for (const original of originals)
    stopOf.set(
      original.clientId,
      followUpStop(original, clients.get(original.clientId), orders, pending.has(original.clientId)),
    );
  const listed = new Set(
    sends.filter((send) => send.campaignId === followUpId).map((send) => `${send.clientId}|${send.occasion ?? ''}`),
  );
  steps.forEach((step, index) => {
    const occasion = stepOccasion(index);
    for (const original of originals) {
      if ((original.at?.getTime() ?? Infinity) + step.afterDays * DAY_MS > now.getTime()) continue;
      if (listed.has(`${original.clientId}|${occasion}`)) continue;
      const stop = stopOf.get(original.clientId) ?? null;
      plan.newRows.push({
        campaignId: followUpId,
        clientId: original.clientId,
        occasion,
        email: original.email,
        status: stop ? 'skipped' : 'queued',
        reason: stop ?? '',
        at: stop ? now : null,
      });
    }
  });
  sends.forEach((send, index) => {
    if (send.campaignId !== followUpId || send.status !== 'queued') return;
    const stop = stopOf.get(send.clientId);
    if (stop) plan.stopped.push({ index, reason: stop });
  });
  return plan;
}
