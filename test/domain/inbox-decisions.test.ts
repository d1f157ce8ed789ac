// The inbox's decisions, by hand-made cases: which row a failure belongs to, when an address is suppressed,
// which campaigns bounce too much, what a new message is, when it needs a request, and staff's first answer.
import { describe, expect, it } from 'vitest';
import {
  bounceRates,
  campaignsOverBounceRate,
  sendOfFailure,
  shouldSuppress,
  softBounceStreak,
} from '../../src/domain/inbox/bounces';
import {
  decideIncoming,
  firstStaffAnswer,
  needsRequest,
  sendIndexesByThread,
  type InboxContext,
} from '../../src/domain/inbox/incoming';
import { firstWindow, inWindow, narrower, windowQuery } from '../../src/domain/inbox/window';
import type { ClientRequest, Send } from '../../src/domain/types';

const d = (iso: string) => new Date(iso);
const send = (fields: Partial<Send>): Send => ({
  campaignId: 'K-1',
  clientId: 'C-1',
  email: 'a@x.test',
  status: 'sent',
  reason: '',
  at: d('2026-11-01T10:00:00Z'),
  ...fields,
});
const soft = { address: 'a@x.test', kind: 'soft' as const, status: '4.4.7', diagnostic: '' };

describe('bounces', () => {
  it('puts a failure on the latest mail sent to the address before the notice', () => {
    const sends = [
      send({ campaignId: 'K-1', at: d('2026-11-01T10:00:00Z') }),
      send({ campaignId: 'K-2', at: d('2026-11-05T10:00:00Z') }),
      send({ campaignId: 'K-3', at: d('2026-11-09T10:00:00Z') }),
      send({ campaignId: 'K-4', email: 'other@x.test', at: d('2026-11-06T10:00:00Z') }),
    ];
    expect(sendOfFailure(sends, soft, d('2026-11-06T12:00:00Z'))).toBe(1);
    expect(sendOfFailure(sends, { ...soft, address: 'nobody@x.test' }, d('2026-11-10T00:00:00Z'))).toBe(-1);
  });

  it('counts soft bounces in a row from the newest mail and suppresses at the setting', () => {
    const sends = [
      send({ at: d('2026-11-01T10:00:00Z'), bounceStatus: '4.4.7' }),
      send({ at: d('2026-11-02T10:00:00Z') }),
      send({ at: d('2026-11-03T10:00:00Z'), bounceStatus: '4.2.2' }),
      send({ at: d('2026-11-04T10:00:00Z'), bounceStatus: '4.4.7' }),
    ];
    expect(softBounceStreak(sends, 'a@x.test')).toBe(2);
    expect(shouldSuppress(sends, soft, { softBouncesToSuppress: 3 })).toBe(false);
    expect(shouldSuppress(sends, soft, { softBouncesToSuppress: 2 })).toBe(true);
    expect(shouldSuppress([], { ...soft, kind: 'hard', status: '5.1.1' }, { softBouncesToSuppress: 3 })).toBe(true);
  });

  it('pauses a sending campaign over the rate only with enough mail sent', () => {
    const sends = [
      ...Array.from({ length: 18 }, (_, i) => send({ clientId: `C-${i}`, email: `${i}@x.test` })),
      send({ clientId: 'C-b1', bounceStatus: '5.1.1' }),
      send({ clientId: 'C-b2', bounceStatus: '4.4.7' }),
      send({ campaignId: 'flow:welcome', occasion: 'x', bounceStatus: '5.1.1' }),
    ];
    const rates = bounceRates(sends);
    expect(rates).toEqual([{ campaignId: 'K-1', sent: 20, bounced: 2, rate: 0.1 }]);
    const sending = new Set(['K-1']);
    expect(
      campaignsOverBounceRate(rates, sending, { bounceRateToPause: 0.08, bounceRateMinimumSent: 20 }),
    ).toHaveLength(1);
    expect(campaignsOverBounceRate(rates, sending, { bounceRateToPause: 0.1, bounceRateMinimumSent: 20 })).toHaveLength(
      0,
    );
    expect(
      campaignsOverBounceRate(rates, sending, { bounceRateToPause: 0.08, bounceRateMinimumSent: 21 }),
    ).toHaveLength(0);
    expect(
      campaignsOverBounceRate(rates, new Set(), { bounceRateToPause: 0.08, bounceRateMinimumSent: 20 }),
    ).toHaveLength(0);
  });
});

