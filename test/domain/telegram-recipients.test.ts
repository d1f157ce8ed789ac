// Who gets a campaign or flow message when Telegram may carry it: mail's rules (address, consent, bounce)
// judge mail, Telegram's (linked consent, unsubscribe) judge Telegram alone; caps and unsubscribe hold for both.
import { describe, expect, it } from 'vitest';
import {
  decideRecipients,
  reachOf,
  recipientBlock,
  RecentKinds,
  telegramBlock,
  WeeklyLoad,
} from '../../src/domain/campaigns/exclusions';
import { dueFlowMails } from '../../src/domain/campaigns/flows';
import { DEFAULT_FLOW_SETTINGS, flowCampaignId, type FlowSettings } from '../../src/domain/campaigns/settings';
import type { Channel } from '../../src/domain/telegram/channel';
import type { Client, ClientId, Send } from '../../src/domain/types';

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

function sent(campaignId: string, clientId: string, email: string, at: Date): Send {
  return { campaignId, clientId, email, status: 'sent', reason: '', at };
}

const none = new Set<string>();
const decisionsOf = (members: Client[], channels: Map<ClientId, Channel>, sends: Send[] = []) =>
  Object.fromEntries(
    decideRecipients({ id: 'K-1' }, members, sends, { now, pendingUnsubscribes: none, channels }).map((d) => [
      d.clientId,
      d.action === 'send' ? 'send' : d.reason,
    ]),
  );

describe('recipientBlock', () => {
  const noAddress = client('C-1', { email: '' });
  const noConsent = client('C-2', { consentAt: null });
  const bounced = client('C-3', { bouncedAt: new Date(2026, 2, 1) });
  const unsubscribed = client('C-4', { unsubscribedAt: new Date(2026, 3, 1) });

  it('mail judges mail: address, bounce and consent block it', () => {
    expect(recipientBlock(noAddress, 'mail', none)).toBe('invalidEmail');
    expect(recipientBlock(noConsent, 'mail', none)).toBe('noConsent');
    expect(recipientBlock(bounced, 'mail', none)).toBe('bounced');
  });

  it('Telegram alone needs no address, no mail consent and no unbounced address; an unsubscribe still blocks', () => {
    for (const reachable of [noAddress, noConsent, bounced])
      expect(recipientBlock(reachable, 'telegram', none)).toBe(null);
    expect(recipientBlock(unsubscribed, 'telegram', none)).toBe('unsubscribed');
    // Signed up again after the unsubscribe: subscribed, as for mail.
    expect(telegramBlock(client('C-5', { unsubscribedAt: new Date(2025, 11, 1) }), none)).toBe(null);
    // A pending click by address blocks; a client with no address is checked by id at the send.
    expect(telegramBlock(client('C-6'), new Set(['c-6@example.com']))).toBe('unsubscribed');
    expect(telegramBlock(noAddress, new Set(['']))).toBe(null);
  });

  it('both: mail rules while mail may reach the client, else Telegram alone', () => {
    expect(reachOf('both', null)).toBe('both');
    expect(reachOf('both', 'noConsent')).toBe('telegram');
    expect(reachOf('mail', 'noConsent')).toBe('mail');
    expect(recipientBlock(noConsent, 'both', none)).toBe(null);
    expect(recipientBlock(unsubscribed, 'both', none)).toBe('unsubscribed');
  });
});

