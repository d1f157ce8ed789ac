// {{discount}} on dist/Code.js follows the recipient's language (the language their mail is written in): "5 %" (no-break space) to a Russian client,
// "5%" to an English one, from the same campaign and template.
import { describe, expect, it } from 'vitest';
import { consentingClient, confirmedCount, createCampaignFor, mailStudio } from '../support/mail-studio';
import { order } from '../support/loyalty-studio';
import type { CampaignPreview } from '../../src/contract/sidebar-api';

describe('{{discount}} in each recipient’s language', () => {
  it('a ru and an en client, both Silver by a 350 spend (the default Silver tier gives 5 %)', () => {
    const studio = mailStudio({
      setup: false,
      clients: [consentingClient('C-0001'), consentingClient('C-0002', { locale: 'en' })],
      orders: [
        order('O-1', 'C-0001', 350, 'completed', '2026-10-01T12:00:00Z'),
        order('O-2', 'C-0002', 350, 'completed', '2026-10-01T12:00:00Z'),
      ],
      // The English client's mail is the template's English variant, so it is written in English.
      templates: [
        { name: 'discount', subject: 'Скидка', htmlBody: '', textBody: 'Скидка: {{discount|-}}' },
        { name: 'discount (en)', subject: 'Discount', htmlBody: '', textBody: 'Discount: {{discount|-}}' },
      ],
    });
    const campaignId = createCampaignFor(studio, { name: 'Скидки', template: 'discount' });
    const preview = (id: string) => studio.call<CampaignPreview>('previewCampaign', campaignId, id).text;
    expect(preview('C-0001')).toContain('Скидка: 5\u00a0%');
    expect(preview('C-0002')).toContain('Discount: 5%');

    studio.call('sendCampaign', campaignId, confirmedCount(studio, campaignId));
    const bodyTo = (email: string) => studio.emu.mail.outbox.find((mail) => mail.to.includes(email))?.body ?? '';
    expect(bodyTo('c-0001@example.com')).toContain('Скидка: 5\u00a0%');
    expect(bodyTo('c-0002@example.com')).toContain('Discount: 5%');
    expect(bodyTo('c-0002@example.com')).not.toContain('5\u00a0%');
  });
});
