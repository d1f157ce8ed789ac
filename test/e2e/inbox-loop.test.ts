// The inbox closes the loop, on dist/Code.js: a 50-recipient campaign with 5 hard bounces, 2 soft ones and
// 3 replies; the hourly step marks the Sends rows, suppresses the hard-bounced clients for the next campaign,
// turns the replies into requests, and a staff reply in a thread answers its request at the reply's minute.
// Run twice, the step changes nothing.
import { describe, expect, it } from 'vitest';
import { consentingClients, createCampaignFor, mailStudio, confirmedCount } from '../support/mail-studio';
import type { CampaignProgress, CampaignView, OverviewView } from '../../src/contract/sidebar-api';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const email = (n: number) => `c-${String(n).padStart(4, '0')}@example.com`;
const HARD = [1, 2, 3, 4, 5].map(email);
const SOFT = [6, 7].map(email);
const REPLIERS = [10, 11, 12].map(email);

function sentCampaign() {
  const studio = mailStudio({ quota: 200, clients: consentingClients(50) });
  for (const address of HARD) studio.emu.mail.markBouncing(address, 'hard', 6);
  for (const address of SOFT) studio.emu.mail.markBouncing(address, 'soft', 12);
  const campaignId = createCampaignFor(studio, { name: 'Ноябрь' });
  const progress = studio.call<CampaignProgress>('sendCampaign', campaignId, confirmedCount(studio, campaignId));
  expect(progress).toMatchObject({ sent: 50, failed: 0 });
  /** Each address's first campaign mail: Gmail gives the first message of a thread the thread's id. */
  const threadOf = (address: string) =>
    studio.emu.mail.outbox.find((mail) => mail.to.includes(address))?.messageId ?? '';
  // Replies come in at 09:20, 09:25 and 09:30 (the mail went out at 09:00).
  REPLIERS.forEach((address, i) =>
    studio.emu.mail.replyAsClient(
      threadOf(address),
      address,
      'Сколько стоит?',
      at('2026-11-24T09:20:00Z') + i * 5 * MINUTE,
    ),
  );
  return { studio, campaignId, threadOf };
}

const hourly = (studio: ReturnType<typeof mailStudio>) => studio.app.run('runHourly', [], { kind: 'trigger' });

