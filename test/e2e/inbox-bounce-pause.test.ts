// A campaign whose mail bounces too much stops itself: 6 of its first 20 mails bounce (30%, over the 8%
// default) while it waits for tomorrow's quota; the hourly step pauses it with the reason, and the next day's
// quota refill does not resume it.
import { describe, expect, it } from 'vitest';
import {
  campaignStatus,
  consentingClients,
  createCampaignFor,
  mailStudio,
  confirmedCount,
} from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';

const MINUTE = 60_000;

describe('bounce-rate pause', () => {
  it('pauses a campaign over the threshold with a message, and the quota refill leaves it paused', () => {
    const studio = mailStudio({ quota: 30, clients: consentingClients(40), setup: false });
    for (let n = 1; n <= 6; n += 1) studio.emu.mail.markBouncing(`c-000${n}@example.com`, 'hard', 5);
    const id = createCampaignFor(studio, { name: 'Большой список' });
    const first = studio.call<CampaignProgress>('sendCampaign', id, confirmedCount(studio, id));
    // 30 a day, 10 kept for the automated mailings: 20 today.
    expect(first).toMatchObject({ status: 'paused', sent: 20 });
    studio.emu.rt.clock.advance(30 * MINUTE);
    studio.app.run('runHourly', [], { kind: 'trigger' });
    const progress = studio.call<CampaignProgress>('getCampaignProgress', id);
    expect(progress.status).toBe('paused');
    expect(progress.message).toContain('6 из 20');
    studio.emu.rt.clock.advance(25 * 60 * MINUTE);
    studio.app.run('runHourly', [], { kind: 'trigger' });
    expect(campaignStatus(studio, id)).toBe('paused');
    expect(studio.sendsOf(id).filter((row) => row.status === 'Отправлено')).toHaveLength(20);
  });

  it('leaves a campaign under the threshold to resume with the quota', () => {
    const studio = mailStudio({ quota: 30, clients: consentingClients(40), setup: false });
    studio.emu.mail.markBouncing('c-0001@example.com', 'hard', 5);
    const id = createCampaignFor(studio, { name: 'Чистый список' });
    studio.call<CampaignProgress>('sendCampaign', id, confirmedCount(studio, id));
    studio.emu.rt.clock.advance(30 * MINUTE);
    studio.app.run('runHourly', [], { kind: 'trigger' });
    studio.emu.rt.clock.advance(25 * 60 * MINUTE);
    studio.app.run('runHourly', [], { kind: 'trigger' });
    expect(campaignStatus(studio, id)).not.toBe('paused');
    expect(studio.sendsOf(id).filter((row) => row.status === 'Отправлено').length).toBeGreaterThan(20);
  });
});
