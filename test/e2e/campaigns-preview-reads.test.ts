// A campaign preview reads Clients once, and only the columns it needs: the loyalty fields reuse the read
// the recipient count made (src/server/campaigns/mail-merge.ts, tables), and still show the previewed
// client's points.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { consentingClients, createCampaignFor, mailStudio } from '../support/mail-studio';
import type { CampaignPreview } from '../../src/contract/sidebar-api';

const CLIENTS = 200;

describe('campaign preview', () => {
  it('reads the Clients sheet once, in the columns it needs, and merges the previewed client’s points', () => {
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
    // Clients once, in the columns this template needs: the header (32 cells) and, on 200 rows, one block
    // from ID (1st column) to Language (19th): 19 × 200 = 3,800 cells (the decisions read ID, name, email,
    // consent, unsubscribe, bounce and language; first_name the greeting column; points none). Small sheets
    // (Settings, Campaigns, Templates, Sends, the one-row ledger, Discount codes) add a few hundred; Orders is
    // not read (no field here comes from orders). A whole read of Clients alone would be 6,432 cells.
    expect(clientsCells).toBe(201 * 32);
    expect(read).toBeGreaterThanOrEqual(32 + 3_800);
    expect(read).toBeLessThan(32 + 3_800 + 1_000);
  });
});
