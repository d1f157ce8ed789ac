// A campaign's memo in script properties: why it paused, when staff resumed or cancelled it.
import type { PauseDecision } from '../domain/campaigns/sending';
import type { MessageKey, MessageParams } from '../i18n';
import type { ScriptStore } from './properties';

/** What the engine remembers about a campaign between runs, beyond its status in the sheet. */
export interface CampaignMemo {
  pause?: {
    reason: PauseDecision['reason'] | 'template' | 'segment' | 'webapp' | 'bounces';
    key: MessageKey;
    params: MessageParams;
    at: string;
  };
  /** When staff last resumed it: the failure breaker counts from here. */
  resumedAt?: string;
  /** Set by cancel: a run under way reads it between mails and stops. */
  cancelledAt?: string;
}

const memoKey = (campaignId: string): string => `crm.campaign.${campaignId}`;

export function readMemo(store: ScriptStore, campaignId: string): CampaignMemo {
  const raw = store.getProperty(memoKey(campaignId));
  try {
    return raw ? (JSON.parse(raw) as CampaignMemo) : {};
  } catch {
    return {};
  }
}

export function writeMemo(store: ScriptStore, campaignId: string, memo: CampaignMemo): void {
  store.setProperty(memoKey(campaignId), JSON.stringify(memo));
}
