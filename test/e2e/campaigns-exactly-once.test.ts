// Exactly once under fault injection: a 50-recipient campaign killed after every possible call count k,
// then resumed; a duplicate trigger firing mid-run; two staff pressing send at the same moment.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, type MailStudio, createCampaignFor } from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';

// Also the count staff confirm: the 3 excluded clients are not in it.
const RECIPIENTS = 50;

function world(): { studio: MailStudio; eligible: string[] } {
  const clients = [
    ...Array.from({ length: RECIPIENTS }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`)),
    consentingClient('C-0901', { consentAt: null }),
    consentingClient('C-0902', { unsubscribedAt: new Date('2026-05-01T10:00:00Z') }),
    consentingClient('C-0903', { email: 'broken' }),
  ];
  // Bare sheets: a snapshot of the add-on's fully formatted sheets takes a second to restore.
  const studio = mailStudio({ quota: 1000, clients, setup: false });
  createCampaignFor(studio, { name: 'Exactly once' });
  return {
    studio,
    eligible: clients
      .slice(0, RECIPIENTS)
      .map((client) => String(client.email))
      .sort(),
  };
}

function status(studio: MailStudio): string {
  return String(studio.rows('campaigns').find((row) => row.id === 'K-0001')?.status ?? '');
}

/** What staff and the triggers do after a failure: press send again if it never started, then let it run. */
function resume(studio: MailStudio): void {
  if (status(studio) === 'Черновик') {
    studio.call('sendCampaign', 'K-0001', RECIPIENTS);
  }
  for (let run = 0; run < 6 && status(studio) !== 'Завершена'; run += 1)
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
}

function expectExactlyOnce(studio: MailStudio, eligible: readonly string[], label: string): void {
  expect([...studio.mailedTo()].sort(), label).toEqual(eligible);
  const sends = studio.sendsOf('K-0001');
  expect(
    sends.filter((row) => row.status === 'Отправлено'),
    label,
  ).toHaveLength(RECIPIENTS);
  expect(sends, label).toHaveLength(RECIPIENTS + 3);
  expect(status(studio), label).toBe('Завершена');
}

describe('exactly once', () => {
  it('a run killed after any number of calls, then resumed, mails each eligible client once and nobody else', () => {
    const { studio, eligible } = world();
    const { emu } = studio;
    const start = emu.toJSON();
    emu.rt.resetCounts();
    studio.call('sendCampaign', 'K-0001', RECIPIENTS);
    const callsOfFullRun = emu.rt.total();
    expectExactlyOnce(studio, eligible, 'uninterrupted');
    // Bounded Gmail and sheet work per mail: a fixed number of calls each, sheet writes per chunk.
    // Per mail: createDraft, getId, send, the unsubscribe check (links signed in memory). The journal is written
    // per batch: batches of 1, 39 and 10 mails, two writes each (intents, entries), and the closing write: 7;
    // with the sending account and the waiting mark, 9.
    expect(emu.rt.total('GmailApp.') + emu.rt.total('GmailDraft.')).toBe(3 * RECIPIENTS);
    expect(emu.rt.total('Properties.setProperty')).toBe(2 + 3 * 2 + 1);
    expect(emu.rt.total('Range.setValues')).toBeLessThanOrEqual(8); // rows written per chunk of 40, not per mail
    expect(callsOfFullRun).toBeLessThan(12 * RECIPIENTS);

    const ks = Array.from({ length: callsOfFullRun + 1 }, (_, k) => k);
    const failures: string[] = [];
    for (const k of ks) {
      emu.restore(start);
      emu.rt.killExecutionsAfter(k);
      try {
        studio.call<CampaignProgress>('sendCampaign', 'K-0001', RECIPIENTS);
      } catch (error) {
        // Killed is the point of the exercise; any other failure of the press is a finding.
        if (!/Exceeded maximum execution time/.test(String(error)))
          failures.push(`k=${k}: the press failed with ${String(error)}`);
      }
      emu.rt.killExecutionsAfter(null);
      resume(studio);
      const mailed = [...studio.mailedTo()].sort();
      if (JSON.stringify(mailed) !== JSON.stringify(eligible) || status(studio) !== 'Завершена')
        failures.push(`k=${k}: ${mailed.length} mails, ${status(studio)}`);
    }
    expect(failures).toEqual([]);
    expect(ks.length).toBeGreaterThan(8 * RECIPIENTS); // every call of the run is a kill point (about 9 per mail)
  }, 600_000);

  it('a Gmail hiccup while listing the drafts delays settling, never stops sending, and reads nothing as sent', () => {
    const { studio, eligible } = world();
    const { emu } = studio;
    const start = emu.toJSON();
    // Find the call count at which the first journaled draft is about to be sent.
    let calls = 0;
    let beforeFirstSend = -1;
    emu.rt.onCall = (call) => {
      calls += 1;
      if (call === 'GmailDraft.send' && beforeFirstSend < 0) beforeFirstSend = calls - 1;
    };
    studio.call('sendCampaign', 'K-0001', RECIPIENTS);
    emu.rt.onCall = null;
    expect(beforeFirstSend).toBeGreaterThan(0);

    emu.restore(start);
    emu.rt.killExecutionsAfter(beforeFirstSend);
    expect(() => studio.call('sendCampaign', 'K-0001', RECIPIENTS)).toThrow();
    emu.rt.killExecutionsAfter(null);
    expect(emu.mail.drafts()).toHaveLength(1);
    // The next run's listing of the drafts fails once, as Gmail sometimes does: the run goes on, and the
    // journaled draft is neither read as sent nor sent twice.
    emu.rt.failOn('GmailApp.getDrafts', 'Service error: Gmail', 1);
    expect(() => studio.app.run('continueCampaigns', [], { kind: 'trigger' })).not.toThrow();
    resume(studio);
    expectExactlyOnce(studio, eligible, 'after the hiccup');
    expect(emu.mail.drafts()).toEqual([]);
  });

  it('a duplicate trigger firing in the middle of a run sends nothing twice', () => {
    const { studio, eligible } = world();
    const { emu } = studio;
    let fired = 0;
    emu.rt.onCall = (call) => {
      if (call === 'GmailDraft.send' && fired < 3) {
        fired += 1;
        studio.app.run('continueCampaigns', [], { kind: 'trigger' });
      }
    };
    studio.call('sendCampaign', 'K-0001', RECIPIENTS);
    emu.rt.onCall = null;
    expect(fired).toBe(3);
    expectExactlyOnce(studio, eligible, 'duplicate trigger');
  });

  it('two staff pressing send at the same moment: one sends, the other sends nothing more', () => {
    const { studio, eligible } = world();
    const { emu } = studio;
    let second: unknown = null;
    emu.rt.onCall = (call) => {
      if (call === 'GmailApp.createDraft' && second === null) {
        second = 'pressed';
        try {
          second = studio.call<CampaignProgress>('sendCampaign', 'K-0001', RECIPIENTS);
        } catch (error) {
          second = error instanceof Error ? error.message : String(error);
        }
      }
    };
    const first = studio.call<CampaignProgress>('sendCampaign', 'K-0001', RECIPIENTS);
    emu.rt.onCall = null;
    // The second press comes while the first is about to draft its first mail: it sends nothing itself and
    // answers the run under way: 0 sent, all 50 still queued, the 3 excluded clients skipped, each for its reason.
    const skippedByReason = { noConsent: 1, unsubscribed: 1, invalidEmail: 1 };
    expect(second).toEqual({
      campaignId: 'K-0001',
      status: 'sending',
      sent: 0,
      remaining: RECIPIENTS,
      failed: 0,
      skipped: 3,
      skippedByReason,
      message: null,
    });
    expect(first).toEqual({
      campaignId: 'K-0001',
      status: 'done',
      sent: RECIPIENTS,
      remaining: 0,
      failed: 0,
      skipped: 3,
      skippedByReason,
      message: null,
    });
    expectExactlyOnce(studio, eligible, 'two presses');
  });
});
