// A personal discount by segment (loyalty.discountBySegment) end to end on dist/Code.js: the client card,
// a previewed and a sent campaign mail, and the calls a preview makes whatever the number of clients.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, confirmedCount } from '../support/mail-studio';
import { order } from '../support/loyalty-studio';
import type { CampaignPreview, LoyaltyCard } from '../../src/contract/sidebar-api';

const DISCOUNT_TEMPLATE = {
  name: 'discount',
  subject: 'Скидка для {{first_name|друг}}',
  htmlBody: '',
  textBody: 'Ваша скидка: {{discount|нет}}',
};
/** Saved segment S-0001: clients who spent 500 or more; it gives 12 %, above Silver (5 %) and Gold (10 %), below VIP (15 %). */
const BIG_SPENDERS = { id: 'S-0001', name: 'Крупные', rules: 'total_spend >= 500' };

function discountStudio(settings: Record<string, string>, extraClients = 0) {
  const spend: [string, number][] = [
    ['C-0001', 600], // Silver by spend, in the segment: 12
    ['C-0002', 350], // Silver, outside: 5
    ['C-0003', 3500], // VIP, in the segment: the tier's 15 beats 12
  ];
  for (let i = 0; i < extraClients; i++) spend.push([`C-${String(100 + i).padStart(4, '0')}`, 100 + i]);
  return mailStudio({
    setup: false,
    settings,
    clients: spend.map(([id]) => consentingClient(id)),
    orders: spend.map(([id, amount], index) =>
      order(`O-${index + 1}`, id, amount, 'completed', '2026-10-01T12:00:00Z'),
    ),
    templates: [DISCOUNT_TEMPLATE],
    segments: [BIG_SPENDERS],
  });
}

const withSegmentDiscount = { 'loyalty.discountBySegment': JSON.stringify({ 'S-0001': 12 }) };

function createCampaign(studio: ReturnType<typeof discountStudio>): string {
  const created = studio.call<{ id: string }>('createCampaign', {
    name: 'Скидки',
    segmentId: 'all',
    template: 'discount',
    senderName: 'Студия',
    replyTo: 'hello@studio.test',
    scheduledAt: null,
    cost: 0,
  });
  return created.id;
}

describe('personal discount by segment', () => {
  it('shows the segment discount on the card when it beats the tier, the tier otherwise', () => {
    const studio = discountStudio(withSegmentDiscount);
    const card = (id: string) => studio.call<LoyaltyCard>('getLoyaltyCard', id);
    expect(card('C-0001')).toMatchObject({ tier: 'Silver', discount: { percent: 12, source: 'S-0001' } });
    expect(card('C-0002')).toMatchObject({ tier: 'Silver', discount: { percent: 5, source: 'Silver' } });
    expect(card('C-0003')).toMatchObject({ tier: 'VIP', discount: { percent: 15, source: 'VIP' } });
  });

  it('gives no segment discount when Settings name none', () => {
    const studio = discountStudio({});
    expect(studio.call<LoyaltyCard>('getLoyaltyCard', 'C-0001').discount).toEqual({ percent: 5, source: 'Silver' });
  });

  it('works with a built-in segment id too', () => {
    // One order each, 54 days before now (2026-10-01 → 2026-11-24), under the 90 days a one-order client
    // stays "new": all three are lifecycle:new (7 %). RFM by hand: recency and frequency tie for all three
    // (score 3), so R = 3 and no one sits in the champions cells (R 4–5), whatever their spend: 40 % never applies.
    const studio = discountStudio({
      'loyalty.discountBySegment': JSON.stringify({ 'rfm:champions': 40, 'lifecycle:new': 7 }),
    });
    const card = (id: string) => studio.call<LoyaltyCard>('getLoyaltyCard', id).discount;
    expect(card('C-0001')).toEqual({ percent: 7, source: 'lifecycle:new' }); // 7 beats Silver's 5
    expect(card('C-0002')).toEqual({ percent: 7, source: 'lifecycle:new' });
    expect(card('C-0003')).toEqual({ percent: 15, source: 'VIP' }); // VIP's 15 beats 7
  });

  it('an unknown segment id in Settings is skipped: the tier discount still applies', () => {
    const studio = discountStudio({ 'loyalty.discountBySegment': JSON.stringify({ 'S-0404': 50 }) });
    expect(studio.call<LoyaltyCard>('getLoyaltyCard', 'C-0001').discount).toEqual({ percent: 5, source: 'Silver' });
  });

  it('fills {{discount}} in the previewed and the sent mail', () => {
    const studio = discountStudio(withSegmentDiscount);
    const campaignId = createCampaign(studio);
    const preview = (id: string) => studio.call<CampaignPreview>('previewCampaign', campaignId, id);
    // Russian writes a (no-break) space before the percent sign.
    expect(preview('C-0001').text).toContain('Ваша скидка: 12\u00a0%');
    expect(preview('C-0002').text).toContain('Ваша скидка: 5\u00a0%');
    expect(preview('C-0003').text).toContain('Ваша скидка: 15\u00a0%');
    expect(preview('C-0001').problems).toEqual([]);

    studio.call('sendCampaign', campaignId, confirmedCount(studio, campaignId));
    const bodyTo = (email: string) => studio.emu.mail.outbox.find((mail) => mail.to.includes(email))?.body ?? '';
    expect(bodyTo('c-0001@example.com')).toContain('Ваша скидка: 12\u00a0%');
    expect(bodyTo('c-0002@example.com')).toContain('Ваша скидка: 5\u00a0%');
    expect(bodyTo('c-0003@example.com')).toContain('Ваша скидка: 15\u00a0%');
  });

  it('previewCampaign makes the same Apps Script calls for 3 clients and for 63', () => {
    const callsFor = (extraClients: number, settings: Record<string, string>) => {
      const studio = discountStudio(settings, extraClients);
      const campaignId = createCampaign(studio);
      studio.emu.rt.resetCounts();
      const preview = studio.call<CampaignPreview>('previewCampaign', campaignId, 'C-0001');
      expect(preview.text).toContain(`Ваша скидка: ${settings === withSegmentDiscount ? 12 : 5}\u00a0%`);
      expect(preview.recipients).toBe(3 + extraClients);
      return studio.emu.rt.snapshotCounts();
    };
    const small = callsFor(0, withSegmentDiscount);
    expect(callsFor(60, withSegmentDiscount)).toEqual(small);
    // The segment costs only the sheets segments need beyond loyalty's (Clients and Orders are reused).
    const without = callsFor(0, {});
    expect((small['Range.getValues'] ?? 0) - (without['Range.getValues'] ?? 0)).toBeGreaterThan(0);
    expect((small['Range.getValues'] ?? 0) - (without['Range.getValues'] ?? 0)).toBeLessThanOrEqual(3);
  });
});
