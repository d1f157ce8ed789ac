// The failure breaker: Gmail refusing five addresses in a row (campaigns.breakerFailures) pauses the
// campaign with a message instead of burning through the list; each failure is on its Sends row.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio } from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';
import { translate } from '../../src/i18n';

describe('failure breaker', () => {
  it('five Gmail failures in a row pause the campaign with a message; the rest are not attempted', () => {
    const clients = Array.from({ length: 9 }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`));
    const studio = mailStudio({ quota: 100, clients, setup: false });
    for (let i = 1; i <= 5; i++)
      studio.emu.mail.rejectAddress(`c-000${i}@example.com`, `Invalid email: c-000${i}@example.com`);
    studio.call('createCampaign', {
      name: 'Breaker',
      segmentId: 'all',
      template: 'promo',
      senderName: 'Studio',
      replyTo: '',
      scheduledAt: null,
      cost: 0,
    });
    const progress = studio.call<CampaignProgress>('sendCampaign', 'K-0001');
    expect(progress).toMatchObject({ status: 'paused', sent: 0, failed: 5, remaining: 4 });
    expect(progress.message).toBe(translate('ru', 'campaigns.pause.failures', { count: 5 }));
    expect(studio.mailedTo()).toEqual([]);
    const failed = studio.sendsOf('K-0001').filter((row) => row.status === 'Ошибка');
    expect(failed.map((row) => row.clientId)).toEqual(['C-0001', 'C-0002', 'C-0003', 'C-0004', 'C-0005']);
    expect(failed.map((row) => row.reason)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `bounce: Exception: Invalid email: c-000${i}@example.com`),
    );
    // The four after the breaker stay queued for the resume, never attempted.
    expect(
      studio
        .sendsOf('K-0001')
        .filter((row) => row.status === 'В очереди')
        .map((row) => row.clientId),
    ).toEqual(['C-0006', 'C-0007', 'C-0008', 'C-0009']);
  });
});
