import { describe, expect, it } from 'vitest';
import { decideRecipients, isValidEmail, WeeklyLoad } from '../../src/domain/campaigns/exclusions';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../src/domain/campaigns/settings';
import type { Client, Send } from '../../src/domain/types';

const now = new Date(2026, 4, 20, 12, 0);
function client(id: string, overrides: Partial<Client> = {}): Client {
  return {
    id,
    name: `Client ${id}`,
    email: `${id.toLowerCase()}@example.com`,
    twitch: '',
    topic: '',
    country: '',
    city: '',
    birthday: null,
    source: '',
    consentAt: new Date(2026, 0, 1),
    consentVersion: 'v1',
    unsubscribedAt: null,
    bouncedAt: null,
    createdAt: new Date(2026, 0, 1),
    referralCode: '',
    referredBy: '',
    locale: 'en',
    notes: '',
    extra: {},
    ...overrides,
  };
}
function send(
  campaignId: string,
  clientId: string,
  status: Send['status'],
  at: Date | null,
  overrides: Partial<Send> = {},
): Send {
  return { campaignId, clientId, email: `${clientId.toLowerCase()}@example.com`, status, reason: '', at, ...overrides };
}
const context = { now, pendingUnsubscribes: new Set<string>() };

describe('decideRecipients', () => {
  it('gives every member one decision, each skip with its reason key, in client-id order', () => {
    const members = [
      client('C-9'),
      client('C-2', { email: 'not an email' }),
      client('C-3', { consentAt: null }),
      client('C-4', { unsubscribedAt: new Date(2026, 3, 1) }),
      client('C-5'), // pending unsubscribe
      client('C-6', { bouncedAt: new Date(2026, 2, 1) }),
      client('C-7'), // already in the campaign
      client('C-8', { email: 'c-1@example.com' }), // same address as C-1
      client('C-1'),
      client('C-10'), // a bounce in the Sends history
    ];
    const sends = [
      send('K-1', 'C-7', 'skipped', new Date(2026, 4, 19)),
      send('K-0', 'C-10', 'failed', new Date(2026, 1, 1), { reason: 'bounce: mailbox not found' }),
    ];
    const decisions = decideRecipients({ id: 'K-1' }, members, sends, {
      ...context,
      pendingUnsubscribes: new Set(['c-5@example.com']),
    });
    expect(decisions.map((d) => [d.clientId, d.action === 'skip' ? d.reason : 'send'])).toEqual([
      ['C-1', 'send'],
      ['C-10', 'bounced'],
      ['C-2', 'invalidEmail'],
      ['C-3', 'noConsent'],
      ['C-4', 'unsubscribed'],
      ['C-5', 'unsubscribed'],
      ['C-6', 'bounced'],
      ['C-7', 'alreadySent'],
      ['C-8', 'duplicateEmail'],
      ['C-9', 'send'],
    ]);
    const skip = decisions.find((d) => d.clientId === 'C-3');
    expect(skip?.action === 'skip' && skip.key).toBe('campaigns.skip.noConsent');
    // Same input in another order: same decisions.
    expect(
      decideRecipients({ id: 'K-1' }, [...members].reverse(), sends, {
        ...context,
        pendingUnsubscribes: new Set(['c-5@example.com']),
      }),
    ).toEqual(decisions);
  });

  it('lets a failed row of this campaign be tried again, and a re-consent after unsubscribing count', () => {
    const decisions = decideRecipients(
      { id: 'K-1' },
      [client('C-1'), client('C-2', { unsubscribedAt: new Date(2026, 0, 5), consentAt: new Date(2026, 1, 1) })],
      [send('K-1', 'C-1', 'failed', new Date(2026, 4, 19), { reason: 'timeout' })],
      context,
    );
    expect(decisions.map((d) => d.action)).toEqual(['send', 'send']);
  });

  it('caps marketing mails over the rolling week: a mail exactly 7 days old no longer counts', () => {
    const weekAgo = new Date(2026, 4, 13, 12, 0);
    const justInside = new Date(2026, 4, 13, 12, 1);
    const history = (first: Date) => [
      send('K-0', 'C-1', 'sent', first),
      send('flow:winback', 'C-1', 'sent', new Date(2026, 4, 18)),
    ];
    const decide = (first: Date) => decideRecipients({ id: 'K-1' }, [client('C-1')], history(first), context)[0];
    expect(decide(justInside)).toMatchObject({ action: 'skip', reason: 'weeklyCap', params: { cap: 2 } });
    expect(decide(weekAgo)).toMatchObject({ action: 'send' });
  });

  it('counts campaigns and marketing flows, not service flows, skips or failures', () => {
    const sends = [
      send('K-0', 'C-1', 'sent', new Date(2026, 4, 19)),
      send('flow:feedback', 'C-1', 'sent', new Date(2026, 4, 19)),
      send('flow:welcome', 'C-1', 'sent', new Date(2026, 4, 19)),
      send('K-2', 'C-1', 'skipped', new Date(2026, 4, 19)),
      send('K-3', 'C-1', 'failed', new Date(2026, 4, 19)),
      send('flow:birthday', 'C-1', 'queued', new Date(2026, 4, 19)),
    ];
    const load = new WeeklyLoad(sends, now);
    expect(load.count('C-1', 'c-1@example.com')).toBe(2);
    expect(
      decideRecipients({ id: 'K-1' }, [client('C-1')], sends, {
        ...context,
        settings: { ...DEFAULT_CAMPAIGN_SETTINGS, weeklyCap: 3 },
      })[0]?.action,
    ).toBe('send');
  });

  it('counts mail to the same address under another client id', () => {
    const sends = [send('K-0', 'C-OLD', 'sent', new Date(2026, 4, 19), { email: 'c-1@example.com' })];
    const decisions = decideRecipients({ id: 'K-1' }, [client('C-1')], sends, {
      ...context,
      settings: { ...DEFAULT_CAMPAIGN_SETTINGS, weeklyCap: 1 },
    });
    expect(decisions[0]).toMatchObject({ action: 'skip', reason: 'weeklyCap' });
  });
});

describe('isValidEmail', () => {
  it.each([
    ['anna@example.com', true],
    ['anna.smith+emotes@studio.co.uk', true],
    ['иван@почта.рф', true],
    ['', false],
    ['anna', false],
    ['anna@', false],
    ['@example.com', false],
    ['anna@example', false],
    ['an na@example.com', false],
    ['anna@@example.com', false],
    ['anna..smith@example.com', false],
    ['anna@-example.com', false],
    ['Anna@Example.com', true],
    ['Anna <anna@example.com>', false],
  ])('%s → %s', (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
  });
});