describe('the hourly inbox step after a campaign', () => {
  it('keeps each sent mail’s thread on its Sends row', () => {
    const { studio, campaignId, threadOf } = sentCampaign();
    const rows = studio.sendsOf(campaignId);
    expect(rows).toHaveLength(50);
    for (const row of rows) expect(row.threadId).toBe(threadOf(String(row.email)));
  });

  it('marks 5 hard and 2 soft bounces, suppresses only the hard ones, and the next campaign skips them', () => {
    const { studio, campaignId } = sentCampaign();
    studio.emu.advance(60 * MINUTE);
    hourly(studio);
    const rows = studio.sendsOf(campaignId);
    const bounced = rows.filter((row) => row.bounceStatus !== '');
    expect(bounced.map((row) => [row.email, row.bounceStatus]).sort()).toEqual(
      [...HARD.map((a) => [a, '5.1.1']), ...SOFT.map((a) => [a, '4.4.7'])].sort(),
    );
    // Each notice came 6 (hard) or 12 (soft) minutes after the 09:00 send.
    for (const row of bounced)
      expect((row.bouncedAt as Date).toISOString()).toBe(
        HARD.includes(String(row.email)) ? '2026-11-24T09:06:00.000Z' : '2026-11-24T09:12:00.000Z',
      );
    const clients = studio.rows('clients');
    const suppressed = clients.filter((c) => c.bouncedAt instanceof Date).map((c) => c.email);
    expect(suppressed.sort()).toEqual([...HARD].sort());
    expect(String(clients.find((c) => c.email === HARD[0])?.bounceReason)).toContain('5.1.1');
    // The notices carry the label, so staff see in Gmail what was read.
    expect(studio.emu.mail.labelled('Studio CRM/bounces')).toHaveLength(7);

    const next = createCampaignFor(studio, { name: 'Декабрь' });
    const before = studio.emu.mail.outbox.length;
    const progress = studio.call<CampaignProgress>('sendCampaign', next, confirmedCount(studio, next));
    expect(progress.skippedByReason).toMatchObject({ bounced: 5 });
    const reached = studio.emu.mail.outbox.slice(before).flatMap((mail) => mail.to);
    expect(reached).toHaveLength(45);
    for (const address of HARD) expect(reached).not.toContain(address);
    for (const address of SOFT) expect(reached).toContain(address);
  });

  it('records the 3 replies on their rows and as requests, and a staff reply answers one to the minute', () => {
    const { studio, campaignId, threadOf } = sentCampaign();
    studio.emu.advance(60 * MINUTE);
    hourly(studio);
    const replied = studio.sendsOf(campaignId).filter((row) => row.repliedAt instanceof Date);
    expect(replied.map((row) => row.email).sort()).toEqual([...REPLIERS].sort());
    const requests = studio.rows('requests');
    expect(requests).toHaveLength(3);
    const channelLabel = studio.locale === 'ru' ? 'Почта' : 'Email';
    for (const [i, address] of REPLIERS.entries()) {
      const request = requests.find((r) => r.threadId === threadOf(address));
      expect(request).toMatchObject({ clientId: `C-00${10 + i}`, channel: channelLabel, answeredAt: '' });
      expect((request?.receivedAt as Date).toISOString()).toBe(
        new Date(at('2026-11-24T09:20:00Z') + i * 5 * MINUTE).toISOString(),
      );
    }
    // Staff answer C-0010 in Gmail at 11:07; the request came at 09:20: 107 minutes.
    studio.emu.mail.replyAsStaff(threadOf(REPLIERS[0] ?? ''), 'Пришлём прайс', at('2026-11-24T11:07:00Z'));
    studio.emu.advance(2 * 60 * MINUTE);
    hourly(studio);
    const answered = studio.rows('requests').find((r) => r.threadId === threadOf(REPLIERS[0] ?? ''));
    const minutes = ((answered?.answeredAt as Date).getTime() - (answered?.receivedAt as Date).getTime()) / MINUTE;
    expect(minutes).toBe(107);
    expect(studio.rows('requests').filter((r) => r.answeredAt === '')).toHaveLength(2);
    // The Overview at 12:00: one answered in 107 min (within 2 h); 09:25 and 09:30 wait 155 and 150 min, past it.
    const overview = studio.call<OverviewView>('getOverview');
    expect(overview.responseTime).toMatchObject({
      targetMinutes: 120,
      answered: 1,
      averageMinutes: 107,
      medianMinutes: 107,
      withinTargetShare: 1 / 3,
      nearingTarget: [],
    });
    expect(overview.responseTime?.waitingLongest.map((r) => [r.clientId, r.waitingMinutes])).toEqual([
      ['C-0011', 155],
      ['C-0012', 150],
    ]);
    // The campaign's list entry shows its replies: 3 of 50.
    const view = studio.call<CampaignView[]>('listCampaigns').find((c) => c.id === campaignId);
    expect(view).toMatchObject({ replied: 3, bounced: 7, replyRate: 3 / 50 });
  });

  it('changes nothing when run twice, or again an hour later', () => {
    const { studio } = sentCampaign();
    studio.emu.advance(60 * MINUTE);
    hourly(studio);
    const snapshot = () =>
      JSON.stringify(['sends', 'clients', 'requests'].map((sheet) => studio.rows(sheet as 'sends')));
    const once = snapshot();
    hourly(studio);
    expect(snapshot()).toBe(once);
    // Forget the position: the same mail read again still adds nothing.
    studio.emu.properties.seed('script', { 'crm.inbox.position': '' });
    hourly(studio);
    expect(snapshot()).toBe(once);
    studio.emu.advance(60 * MINUTE);
    expect(snapshot()).toBe(once);
  });
});
