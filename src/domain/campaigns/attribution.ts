// What campaigns brought in: each order is credited to the last campaign mail the client got within
// `attributionDays` before it (last touch); per campaign, recipients, orders, revenue, conversion, ROI.
import { addDays, startOfDay } from '../analysis/dates';
import type { Campaign, ClientId, Order, OrderId, Send } from '../types';
import { DEFAULT_CAMPAIGN_SETTINGS, type CampaignSettings } from './settings';

/** An order written as a bare date (the studio's midnight) has no time to compare with the mail's. */
function isDateOnly(date: Date): boolean {
  return startOfDay(date).getTime() === date.getTime();
}

/**
 * Order id → campaign id. A mail sent at `at` covers orders from `at` (from the start of its day for
 * an order with no time, so a same-day order counts) through `attributionDays` days later.
 * Flow mails and cancelled orders are left out; ties in time go to the campaign id sorting last.
 */
export function attributeOrders(
  orders: readonly Order[],
  sends: readonly Send[],
  settings: CampaignSettings = DEFAULT_CAMPAIGN_SETTINGS,
): Map<OrderId, string> {
  const mailsByClient = new Map<ClientId, Send[]>();
  for (const send of sends) {
    if (send.status !== 'sent' || !send.at || send.campaignId.startsWith('flow:')) continue;
    mailsByClient.set(send.clientId, [...(mailsByClient.get(send.clientId) ?? []), send]);
  }
  const credited = new Map<OrderId, string>();
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    let best: Send | null = null;
    for (const mail of mailsByClient.get(order.clientId) ?? []) {
      const at = mail.at as Date;
      const from = isDateOnly(order.date) ? startOfDay(at) : at;
      if (
        order.date.getTime() < from.getTime() ||
        order.date.getTime() > addDays(from, settings.attributionDays).getTime()
      )
        continue;
      const bestAt = best?.at?.getTime() ?? -Infinity;
      if (at.getTime() > bestAt || (at.getTime() === bestAt && best !== null && mail.campaignId > best.campaignId))
        best = mail;
    }
    if (best) credited.set(order.id, best.campaignId);
  }
  return credited;
}

export interface CampaignResult {
  campaignId: string;
  /** Clients the campaign's mail reached. */
  recipients: number;
  orders: number;
  /** Recipients with at least one credited order. */
  buyers: number;
  revenue: number;
  /** buyers / recipients (0 with no recipients). */
  conversionRate: number;
  /** (revenue × margin − cost) / cost; null when the campaign cost nothing. */
  roi: number | null;
}

export function campaignResults(
  campaigns: readonly Pick<Campaign, 'id' | 'cost'>[],
  sends: readonly Send[],
  orders: readonly Order[],
  settings: CampaignSettings = DEFAULT_CAMPAIGN_SETTINGS,
): CampaignResult[] {
  const credited = attributeOrders(orders, sends, settings);
  return campaigns.map((campaign) => {
    const recipients = new Set(
      sends.filter((send) => send.campaignId === campaign.id && send.status === 'sent').map((send) => send.clientId),
    );
    const won = orders.filter((order) => credited.get(order.id) === campaign.id);
    const revenue = won.reduce((sum, order) => sum + order.amount, 0);
    const buyers = new Set(won.map((order) => order.clientId)).size;
    return {
      campaignId: campaign.id,
      recipients: recipients.size,
      orders: won.length,
      buyers,
      revenue,
      conversionRate: recipients.size > 0 ? buyers / recipients.size : 0,
      roi: campaign.cost > 0 ? (revenue * settings.margin - campaign.cost) / campaign.cost : null,
    };
  });
}
