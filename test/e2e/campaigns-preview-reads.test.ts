// A campaign preview reads Clients once: the loyalty fields reuse the read the recipient count made
// (src/server/campaigns/mail-merge.ts, tables), and still show the previewed client's points.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { consentingClients, createCampaignFor, mailStudio } from '../support/mail-studio';
import type { CampaignPreview } from '../../src/contract/sidebar-api';

const CLIENTS = 200;

describe('campaign preview', () => {
  it('reads the Clients sheet once and merges the previewed client’s points', () => {
    const studio = mailStudio({
      clients: consentingClients(CLIENTS),
      templates: [
        {
          name: 'points',
          subject: 'Баллы для {{first_name|друг}}',
          htmlBody: '<p>У вас {{points|0}} баллов</p>',
          textBody: '',
        },
      ],
    });
    const { emu } = studio;
    // 70 points for C-0002: one ledger entry (the ledger's sum is the balance).
    writeFixture(
      emu,
      'loyalty',
      [
        {
          id: 'L-1',
          date: new Date('2026-11-01T10:00:00Z'),
          clientId: 'C-0002',
          kind: 'adjust',
          points: 70,
          key: 'adjust:1',
          reason: 'подарок',
        },
      ],
      'ru',
    );
    const campaignId = createCampaignFor(studio, { name: 'Баллы', template: 'points' });
    const clientsCells = (() => {
      const values = emu.spreadsheet.values('Клиенты');
      return values.length * (values[0]?.length ?? 0); // 201 rows × the sheet's width
    })();
    const cells = () => emu.rt.cellCounts.get('Range.getValues') ?? 0;
    const cellsBefore = cells();
    const preview = studio.call<CampaignPreview>('previewCampaign', campaignId, 'C-0002');
    const read = cells() - cellsBefore;
    expect(preview.html).toContain('У вас 70 баллов');
    // Clients once (201 × width cells) plus small sheets (Settings, Campaigns, Templates, Sends, Orders,
    // the one-row ledger): under twice Clients, which a second whole read of Clients would pass.
    expect(read).toBeGreaterThanOrEqual(clientsCells);
    expect(read).toBeLessThan(2 * clientsCells);
  });
});
