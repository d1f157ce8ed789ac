import { describe, expect, it } from 'vitest';
import {
  failureStreak,
  planBatch,
  reconcile,
  recipientKey,
  trackOutcome,
  type JournalEntry,
  type QueuedRecipient,
} from '../../src/domain/campaigns/sending';
import {
  campaignCounts,
  canTransition,
  isDue,
  statusAfterRun,
  transitionCampaign,
} from '../../src/domain/campaigns/state';
import type { Campaign, CampaignStatus, Send } from '../../src/domain/types';

const recipient = (clientId: string): QueuedRecipient => ({
  campaignId: 'K-1',
  clientId,
  email: `${clientId}@example.com`,
});
const entry = (clientId: string, draftId: string): JournalEntry => ({ campaignId: 'K-1', clientId, draftId });

/**
 * A tiny Gmail + journal + Sends simulation that runs the engine's protocol and can crash after any step,
 * so each crash point is checked end to end: after a crash and one clean resume, each recipient got one mail.
 */
class Simulation {
  drafts = new Map<string, string>(); // draftId → clientId
  mailbox: string[] = []; // clientIds that received a mail
  journal: JournalEntry[] = [];
  sentRows = new Set<string>();
  private nextDraft = 1;

  constructor(readonly queue: QueuedRecipient[]) {}

  /** Runs one execution; throws 'crash' right after step `crashAfter` for recipient `crashFor`. */
  run(crash?: { clientId: string; after: 1 | 2 | 3 | 4 }): void {
    const check = (clientId: string, step: 1 | 2 | 3 | 4): void => {
      if (crash && crash.clientId === clientId && crash.after === step) throw new Error('crash');
    };
    const reconciled = reconcile(this.journal, new Set(this.drafts.keys()), new Set([...this.sentRows]));
    for (const done of reconciled.toRecord) this.sentRows.add(recipientKey(done));
    for (const dropped of reconciled.discard) this.drafts.delete(dropped.draftId);
    const cleared = new Set([...reconciled.sent, ...reconciled.discard]);
    this.journal = this.journal.filter((e) => !cleared.has(e));
    const queued = this.queue.filter((r) => !this.sentRows.has(recipientKey(r)));
    const plan = planBatch(queued, reconciled, 100, 0, 100);
    for (const attempt of plan.attempts) {
      let current: JournalEntry;
      if (attempt.kind === 'createAndSend') {
        const draftId = `D${this.nextDraft++}`;
        this.drafts.set(draftId, attempt.recipient.clientId);
        check(attempt.recipient.clientId, 1);
        current = entry(attempt.recipient.clientId, draftId);
        this.journal.push(current);
        check(current.clientId, 2);
      } else current = attempt.entry;
      this.drafts.delete(current.draftId);
      this.mailbox.push(current.clientId);
      check(current.clientId, 3);
      this.sentRows.add(recipientKey(current));
      check(current.clientId, 4);
      this.journal = this.journal.filter((e) => e !== current);
    }
  }
}

describe('exactly once across crashes', () => {
  it.each([1, 2, 3, 4] as const)('a crash after step %i and a resume give each recipient one mail', (step) => {
    const simulation = new Simulation([recipient('a'), recipient('b'), recipient('c')]);
    expect(() => simulation.run({ clientId: 'b', after: step })).toThrow('crash');
    simulation.run();
    simulation.run(); // a further run changes nothing
    expect(simulation.mailbox.sort()).toEqual(['a', 'b', 'c']);
    expect(simulation.journal).toEqual([]);
    expect(simulation.sentRows.size).toBe(3);
  });

  it('a crash during the resume itself still ends with one mail each', () => {
    const simulation = new Simulation([recipient('a'), recipient('b')]);
    expect(() => simulation.run({ clientId: 'a', after: 2 })).toThrow('crash');
    expect(() => simulation.run({ clientId: 'a', after: 3 })).toThrow('crash');
    simulation.run();
    expect(simulation.mailbox.sort()).toEqual(['a', 'b']);
  });
});

