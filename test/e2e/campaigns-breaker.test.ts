// The failure breaker: addresses Gmail keeps refusing. The rest of the list goes first; each refused address is
// recorded failed (with Gmail's error, never as a bounce) only after three tries that count (Gmail sent other mail
// in between, or hours passed).
import { describe, expect, it } from 'vitest';
import { campaignStatus, consentingClient, mailStudio, sendCampaignFor } from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';

describe('failure breaker', () => {
  it('five refused addresses: the others are sent first; the five fail after three counted tries, never as bounces', () => {
    const clients = Array.from({ length: 9 }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`));
    const studio = mailStudio({ quota: 100, clients, setup: false });
    for (let i = 1; i <= 5; i++)
      studio.emu.mail.rejectAddress(`c-000${i}@example.com`, `Invalid email: c-000${i}@example.com`);
    // Five failures in a row that count against nobody yet (first tries): the run stops and retries later.
    const { progress } = sendCampaignFor<CampaignProgress>(studio, { name: 'Breaker' });
    expect(progress).toMatchObject({ status: 'sending', sent: 0, failed: 0, remaining: 9 });
    // The next run sends the four others first, then tries the five again (Gmail worked in between: counted).
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect(studio.mailedTo().sort()).toEqual([
      'c-0006@example.com',
      'c-0007@example.com',
      'c-0008@example.com',
      'c-0009@example.com',
    ]);
    expect(campaignStatus(studio, 'K-0001')).toBe('sending');
    // Hours later the third try counts: the five are recorded failed, the campaign is done.
    studio.emu.advance(2 * 60 * 60_000);
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect(campaignStatus(studio, 'K-0001')).toBe('done');
    const failed = studio.sendsOf('K-0001').filter((row) => row.status === 'Ошибка');
    expect(failed.map((row) => row.clientId).sort()).toEqual(['C-0001', 'C-0002', 'C-0003', 'C-0004', 'C-0005']);
    for (const row of failed) {
      expect(String(row.reason)).toContain(`Invalid email: ${String(row.email)}`);
      expect(String(row.reason)).not.toMatch(/^bounce/);
    }
  });
});