describe('decideRecipients with channels', () => {
  it('a Telegram-only client with no address or no mail consent is a recipient; the same client on mail is not', () => {
    const members = [
      client('C-1', { email: '' }),
      client('C-2', { consentAt: null }),
      client('C-3', { consentAt: null }), // both: Telegram alone
      client('C-4', { consentAt: null }), // mail: no consent
      client('C-5', { email: 'not an email' }), // Telegram, no bot link: mail, invalid
    ];
    const channels = new Map<ClientId, Channel>([
      ['C-1', 'telegram'],
      ['C-2', 'telegram'],
      ['C-3', 'both'],
      ['C-4', 'mail'],
    ]);
    expect(decisionsOf(members, channels)).toEqual({
      'C-1': 'send',
      'C-2': 'send',
      'C-3': 'send',
      'C-4': 'noConsent',
      'C-5': 'invalidEmail',
    });
  });

  it('Telegram alone neither claims an address nor is blocked by one; clients without one are not duplicates', () => {
    const members = [
      client('C-1', { email: 'shared@example.com' }),
      client('C-2', { email: 'shared@example.com' }), // Telegram alone: the address carries nothing
      client('C-3', { email: 'shared@example.com' }), // mail: the address is C-1's already
      client('C-4', { email: '' }),
      client('C-5', { email: '' }),
    ];
    const channels = new Map<ClientId, Channel>([
      ['C-2', 'telegram'],
      ['C-4', 'telegram'],
      ['C-5', 'telegram'],
    ]);
    expect(decisionsOf(members, channels)).toEqual({
      'C-1': 'send',
      'C-2': 'send',
      'C-3': 'duplicateEmail',
      'C-4': 'send',
      'C-5': 'send',
    });
  });

  it('the weekly cap (2) counts by client for Telegram alone; blank addresses share no count', () => {
    const dayAgo = new Date(2026, 4, 19, 12, 0);
    const sends = [
      // C-1 (no address) had two Telegram messages this week: capped.
      sent('K-8', 'C-1', '', dayAgo),
      sent('K-9', 'C-1', '', dayAgo),
      // C-3 had one: under the cap.
      sent('K-9', 'C-3', '', dayAgo),
    ];
    const channels = new Map<ClientId, Channel>([
      ['C-1', 'telegram'],
      ['C-2', 'telegram'],
      ['C-3', 'telegram'],
    ]);
    const members = [client('C-1', { email: '' }), client('C-2', { email: '' }), client('C-3', { email: '' })];
    // Were blank addresses one key, C-2 and C-3 would count C-1's 2 + C-3's 1 = 3 and be capped too.
    expect(decisionsOf(members, channels, sends)).toEqual({ 'C-1': 'weeklyCap', 'C-2': 'send', 'C-3': 'send' });
    const load = new WeeklyLoad(sends, now);
    load.addPlanned('C-2', '');
    expect([load.count('C-1', ''), load.count('C-2', ''), load.count('C-3', ''), load.count('C-4', '')]).toEqual([
      2, 1, 1, 0,
    ]);
  });

  it('already in this campaign by client id, whichever channel', () => {
    const sends = [sent('K-1', 'C-1', '', new Date(2026, 4, 20, 11, 0))];
    const channels = new Map<ClientId, Channel>([['C-1', 'telegram']]);
    expect(decisionsOf([client('C-1', { email: '' })], channels, sends)).toEqual({ 'C-1': 'alreadySent' });
  });

  it('one mail of a kind a week: a blank address does not pass a kind to another client', () => {
    const recent = new RecentKinds(
      [sent(flowCampaignId('winback'), 'C-1', '', new Date(2026, 4, 19))],
      now,
      () => 'winback',
    );
    expect(recent.has('C-1', '', 'winback')).toBe(true);
    expect(recent.has('C-2', '', 'winback')).toBe(false);
  });
});

describe('dueFlowMails with channels', () => {
  const welcomeOn: FlowSettings = {
    ...DEFAULT_FLOW_SETTINGS,
    welcome: { ...DEFAULT_FLOW_SETTINGS.welcome, enabled: true },
  };
  const registered = { createdAt: new Date(2026, 4, 20, 9, 0) };

  it('welcomes a Telegram-only client with no address or no mail consent; on mail they are left out', () => {
    const clients = [
      client('C-1', { ...registered, email: '' }),
      client('C-2', { ...registered, consentAt: null }),
      client('C-3', { ...registered, consentAt: null }),
      client('C-4', { ...registered, unsubscribedAt: new Date(2026, 4, 20, 10, 0) }),
    ];
    const channels = new Map<ClientId, Channel>([
      ['C-1', 'telegram'],
      ['C-2', 'both'],
      ['C-4', 'telegram'],
    ]);
    const facts = { localHour: 12, pendingUnsubscribes: none, channels };
    const due = dueFlowMails(now, clients, [], facts, welcomeOn, []);
    // C-3 is on mail without consent; C-4 unsubscribed (after consenting): neither is welcomed.
    expect(due.map((mail) => `${mail.clientId} ${mail.flow}`)).toEqual(['C-1 welcome', 'C-2 welcome']);
  });
});