describe('reconcile', () => {
  it('draft created but not journaled: nothing in the journal, the recipient gets a fresh draft', () => {
    const reconciled = reconcile([], new Set(['D-stray']));
    expect(reconciled).toMatchObject({ sent: [], retry: [], discard: [] });
    expect(planBatch([recipient('a')], reconciled, 10, 0, 10).attempts).toEqual([
      { kind: 'createAndSend', recipient: recipient('a') },
    ]);
  });

  it('journaled but not sent: the same draft is retried, never a new one', () => {
    const reconciled = reconcile([entry('a', 'D1')], new Set(['D1']));
    expect(reconciled.retry).toEqual([entry('a', 'D1')]);
    expect(planBatch([recipient('a')], reconciled, 10, 0, 10).attempts).toEqual([
      { kind: 'sendDraft', entry: entry('a', 'D1') },
    ]);
  });

  it('sent but not recorded: counts as sent and must be recorded; not attempted again', () => {
    const reconciled = reconcile([entry('a', 'D1')], new Set());
    expect(reconciled.sent).toEqual([entry('a', 'D1')]);
    expect(reconciled.toRecord).toEqual([entry('a', 'D1')]);
    expect(planBatch([recipient('a')], reconciled, 10, 0, 10).attempts).toEqual([]);
  });

  it('recorded but journal not cleared: sent, nothing to record', () => {
    const reconciled = reconcile([entry('a', 'D1')], new Set(), new Set([recipientKey(entry('a', 'D1'))]));
    expect(reconciled.sent).toEqual([entry('a', 'D1')]);
    expect(reconciled.toRecord).toEqual([]);
  });

  it('two drafts for one recipient: one retried, the other deleted; with one already sent, both others deleted', () => {
    const waiting = reconcile([entry('a', 'D1'), entry('a', 'D2')], new Set(['D1', 'D2']));
    expect(waiting.retry).toEqual([entry('a', 'D1')]);
    expect(waiting.discard).toEqual([entry('a', 'D2')]);
    const oneSent = reconcile([entry('a', 'D1'), entry('a', 'D2'), entry('a', 'D3')], new Set(['D1', 'D3']));
    expect(oneSent.retry).toEqual([]);
    expect(oneSent.toRecord).toEqual([entry('a', 'D2')]);
    expect(oneSent.discard).toEqual([entry('a', 'D1'), entry('a', 'D3')]);
  });
});

describe('planBatch', () => {
  const queue = ['a', 'b', 'c', 'd', 'e'].map(recipient);

  it('sends retries first and stops at quota minus the flows reserve, pausing for quota', () => {
    const plan = planBatch(queue, reconcile([entry('d', 'D4')], new Set(['D4'])), 13, 10, 50);
    expect(
      plan.attempts.map((a) => (a.kind === 'sendDraft' ? `retry:${a.entry.clientId}` : a.recipient.clientId)),
    ).toEqual(['retry:d', 'a', 'b']);
    expect(plan.waitingAfter).toBe(2);
    expect(plan.pause).toEqual({ reason: 'quota', key: 'campaigns.pause.quota', params: { reserve: 10 } });
  });

  it('a time budget smaller than the quota means another run, not a pause', () => {
    const plan = planBatch(queue, reconcile([], new Set()), 100, 10, 2);
    expect(plan.attempts).toHaveLength(2);
    expect(plan.pause).toBeNull();
    expect(plan.waitingAfter).toBe(3);
  });

  it('with no quota left beyond the reserve, attempts nothing and pauses', () => {
    const plan = planBatch(queue, reconcile([], new Set()), 8, 10, 50);
    expect(plan.attempts).toEqual([]);
    expect(plan.pause?.reason).toBe('quota');
  });

  it('everything fits: no pause, nothing waiting; a retry whose recipient left the queue is an orphan', () => {
    const plan = planBatch(queue.slice(0, 2), reconcile([entry('z', 'D9')], new Set(['D9'])), 100, 10, 50);
    expect(plan.attempts).toHaveLength(2);
    expect(plan.orphanDrafts).toEqual([entry('z', 'D9')]);
    expect(plan).toMatchObject({ pause: null, waitingAfter: 0 });
  });
});

