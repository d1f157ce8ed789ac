// A campaign's life: draft → scheduled → sending ⇄ paused → done, or cancelled on the way.
import type { MessageKey, MessageParams } from '../../i18n';
import type { Campaign, CampaignStatus, Send } from '../types';

const ALLOWED: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['scheduled', 'sending', 'cancelled'],
  // Back to draft to edit it; straight to sending for "send now".
  scheduled: ['draft', 'sending', 'cancelled'],
  // Paused by the quota, the failure breaker or staff; done when nothing is left queued.
  sending: ['paused', 'done', 'cancelled'],
  paused: ['sending', 'cancelled'],
  done: [],
  cancelled: [],
};

export const CAMPAIGN_STATUSES = Object.keys(ALLOWED) as CampaignStatus[];

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return ALLOWED[from].includes(to);
}

export type TransitionResult = { ok: true; campaign: Campaign } | { ok: false; key: MessageKey; params: MessageParams };

/** The campaign in its new status, or the reason staff can't do that (a message key). */
export function transitionCampaign(campaign: Campaign, to: CampaignStatus): TransitionResult {
  if (!canTransition(campaign.status, to)) {
    return { ok: false, key: 'campaigns.transition.refused', params: { from: campaign.status, to } };
  }
  if (to === 'scheduled' && campaign.scheduledAt === null)
    return { ok: false, key: 'campaigns.transition.noSchedule', params: {} };
  if ((to === 'scheduled' || to === 'sending') && campaign.segmentId.trim() === '') {
    return { ok: false, key: 'campaigns.transition.noSegment', params: {} };
  }
  return { ok: true, campaign: { ...campaign, status: to } };
}

/** A scheduled campaign whose time has come. */
export function isDue(campaign: Campaign, now: Date): boolean {
  return (
    campaign.status === 'scheduled' && campaign.scheduledAt !== null && campaign.scheduledAt.getTime() <= now.getTime()
  );
}

export interface CampaignCounts {
  /** Rows of this campaign: every member decided so far. */
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Skips by the reason written in Sends (a skip reason code, or whatever the row says). */
  skippedByReason: Record<string, number>;
}

export function campaignCounts(campaignId: string, sends: readonly Send[]): CampaignCounts {
  const counts: CampaignCounts = { recipients: 0, queued: 0, sent: 0, failed: 0, skipped: 0, skippedByReason: {} };
  for (const send of sends) {
    if (send.campaignId !== campaignId) continue;
    counts.recipients += 1;
    counts[send.status] += 1;
    if (send.status === 'skipped') {
      const reason = send.reason || 'unknown';
      counts.skippedByReason[reason] = (counts.skippedByReason[reason] ?? 0) + 1;
    }
  }
  return counts;
}

/** After a run: done when nothing is queued any more, else the status stays as it is. */
export function statusAfterRun(campaign: Campaign, counts: CampaignCounts): CampaignStatus {
  return campaign.status === 'sending' && counts.queued === 0 ? 'done' : campaign.status;
}