describe('incoming mail', () => {
  const sends = [send({ clientId: 'C-1', email: 'anna@x.test', threadId: 't-1' })];
  const context: InboxContext = {
    clientIdByEmail: new Map([
      ['anna@x.test', 'C-1'],
      ['bob@x.test', 'C-2'],
    ]),
    sendIndexesByThread: sendIndexesByThread(sends),
    sends,
    studioAddresses: new Set(['studio@x.test']),
    requestsFromAnyone: false,
    isNotice: (mail) => mail.from.includes('mailer-daemon'),
  };
  const mail = (from: string, threadId: string) => ({
    from,
    threadId,
    subject: 'Re: Offer',
    date: d('2026-11-02T10:00:00Z'),
  });

  it('tells a reply in a sent thread from the client, a client’s new mail, staff’s own, a notice and a stranger', () => {
    expect(decideIncoming(mail('Anna <Anna@x.test>', 't-1'), context)).toEqual({
      kind: 'reply',
      clientId: 'C-1',
      sendIndexes: [0],
    });
    expect(decideIncoming(mail('bob@x.test', 't-1'), context)).toEqual({ kind: 'request', clientId: 'C-2' });
    expect(decideIncoming(mail('bob@x.test', 't-9'), context)).toEqual({ kind: 'request', clientId: 'C-2' });
    expect(decideIncoming(mail('studio@x.test', 't-1'), context)).toEqual({ kind: 'ignore' });
    expect(decideIncoming(mail('mailer-daemon@g.test', 't-5'), context)).toEqual({ kind: 'notice' });
    expect(decideIncoming(mail('stranger@y.test', 't-7'), context)).toEqual({ kind: 'ignore' });
    expect(decideIncoming(mail('stranger@y.test', 't-7'), { ...context, requestsFromAnyone: true })).toEqual({
      kind: 'request',
      clientId: '',
    });
  });

  const request = (fields: Partial<ClientRequest>): ClientRequest => ({
    id: 'R-1',
    clientId: 'C-1',
    channel: 'email',
    receivedAt: d('2026-11-02T09:00:00Z'),
    answeredAt: null,
    summary: 'x',
    threadId: 't-1',
    ...fields,
  });

  it('makes no second request while one on the thread is open or was answered after the message', () => {
    const message = mail('anna@x.test', 't-1');
    expect(needsRequest([], message)).toBe(true);
    expect(needsRequest([request({})], message)).toBe(false);
    expect(needsRequest([request({ answeredAt: d('2026-11-02T11:00:00Z') })], message)).toBe(false);
    expect(needsRequest([request({ answeredAt: d('2026-11-02T09:30:00Z') })], message)).toBe(true);
    expect(needsRequest([request({ threadId: 't-2' })], message)).toBe(true);
  });

  it('takes the studio’s first message after the request as the answer', () => {
    const studio = new Set(['studio@x.test']);
    const messages = [
      { from: 'studio@x.test', date: d('2026-11-02T08:00:00Z') },
      { from: 'anna@x.test', date: d('2026-11-02T09:00:00Z') },
      { from: 'Studio <studio@x.test>', date: d('2026-11-02T10:47:00Z') },
      { from: 'studio@x.test', date: d('2026-11-02T12:00:00Z') },
    ];
    expect(firstStaffAnswer(request({}), messages, studio)?.toISOString()).toBe('2026-11-02T10:47:00.000Z');
    expect(firstStaffAnswer(request({}), messages.slice(0, 2), studio)).toBeNull();
  });
});

describe('the window a run reads', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  it('starts at the position, spans at most the setting, and halves down to a minute', () => {
    const window = firstWindow(Date.parse('2026-11-24T10:00:00.400Z'), now, 24);
    expect(window).toEqual({ after: Date.parse('2026-11-24T10:00:00Z'), until: now });
    expect(narrower(window)).toEqual({ after: window.after, until: Date.parse('2026-11-24T11:00:00Z') });
    expect(narrower({ after: 0, until: 60_000 })).toBeNull();
    // No position yet: a week back, one window of the setting's width at a time.
    expect(firstWindow(null, now, 2)).toEqual({
      after: now - 7 * 86_400_000,
      until: now - 7 * 86_400_000 + 2 * 3_600_000,
    });
    expect(firstWindow(now - 48 * 3_600_000, now, 24).until).toBe(now - 24 * 3_600_000);
  });

  it('asks Gmail a second wider on each side and keeps (after, until] itself', () => {
    const window = { after: 1_000_000_000_000, until: 1_000_000_060_000 };
    expect(windowQuery(window)).toBe('-from:me after:999999999 before:1000000061');
    expect(inWindow(window, new Date(window.after))).toBe(false);
    expect(inWindow(window, new Date(window.until))).toBe(true);
  });
});
