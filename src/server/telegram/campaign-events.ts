// The campaign run's hook: a campaign paused or finished is noted in script properties, and the next poll
// alerts staff (docs/telegram.md). Noting costs one property read and write; nothing is sent from the run.
import { withCampaignEvent, type CampaignEvent } from '../../domain/telegram/alerts';
import type { CampaignStatus } from '../../domain/types';
import { readJsonProperty, writeJsonProperty } from '../../services/properties';
import { readStaffChat } from '../../services/telegram';

export const CAMPAIGN_EVENTS_KEY = 'telegram.campaignEvents';

/** Called where a run writes a campaign's status, before the write: a rerun after a cut notes the same key. */
export function noteCampaignStatus(
  campaign: { id: string; name: string; status: CampaignStatus },
  status: CampaignStatus,
  counts: { sent: number; recipients: number },
): void {
  if (status === campaign.status || (status !== 'paused' && status !== 'done')) return;
  if (!readStaffChat()) return;
  const now = new Date();
  const event: CampaignEvent = {
    campaignId: campaign.id,
    name: campaign.name,
    status,
    sent: counts.sent,
    recipients: counts.recipients,
    at: now.getTime(),
  };
  writeJsonProperty(
    CAMPAIGN_EVENTS_KEY,
    withCampaignEvent(readJsonProperty<Record<string, CampaignEvent>>(CAMPAIGN_EVENTS_KEY, {}), event, now),
  );
}
