// The campaign desk's knobs, as typed objects. The Settings sheet supplies overrides;
// everything not overridden falls back to the documented defaults below.

export interface CampaignSettings {
  /** At most this many marketing mails per client in any rolling 7 days (campaigns + marketing flows). */
  weeklyCap: number;
  /** Mails of the daily quota a campaign leaves unused, so automated flows can still go out. */
  quotaReserveForFlows: number;
  /** This many failed sends in a row pause a campaign: the list or the account is probably bad. */
  breakerFailures: number;
  /** Orders up to this many days after a campaign mail are credited to it. */
  attributionDays: number;
  /** Share of revenue the studio keeps (0..1), used for ROI. */
  margin: number;
  /** No mail from this local hour… */
  quietFromHour: number;
  /** …until this local hour (the window may wrap midnight: 21 → 9). */
  quietUntilHour: number;
}

export const DEFAULT_CAMPAIGN_SETTINGS: Readonly<CampaignSettings> = {
  weeklyCap: 2,
  quotaReserveForFlows: 10,
  breakerFailures: 5,
  attributionDays: 14,
  margin: 0.7,
  quietFromHour: 21,
  quietUntilHour: 9,
};

export type FlowName = 'welcome' | 'feedback' | 'winback' | 'birthday' | 'pointsExpiry' | 'tierReached';
export const FLOW_NAMES: readonly FlowName[] = [
  'welcome',
  'feedback',
  'winback',
  'birthday',
  'pointsExpiry',
  'tierReached',
];

export interface FlowSetting {
  enabled: boolean;
  /**
   * Days after the occasion (registration, completed order, tier reached, last order overdue).
   * For `birthday` and `pointsExpiry` it counts days *before* the date (0 = on the day).
   */
  delayDays: number;
  /** After the due day the mail is still sent for this many days (a missed nightly run); later it is dropped. */
  lateDays: number;
  /** Templates row name (or `draft:<subject>`). */
  template: string;
  /** Counts against the weekly cap and is held back by it. Service mails (welcome, feedback) do not. */
  marketing: boolean;
  /**
   * When staff last switched the flow on (ISO time): nothing that happened before it is mailed (an
   * order, a registration, a tier reached, a win-back due date). Null for a flow switched on by a
   * Settings row written by hand.
   */
  enabledAt: string | null;
}

export interface WinbackRule {
  /** Orders from which a client has a rhythm of their own. */
  minOrders: number;
  /** Late once the median gap × this factor has passed since the last order. */
  lateFactor: number;
  /** Floor on the median gap, so two orders in one week don't make a client "late" a week later. */
  minGapDays: number;
  /** CLV churn risk (0..1) at or above this also triggers a win-back (for a client with any order). */
  churnRiskThreshold: number;
}

export type FlowSettings = Record<FlowName, FlowSetting> & { winbackRule: WinbackRule };

// Every flow is off until staff switch it on: a new studio, or one that has just loaded its history, mails nobody.
export const DEFAULT_FLOW_SETTINGS: Readonly<FlowSettings> = {
  welcome: { enabled: false, delayDays: 0, lateDays: 7, template: 'welcome', marketing: false, enabledAt: null },
  feedback: { enabled: false, delayDays: 3, lateDays: 14, template: 'feedback', marketing: false, enabledAt: null },
  winback: { enabled: false, delayDays: 0, lateDays: 30, template: 'winback', marketing: true, enabledAt: null },
  birthday: { enabled: false, delayDays: 0, lateDays: 3, template: 'birthday', marketing: true, enabledAt: null },
  pointsExpiry: {
    enabled: false,
    delayDays: 14,
    lateDays: 14,
    template: 'points-expiry',
    marketing: true,
    enabledAt: null,
  },
  tierReached: {
    enabled: false,
    delayDays: 0,
    lateDays: 14,
    template: 'tier-reached',
    marketing: true,
    enabledAt: null,
  },
  winbackRule: { minOrders: 3, lateFactor: 1.5, minGapDays: 14, churnRiskThreshold: 0.7 },
};

/** `flow:<name>`: how an automated mail is written in Sends' campaign column. */
export function flowCampaignId(flow: FlowName): string {
  return `flow:${flow}`;
}

export function flowOfCampaignId(campaignId: string): FlowName | null {
  const name = campaignId.startsWith('flow:') ? campaignId.slice(5) : '';
  return (FLOW_NAMES as readonly string[]).includes(name) ? (name as FlowName) : null;
}
