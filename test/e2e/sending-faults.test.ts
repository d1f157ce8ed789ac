// Gmail failing in words nobody promised (Russian, unknown) on every call the engine makes: no recipient is
// recorded failed or bounced for a passing fault, no campaign is stuck, nothing is sent twice; the quota is read
// from getRemainingDailyQuota, not from an error's words; a mail too large fails that recipient with a sentence.
import { describe, expect, it } from 'vitest';
import {
  campaignStatus,
  consentingClient,
  consentingClients,
  createCampaignFor,
  mailStudio,
  STAFF_EMAIL,
  type MailStudio,
  confirmedCount,
} from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';
import { translate } from '../../src/i18n';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../src/domain/campaigns/settings';

/** Every Gmail and MailApp call the send engine makes (settling, drafting, sending, cleaning up, the quota). */
const GMAIL_CALLS = [
  'GmailApp.createDraft',
  'GmailApp.getDrafts',
  'GmailApp.getDraft',
  'GmailApp.search',
  'GmailDraft.getId',
  'GmailDraft.send',
  'GmailDraft.deleteDraft',
  'GmailDraft.getMessage',
  'GmailMessage.getTo',
  'GmailMessage.getSubject',
  'MailApp.getRemainingDailyQuota',
];

const SENT = 'Отправлено';
const QUEUED = 'В очереди';
const FAILED = 'Ошибка';

function statuses(studio: MailStudio, campaignId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of studio.sendsOf(campaignId)) counts[String(row.status)] = (counts[String(row.status)] ?? 0) + 1;
  return counts;
}

/** Drafts in the staff mailbox addressed to someone (a client): the add-on must leave none behind. */
function clientDrafts(studio: MailStudio): unknown[] {
  return studio.emu.mail.drafts(STAFF_EMAIL).filter((draft) => draft.to.trim() !== '');
}

function expectEachOnce(studio: MailStudio, emails: readonly string[]): void {
  expect([...studio.mailedTo()].sort()).toEqual([...emails].sort());
}

const emailsOf = (count: number) => consentingClients(count).map((client) => String(client.email));

