// What campaigns brought in (last touch within `campaigns.attributionDays`): written to the Campaigns
// sheet nightly, and summed for the dashboard's campaign KPI slot.
import type { CampaignKpis } from '../../domain/analysis';
import { withLock } from '../../services/locks';
import { campaignResults, type CampaignResult } from '../../domain/campaigns/attribution';
import type { CampaignSettings } from '../../domain/campaigns/settings';
import type { Campaign, Order, Send } from '../../domain/types';
import { openWorkbook, updateRows } from '../../sheets';
import { readCampaigns, readCampaignSettings, readClientBase, readSends } from '../../sheets/campaigns';
import { withRolledResult } from '../../domain/campaigns/rollup';
import { readCampaignTotals } from '../../sheets/rollups';

/** The dashboard's campaign slot: every campaign's results summed (ROI on the summed cost). */
export function campaignKpis(
  campaigns: readonly Pick<Campaign, 'id' | 'cost'>[],
  sends: readonly Send[],
  orders: readonly Order[],
  settings: CampaignSettings,
): CampaignKpis {
  const results = campaignResults(campaigns, sends, orders, settings);
  const sum = (pick: (result: CampaignResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const recipients = sum((result) => result.recipients);
  const buyers = sum((result) => result.buyers);
  const revenue = sum((result) => result.revenue);
  const cost = campaigns.reduce((total, campaign) => total + campaign.cost, 0);
  return {
    sends: recipients,
    conversions: buyers,
    conversionRate: recipients > 0 ? buyers / recipients : null,
    revenue,
    cost,
    roi: cost > 0 ? (revenue * settings.margin - cost) / cost : null,
  };
}

/** Nightly step: orders, revenue and ROI of every campaign, in one batched write. */
export function refreshCampaignResults(): void {
  const book = openWorkbook();
  withLock('database', () => {
    const rows = readCampaigns(book);
    if (rows.length === 0) return;
    const settings = readCampaignSettings(book);
    const rolled = readCampaignTotals(book);
    // A rolled-up campaign's mails are totals now: their attribution was settled when they rolled.
    const results = campaignResults(
      rows.map((row) => row.campaign),
      readSends(book).map((row) => row.send),
      readClientBase(book).orders,
      settings,
    ).map((result, index) =>
      withRolledResult(result, rolled.get(result.campaignId), rows[index]?.campaign.cost ?? 0, settings.margin),
    );
    updateRows(
      book,
      'campaigns',
      rows.map((row, index) => {
        const result = results[index] as CampaignResult;
        return {
          rowNumber: row.rowNumber,
          identity: { id: row.campaign.id },
          values: {
            orders: result.orders,
            revenue: result.revenue,
            conversionRate: result.conversionRate,
            roi: result.roi,
          },
        };
      }),
    );
  });
}
