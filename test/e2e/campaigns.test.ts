// A campaign end to end on dist/Code.js: preview, test send, every exclusion reason, sending across a
// quota pause and a day change, progress, the Campaigns and Sends sheets, batching of calls.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, STAFF_EMAIL, confirmedCount } from '../support/mail-studio';
import type { CampaignPreview, CampaignProgress, CampaignView } from '../../src/contract/sidebar-api';

const HOUR = 3_600_000;
const weekAgo = (days: number) => new Date(Date.parse('2026-11-24T09:00:00Z') - days * 86_400_000);

/** Twelve clients who may be mailed and one of each reason not to. */
function exclusionStudio() {
  const eligible = Array.from({ length: 11 }, (_, i) =>
    consentingClient(`C-${String(i + 1).padStart(4, '0')}`, i === 0 ? { city: 'Казань', name: 'Иванов Пётр' } : {}),
  );
  const excluded = [
    consentingClient('C-0101', { consentAt: null }), // noConsent
    consentingClient('C-0102', { unsubscribedAt: new Date('2026-06-01T10:00:00Z') }), // unsubscribed
    consentingClient('C-0103', { bouncedAt: new Date('2026-06-01T10:00:00Z') }), // bounced
    consentingClient('C-0104', { email: 'not-an-address' }), // invalidEmail
    consentingClient('C-0105', { email: 'c-0001@example.com' }), // duplicateEmail (C-0001 comes first)
    consentingClient('C-0106'), // weeklyCap: two marketing mails this week
    consentingClient('C-0107'), // unsubscribed, pending (clicked, not yet in Clients)
    consentingClient('C-0108'), // alreadySent: its address already got this campaign under an old client id
  ];
  const studio = mailStudio({
    quota: 10,
    settings: { 'campaigns.quotaReserveForFlows': '2' },
    clients: [...eligible, ...excluded],
    sends: [
      { campaignId: 'K-0000', clientId: 'C-0106', email: 'c-0106@example.com', status: 'sent', at: weekAgo(2) },
      { campaignId: 'K-0000', clientId: 'C-0106', email: 'c-0106@example.com', status: 'sent', at: weekAgo(3) },
      // C-0108's address already got K-0001 (about to be created) under an old client id since removed.
      { campaignId: 'K-0001', clientId: 'C-0999', email: 'c-0108@example.com', status: 'sent', at: weekAgo(1) },
    ],
  });
  return { studio, eligibleEmails: eligible.map((client) => String(client.email)) };
}

describe('a campaign from preview to done', () => {
  it('previews, test-sends, excludes with reasons, pauses for the quota and finishes the next day', () => {
    const { studio, eligibleEmails } = exclusionStudio();
    const { emu, call, rows, sendsOf, mailedTo, tokenFor } = studio;
    // C-0107 clicks the unsubscribe link of an earlier mail: recorded in script properties only.
    // The link shows a confirmation; the button on it records (see unsubscribe-confirm.test.ts).
    const confirmed = studio.app.callFromClient('confirmUnsubscribe', tokenFor('C-0107', 'c-0107@example.com'), 'ru');
    expect(confirmed).toMatchObject({ done: true, message: expect.stringContaining('Вы отписаны') });

    const created = call<CampaignView>('createCampaign', {
      name: 'Ноябрь',
      segmentId: 'all',
      template: 'promo',
      senderName: 'Студия Пикселя',
      replyTo: 'hello@studio.test',
      scheduledAt: null,
      cost: 1000,
    });
    expect(created).toMatchObject({ id: 'K-0001', status: 'draft' });

    const preview = call<CampaignPreview>('previewCampaign', 'K-0001', 'C-0001');
    expect(preview.subject).toBe('Новые эмоуты для Пётр');
    expect(preview.html).toContain('Город: Казань');
    expect(preview.text).toContain('Привет, Пётр!');
    expect(preview.recipients).toBe(12); // 11 to mail now + the address already reached
    expect(preview.problems).toEqual([]);

    expect(call<string>('testSendCampaign', 'K-0001')).toContain(STAFF_EMAIL);
    expect(emu.mail.outbox.map((mail) => mail.to)).toEqual([[STAFF_EMAIL]]);

    // Quota 10, one used by the test, 2 kept for automations: 7 go out today, then a pause.
    const first = call<CampaignProgress>('sendCampaign', 'K-0001', confirmedCount({ call }, 'K-0001'));
    expect(first).toMatchObject({ status: 'paused', sent: 8, remaining: 4, failed: 0 }); // 7 today + the old one
    expect(first.skippedByReason).toEqual({
      noConsent: 1,
      unsubscribed: 2,
      bounced: 1,
      invalidEmail: 1,
      duplicateEmail: 1,
      weeklyCap: 1,
      alreadySent: 1,
    });
    expect(first.message).toContain('лимит писем исчерпан');
    expect(mailedTo()).toHaveLength(7);

    // The hourly trigger resumes it once the quota has refilled (24 h after use), by itself.
    emu.advance(12 * HOUR);
    expect(mailedTo()).toHaveLength(7);
    emu.advance(13 * HOUR);
    const last = call<CampaignProgress>('getCampaignProgress', 'K-0001');
    expect(last).toMatchObject({ status: 'done', sent: 12, remaining: 0, failed: 0 });
    expect([...mailedTo()].sort()).toEqual([...eligibleEmails].sort());

    // Sends: one row per member, every skip with its reason.
    const reasons: Record<string, unknown[]> = Object.fromEntries(
      sendsOf('K-0001').map((row) => [String(row.clientId), [row.status, row.reason]]),
    );
    expect(reasons['C-0101']).toEqual(['Пропущено', 'Нет согласия на рассылки']);
    expect(Object.values(reasons).filter((pair) => pair[0] === 'Отправлено')).toHaveLength(12);
    const campaign = rows('campaigns').find((row) => row.id === 'K-0001');
    expect(campaign).toMatchObject({ status: 'Завершена', recipients: 20, sent: 12, skipped: 8, failed: 0 });

    // The mail itself: HTML with the merged values, plain text, sender, reply-to, a working unsubscribe link.
    const mail = emu.mail.outbox.find((entry) => entry.to.includes('c-0001@example.com'))!;
    expect(mail.htmlBody).toContain('Привет, Пётр!');
    expect(mail.body).toContain('Город: Казань');
    expect(mail).toMatchObject({ name: 'Студия Пикселя', replyTo: 'hello@studio.test' });
    const link = /href="([^"]+)"/.exec(mail.htmlBody ?? '')?.[1] ?? '';
    const url = new URL(link.replace(/&amp;/g, '&'));
    expect(url.searchParams.get('action')).toBe('unsubscribe');
    expect(studio.app.doGet(Object.fromEntries([...url.searchParams])).content).toContain('<button');
    expect(studio.app.callFromClient('confirmUnsubscribe', url.searchParams.get('token'), 'ru')).toMatchObject({
      message: expect.stringContaining('Вы отписаны'),
    });
  });
});