describe('Gmail faults in any words', () => {
  for (const text of ['Внутренняя ошибка сервера Gmail. Повторите попытку позже.', 'xq-7781: unexpected condition']) {
    it(`"${text}" on every Gmail call: nobody failed, the campaign waits, then finishes once the faults clear`, () => {
      const studio = mailStudio({ quota: 100, clients: consentingClients(12), setup: false });
      const { emu } = studio;
      const id = createCampaignFor(studio, { name: 'Outage' });
      const confirmed = confirmedCount(studio, id); // before any fault or hook is set
      for (const call of GMAIL_CALLS) emu.rt.failOn(call, text);
      const pressed = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
      expect(pressed).toMatchObject({ sent: 0, failed: 0, remaining: 12 });
      expect(pressed.status).toBe('sending');
      // Several runs during the outage, minutes apart: still nobody failed, nothing paused.
      for (let run = 0; run < 4; run += 1) {
        emu.advance(10 * 60_000);
        studio.app.run('continueCampaigns', [], { kind: 'trigger' });
      }
      expect(statuses(studio, id)).toEqual({ [QUEUED]: 12 });
      expect(campaignStatus(studio, id)).toBe('sending');
      expect(studio.mailedTo()).toEqual([]);
      emu.rt.clearFaults();
      for (let run = 0; run < 3 && campaignStatus(studio, id) !== 'done'; run += 1)
        studio.app.run('continueCampaigns', [], { kind: 'trigger' });
      expect(campaignStatus(studio, id)).toBe('done');
      expect(statuses(studio, id)).toEqual({ [SENT]: 12 });
      expectEachOnce(studio, emailsOf(12));
      expect(clientDrafts(studio)).toEqual([]);
    });
  }

  it('each Gmail call failing a few times, in Russian or unknown words: no one failed or bounced, nothing twice, the campaign finishes', () => {
    const studio = mailStudio({ quota: 100, clients: consentingClients(6), setup: false });
    const { emu } = studio;
    const id = createCampaignFor(studio, { name: 'Each call' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    // A run killed right after its third createDraft leaves an unjournaled draft: settling (getDrafts, getMessage,
    // deleteDraft) then has work to fail at too.
    const start = emu.toJSON();
    let calls = 0;
    let drafted = 0;
    let afterThirdDraft = -1;
    emu.rt.onCall = (call) => {
      calls += 1;
      if (call === 'GmailApp.createDraft' && ++drafted === 3) afterThirdDraft = calls;
    };
    studio.call('sendCampaign', id, confirmed);
    emu.rt.onCall = null;
    expect(afterThirdDraft).toBeGreaterThan(0);
    const findings: string[] = [];
    for (const call of GMAIL_CALLS) {
      for (const text of ['Внутренняя ошибка', 'zz unknown 42']) {
        emu.restore(start);
        emu.rt.killExecutionsAfter(afterThirdDraft);
        try {
          studio.call('sendCampaign', id, confirmed);
        } catch {
          // killed mid-run on purpose
        }
        emu.rt.killExecutionsAfter(null);
        emu.rt.failOn(call, text, 3);
        for (let run = 0; run < 6 && campaignStatus(studio, id) !== 'done'; run += 1) {
          emu.advance(15 * 60_000);
          studio.app.run('continueCampaigns', [], { kind: 'trigger' });
        }
        emu.rt.clearFaults();
        // The next run, with Gmail well again, cleans up whatever a fault left unsettled.
        studio.app.run('continueCampaigns', [], { kind: 'trigger' });
        const mailed = [...studio.mailedTo()].sort();
        const label = `${call} "${text}"`;
        if (JSON.stringify(mailed) !== JSON.stringify(emailsOf(6).sort()))
          findings.push(`${label}: mailed ${mailed.length}`);
        if (campaignStatus(studio, id) !== 'done') findings.push(`${label}: ${campaignStatus(studio, id)}`);
        const failed = studio.sendsOf(id).filter((row) => row.status === FAILED);
        if (failed.length > 0) findings.push(`${label}: ${failed.length} failed`);
        if (clientDrafts(studio).length > 0) findings.push(`${label}: drafts left`);
      }
    }
    expect(findings).toEqual([]);
  });

  it('a few sends failing in Russian are retried by the next run: each client once, none failed', () => {
    const studio = mailStudio({ quota: 100, clients: consentingClients(10), setup: false });
    const { emu } = studio;
    const id = createCampaignFor(studio, { name: 'Hiccups' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    emu.rt.failOn('GmailDraft.send', 'Ошибка сервера, попробуйте ещё раз', 3);
    const pressed = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
    expect(pressed).toMatchObject({ sent: 7, failed: 0, remaining: 3, status: 'sending' });
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect(campaignStatus(studio, id)).toBe('done');
    expect(statuses(studio, id)).toEqual({ [SENT]: 10 });
    expectEachOnce(studio, emailsOf(10));
    expect(clientDrafts(studio)).toEqual([]);
  });

  it('a send that went out but answered an unknown error is recorded sent (the draft is gone), not sent again', () => {
    const studio = mailStudio({ quota: 100, clients: consentingClients(6), setup: false });
    const { emu } = studio;
    const id = createCampaignFor(studio, { name: 'Late fault' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    emu.mail.failAfterDelivery('draft', 'Не удалось выполнить операцию', 2);
    const pressed = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
    expect(pressed).toMatchObject({ status: 'done', sent: 6, failed: 0, remaining: 0 });
    expectEachOnce(studio, emailsOf(6));
  });

  it('an address Gmail keeps refusing is recorded failed after three counted tries, with the error, never as a bounce', () => {
    const clients = consentingClients(4);
    const studio = mailStudio({ quota: 100, clients, setup: false });
    const { emu } = studio;
    emu.mail.rejectAddress('c-0001@example.com', 'Адрес отклонён');
    const id = createCampaignFor(studio, { name: 'Refused' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    studio.call('sendCampaign', id, confirmed);
    // The others went out; the refused one waits, tried again only when Gmail worked in between or hours later.
    expect(statuses(studio, id)).toEqual({ [SENT]: 3, [QUEUED]: 1 });
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect(statuses(studio, id)).toEqual({ [SENT]: 3, [QUEUED]: 1 });
    for (let run = 0; run < 3 && campaignStatus(studio, id) !== 'done'; run += 1) {
      emu.advance(2 * 60 * 60_000);
      studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    }
    expect(campaignStatus(studio, id)).toBe('done');
    const failed = studio.sendsOf(id).filter((row) => row.status === FAILED);
    expect(failed.map((row) => row.clientId)).toEqual(['C-0001']);
    expect(String(failed[0]?.reason)).toContain('Адрес отклонён');
    expect(String(failed[0]?.reason)).not.toMatch(/^bounce/);
    expectEachOnce(studio, emailsOf(4).slice(1));
    expect(clientDrafts(studio)).toEqual([]);
  });

  it('the quota comes from getRemainingDailyQuota: a Russian error with the quota spent pauses, an English "quota" error with quota left does not', () => {
    const studio = mailStudio({ quota: 100, clients: consentingClients(8), setup: false });
    const { emu } = studio;
    const id = createCampaignFor(studio, { name: 'Quota' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    // An error that speaks of a quota while plenty is left: retried, not a pause.
    emu.rt.failOn('GmailDraft.send', 'Service invoked too many times for one day: email.', 1);
    let sends = 0;
    emu.rt.onCall = (call) => {
      if (call !== 'GmailDraft.send') return;
      sends += 1;
      // At the fifth send the account's quota is spent elsewhere, and Gmail says so in Russian.
      if (sends === 5) {
        emu.mail.setQuota(emu.mail.quotaUsed(), STAFF_EMAIL);
        emu.rt.failOn('GmailDraft.send', 'Превышен лимит', 1);
      }
    };
    const pressed = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
    emu.rt.onCall = null;
    expect(pressed.status).toBe('paused');
    expect(pressed.message).toBe(
      translate('ru', 'campaigns.pause.quota', { reserve: DEFAULT_CAMPAIGN_SETTINGS.quotaReserveForFlows }),
    );
    expect(pressed.failed).toBe(0);
    expect(pressed.sent).toBe(3);
  });

  it('a mail too large for Gmail fails that recipient with a sentence in the staff language; the others go', () => {
    const longName = 'Ж'.repeat(1_000);
    const clients = [
      consentingClient('C-0001'),
      consentingClient('C-0002', { name: longName }),
      consentingClient('C-0003'),
    ];
    const studio = mailStudio({ quota: 100, clients, setup: false, locale: 'en' });
    const { emu } = studio;
    emu.mail.addDraft({ subject: 'Big news', body: '', htmlBody: `<p>${'{{name}} '.repeat(100)}</p>` }, STAFF_EMAIL);
    const id = createCampaignFor(studio, { name: 'Big', template: 'draft:Big news' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    const pressed = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
    expect(pressed).toMatchObject({ status: 'done', sent: 2, failed: 1 });
    const failed = studio.sendsOf(id).find((row) => row.clientId === 'C-0002');
    // 100 × 1,000 two-byte letters in the HTML and again in its text: 400 KB, over 200 KB; the others' are 3 KB.
    expect(String(failed?.reason)).toMatch(/^Not sent: this mail is \d+ KB, more than the 200 KB/);
    expect(studio.mailedTo().sort()).toEqual(['c-0001@example.com', 'c-0003@example.com']);
    expect(clientDrafts(studio)).toEqual([]);
  });
});
