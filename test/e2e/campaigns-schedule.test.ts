// Scheduled campaigns start by themselves at their own time, and cancelling stops them: before they
// start (nothing is ever sent) or while they send (the rest is skipped, at most a few mails after the press).
import { describe, expect, it } from 'vitest';
import {
  campaignStatus,
  consentingClients,
  createCampaignFor,
  mailStudio,
  confirmedCount,
} from '../support/mail-studio';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

describe('scheduled campaigns', () => {
  it('two campaigns scheduled at different times each start at their own time and finish', () => {
    const clients = consentingClients(6);
    const studio = mailStudio({ clients, settings: { 'campaigns.weeklyCap': '5' } });
    const { emu, call } = studio;
    const early = createCampaignFor(studio, { name: 'Early' });
    const late = createCampaignFor(studio, { name: 'Late' });
    // The later one first: its trigger is then replaced by the earlier one's (one pending per handler).
    expect(call<{ status: string }>('scheduleCampaign', late, '2026-11-24T13:10:00Z').status).toBe('scheduled');
    call('scheduleCampaign', early, '2026-11-24T11:30:00Z');

    emu.advance(at('2026-11-24T11:29:00Z') - emu.clock.now());
    expect(emu.mail.outbox).toEqual([]);
    expect(campaignStatus(studio, early)).toBe('scheduled');

    emu.advance(at('2026-11-24T13:09:00Z') - emu.clock.now());
    const earlyMails = emu.mail.outbox.filter((mail) => mail.at >= at('2026-11-24T11:30:00Z'));
    expect(earlyMails).toHaveLength(6);
    // Started by its own trigger at 11:30, not by the next hourly step.
    expect(Math.min(...earlyMails.map((mail) => mail.at))).toBeLessThan(at('2026-11-24T11:35:00Z'));
    expect(campaignStatus(studio, early)).toBe('done');
    expect(campaignStatus(studio, late)).toBe('scheduled');

    emu.advance(at('2026-11-24T15:00:00Z') - emu.clock.now());
    const lateMails = emu.mail.outbox.filter((mail) => mail.at >= at('2026-11-24T13:10:00Z'));
    expect(lateMails).toHaveLength(6);
    expect(Math.min(...lateMails.map((mail) => mail.at))).toBeLessThan(at('2026-11-24T13:15:00Z'));
    expect(campaignStatus(studio, late)).toBe('done');
    expect([...studio.mailedTo()].sort()).toEqual(
      [...clients, ...clients].map((client) => String(client.email)).sort(),
    );
    expect(emu.triggerRuns.filter((run) => run.error)).toEqual([]);
  });

  it('a scheduled campaign cancelled before its time never sends anything', () => {
    const studio = mailStudio({ clients: consentingClients(5) });
    const { emu, call } = studio;
    const id = createCampaignFor(studio, { name: 'Called off' });
    call('scheduleCampaign', id, '2026-11-24T11:00:00Z');
    expect(call<{ status: string }>('cancelCampaign', id).status).toBe('cancelled');
    emu.advance(26 * 60 * MINUTE);
    expect(emu.mail.outbox).toEqual([]);
    expect(campaignStatus(studio, id)).toBe('cancelled');
    expect(studio.sendsOf(id)).toEqual([]);
    expect(emu.triggerRuns.filter((run) => run.error)).toEqual([]);
  });
});

describe('cancel while sending', () => {
  it('stops the running batch within a few mails; the queued rest is skipped as cancelled and never sent', () => {
    const clients = consentingClients(30);
    const studio = mailStudio({ clients });
    const { emu, call } = studio;
    const id = createCampaignFor(studio, { name: 'Oops' });
    let sendCalls = 0;
    let mailedAtPress = -1;
    // Staff press cancel in the sidebar while the send press is still running: a second execution.
    emu.rt.onCall = (name) => {
      if (name !== 'GmailDraft.send' || ++sendCalls !== 6) return;
      mailedAtPress = studio.mailedTo().length;
      call('cancelCampaign', id);
    };
    call('sendCampaign', id, confirmedCount({ call }, id));
    emu.rt.onCall = null;
    expect(mailedAtPress).toBe(5);
    // The press comes while mail 6 goes out (its check before mail 6 found no cancel); the flag is read again
    // before mail 11 (every 5 mails), so mails 6–10 still go: 5 after the press, 10 in all.
    expect(studio.mailedTo().length - mailedAtPress).toBe(5);
    expect(studio.mailedTo()).toEqual(clients.slice(0, 10).map((client) => String(client.email)));

    // Nothing more goes out later: not by a continuation, not by the hourly step.
    const mailed = studio.mailedTo().length;
    emu.advance(3 * 60 * MINUTE);
    expect(studio.mailedTo()).toHaveLength(mailed);
    expect(campaignStatus(studio, id)).toBe('cancelled');

    const sends = studio.sendsOf(id);
    expect(sends).toHaveLength(30);
    const sent = sends.filter((row) => row.status === 'Отправлено');
    expect(sent.map((row) => row.email).sort()).toEqual([...studio.mailedTo()].sort());
    expect(sent).toHaveLength(10);
    const rest = sends.filter((row) => row.status !== 'Отправлено');
    expect(rest.map((row) => [row.email, row.status, row.reason])).toEqual(
      clients.slice(10).map((client) => [String(client.email), 'Пропущено', 'cancelled']),
    );
    // No per-recipient draft is left behind in the mailbox.
    expect(emu.mail.drafts().filter((draft) => draft.to !== '')).toEqual([]);
    const row = studio.rows('campaigns').find((campaign) => campaign.id === id);
    expect(row).toMatchObject({ sent: 10, skipped: 20, failed: 0 });
    expect(emu.triggerRuns.filter((run) => run.error)).toEqual([]);
  });
});
