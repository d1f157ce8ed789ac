// What a delivery failure changes: which Sends row it belongs to, when an address is suppressed for good,
// and which sending campaigns bounce so much that they should stop.
import { addressOf as normalEmail } from './incoming';
import type { Send } from '../types';
import type { BounceKind, DeliveryFailure } from './dsn';
import type { InboxSettings } from './settings';

const sentTo = (send: Send, address: string) =>
  send.status === 'sent' && send.at !== null && normalEmail(send.email) === address;

/**
 * The index of the Sends row a failure is about: the latest mail sent to the address no later than the
 * notice. -1 when we sent that address nothing (a notice about someone else's mail).
 */
export function sendOfFailure(sends: readonly Send[], failure: DeliveryFailure, noticeAt: Date): number {
  let found = -1;
  sends.forEach((send, index) => {
    if (!sentTo(send, failure.address) || (send.at?.getTime() ?? 0) > noticeAt.getTime()) return;
    if (found === -1 || (send.at?.getTime() ?? 0) >= (sends[found]?.at?.getTime() ?? 0)) found = index;
  });
  return found;
}

export function bounceKindOf(send: Send): BounceKind | null {
  if (!send.bounceStatus) return null;
  return send.bounceStatus.startsWith('5') ? 'hard' : 'soft';
}

/** Soft bounces at the end of the address's mail history, newest first, until a mail that did not bounce. */
export function softBounceStreak(sends: readonly Send[], address: string): number {
  const history = sends
    .filter((send) => sentTo(send, address))
    .sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
  let streak = 0;
  for (const send of history) {
    if (bounceKindOf(send) !== 'soft') break;
    streak += 1;
  }
  return streak;
}

/** Whether the address is to be suppressed now: a hard bounce at once, soft ones after N in a row. */
export function shouldSuppress(
  sends: readonly Send[],
  failure: DeliveryFailure,
  settings: Pick<InboxSettings, 'softBouncesToSuppress'>,
): boolean {
  if (failure.kind === 'hard') return true;
  return softBounceStreak(sends, failure.address) >= Math.max(1, settings.softBouncesToSuppress);
}

export interface BounceRate {
  campaignId: string;
  sent: number;
  bounced: number;
  rate: number;
}

/** Per campaign: mails sent and how many of them bounced (hard or soft). Flows are left out. */
export function bounceRates(sends: readonly Send[]): BounceRate[] {
  const byCampaign = new Map<string, BounceRate>();
  for (const send of sends) {
    if (send.status !== 'sent' || send.occasion || send.campaignId.startsWith('flow:')) continue;
    const rate = byCampaign.get(send.campaignId) ?? { campaignId: send.campaignId, sent: 0, bounced: 0, rate: 0 };
    rate.sent += 1;
    if (send.bounceStatus) rate.bounced += 1;
    rate.rate = rate.bounced / rate.sent;
    byCampaign.set(send.campaignId, rate);
  }
  return [...byCampaign.values()];
}

/** The rates of the given campaigns that pass the threshold with enough mail sent to tell. */
export function campaignsOverBounceRate(
  rates: readonly BounceRate[],
  sendingCampaignIds: ReadonlySet<string>,
  settings: Pick<InboxSettings, 'bounceRateToPause' | 'bounceRateMinimumSent'>,
): BounceRate[] {
  return rates.filter(
    (rate) =>
      sendingCampaignIds.has(rate.campaignId) &&
      rate.sent >= settings.bounceRateMinimumSent &&
      rate.rate > settings.bounceRateToPause,
  );
}

export interface InboxCounts {
  replied: number;
  bounced: number;
  /** Replied ÷ sent, null before anything was sent. */
  replyRate: number | null;
}

/** A campaign's replies and bounces, as its list entry shows them (its own mails, not its follow-ups). */
export function inboxCounts(campaignId: string, sends: readonly Send[]): InboxCounts {
  let sent = 0;
  let replied = 0;
  let bounced = 0;
  for (const send of sends) {
    if (send.campaignId !== campaignId || send.occasion || send.status !== 'sent') continue;
    sent += 1;
    if (send.repliedAt) replied += 1;
    if (send.bounceStatus) bounced += 1;
  }
  return { replied, bounced, replyRate: sent > 0 ? replied / sent : null };
}