describe('failure breaker', () => {
  it('pauses after N failures in a row; a success resets the count', () => {
    const settings = { breakerFailures: 3 } as Parameters<typeof trackOutcome>[2];
    let state = { streak: 0, pause: null as ReturnType<typeof trackOutcome>['pause'] };
    const pauses: boolean[] = [];
    for (const outcome of ['failed', 'failed', 'sent', 'failed', 'failed', 'failed'] as const) {
      state = trackOutcome(state.streak, outcome, settings);
      pauses.push(state.pause !== null);
    }
    expect(pauses).toEqual([false, false, false, false, false, true]);
    expect(state.pause).toEqual({ reason: 'failures', key: 'campaigns.pause.failures', params: { count: 3 } });
  });

  it('reads the trailing streak from Sends by time', () => {
    const at = (day: number) => new Date(2026, 4, day);
    const sends: Send[] = [
      { campaignId: 'K-1', clientId: 'a', email: '', status: 'failed', reason: '', at: at(3) },
      { campaignId: 'K-1', clientId: 'b', email: '', status: 'sent', reason: '', at: at(2) },
      { campaignId: 'K-1', clientId: 'c', email: '', status: 'failed', reason: '', at: at(4) },
      { campaignId: 'K-1', clientId: 'd', email: '', status: 'failed', reason: '', at: at(1) },
      { campaignId: 'K-2', clientId: 'e', email: '', status: 'failed', reason: '', at: at(5) },
    ];
    expect(failureStreak('K-1', sends)).toBe(2);
  });
});

describe('campaign state', () => {
  const campaign: Campaign = {
    id: 'K-1',
    name: 'Spring',
    segmentId: 'S-1',
    template: 'sheet:spring',
    senderName: 'Studio',
    replyTo: '',
    scheduledAt: new Date(2026, 4, 1, 10),
    status: 'draft',
    cost: 100,
    createdAt: new Date(2026, 3, 1),
    note: '',
  };
  const statuses: CampaignStatus[] = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'];

  it('allows exactly the documented transitions', () => {
    const allowed = statuses.flatMap((from) =>
      statuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      'draft→scheduled',
      'draft→sending',
      'draft→cancelled',
      'scheduled→draft',
      'scheduled→sending',
      'scheduled→cancelled',
      'sending→paused',
      'sending→done',
      'sending→cancelled',
      'paused→sending',
      'paused→cancelled',
    ]);
  });

  it('refuses an illegal move with a message key and checks schedule and segment', () => {
    expect(transitionCampaign({ ...campaign, status: 'done' }, 'sending')).toEqual({
      ok: false,
      key: 'campaigns.transition.refused',
      params: { from: 'done', to: 'sending' },
    });
    expect(transitionCampaign({ ...campaign, scheduledAt: null }, 'scheduled')).toMatchObject({
      ok: false,
      key: 'campaigns.transition.noSchedule',
    });
    expect(transitionCampaign({ ...campaign, segmentId: ' ' }, 'sending')).toMatchObject({
      ok: false,
      key: 'campaigns.transition.noSegment',
    });
    const moved = transitionCampaign(campaign, 'scheduled');
    expect(moved.ok && moved.campaign.status).toBe('scheduled');
    expect(campaign.status).toBe('draft');
  });

  it('knows when a scheduled campaign is due, counts Sends and finishes when nothing is queued', () => {
    const scheduled = { ...campaign, status: 'scheduled' as const };
    expect(isDue(scheduled, new Date(2026, 4, 1, 9, 59))).toBe(false);
    expect(isDue(scheduled, new Date(2026, 4, 1, 10))).toBe(true);
    const row = (clientId: string, status: Send['status'], reason = ''): Send => ({
      campaignId: 'K-1',
      clientId,
      email: '',
      status,
      reason,
      at: null,
    });
    const sends = [
      row('a', 'sent'),
      row('b', 'skipped', 'noConsent'),
      row('c', 'skipped', 'noConsent'),
      row('d', 'skipped', 'weeklyCap'),
      row('e', 'failed'),
      row('f', 'queued'),
      { ...row('g', 'sent'), campaignId: 'K-2' },
    ];
    const counts = campaignCounts('K-1', sends);
    expect(counts).toEqual({
      recipients: 6,
      queued: 1,
      sent: 1,
      failed: 1,
      skipped: 3,
      skippedByReason: { noConsent: 2, weeklyCap: 1 },
    });
    expect(statusAfterRun({ ...campaign, status: 'sending' }, counts)).toBe('sending');
    expect(statusAfterRun({ ...campaign, status: 'sending' }, { ...counts, queued: 0 })).toBe('done');
  });
});
