import { describe, expect, it } from 'vitest';
import { dueFlowMails, isQuietHour, type FlowFacts, type FlowMail } from '../../src/domain/campaigns/flows';
import {
  DEFAULT_CAMPAIGN_SETTINGS,
  DEFAULT_FLOW_SETTINGS,
  FLOW_NAMES,
  flowCampaignId,
  type FlowSettings,
} from '../../src/domain/campaigns/settings';
import type { Client, Order, Send } from '../../src/domain/types';

/** Every flow switched on by a hand-written Settings row (no switch-on time): the flows' own rules alone. */
const ALL_ON: FlowSettings = {
  ...DEFAULT_FLOW_SETTINGS,
  ...Object.fromEntries(FLOW_NAMES.map((flow) => [flow, { ...DEFAULT_FLOW_SETTINGS[flow], enabled: true }])),
};

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
    consentAt: new Date(2025, 0, 1),
    consentVersion: 'v1',
    unsubscribedAt: null,
    bouncedAt: null,
    createdAt: new Date(2025, 0, 1),
    referralCode: '',
    referredBy: '',
    locale: 'en',
    notes: '',
    extra: {},
    ...overrides,
  };
}
function order(id: string, clientId: string, date: Date, overrides: Partial<Order> = {}): Order {
  return {
    id,
    clientId,
    date,
    product: 'emotes',
    quantity: 1,
    amount: 50,
    status: 'completed',
    completedAt: date,
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
    ...overrides,
  };
}
const baseFacts: FlowFacts = { localHour: 10, pendingUnsubscribes: new Set() };
const day = (month: number, date: number, hour = 10) => new Date(2026, month - 1, date, hour);

/** Runs the flows once a day at 10:00 from `from` for `days` days, writing each mail to Sends as the engine would. */
function simulate(
  clients: Client[],
  orders: Order[],
  facts: Omit<FlowFacts, 'localHour'>,
  settings: FlowSettings,
  from: Date,
  days: number,
  sends: Send[] = [],
) {
  const log: { date: string; mail: FlowMail }[] = [];
  for (let i = 0; i < days; i++) {
    const now = new Date(from.getFullYear(), from.getMonth(), from.getDate() + i, 10);
    for (const mail of dueFlowMails(now, clients, orders, { ...facts, localHour: 10 }, settings, sends)) {
      log.push({ date: `${now.getMonth() + 1}-${now.getDate()}`, mail });
      sends.push({
        campaignId: flowCampaignId(mail.flow),
        clientId: mail.clientId,
        email: '',
        status: 'sent',
        reason: '',
        occasion: mail.occasion,
        at: now,
      });
    }
  }
  return log;
}

describe('flows on a simulated calendar', () => {
  it('sends welcome, feedback, birthday, win-back, points and tier mails once per occasion on the right day', () => {
    const clients = [
      client('NEW', { createdAt: day(3, 2, 15) }),
      client('BDAY', { birthday: new Date(1999, 2, 20) }),
      client('REG'),
      client('BUYER'),
      client('PTS'),
      client('GOLD'),
    ];
    const orders = [
      order('O-1', 'BUYER', day(3, 1), { completedAt: day(3, 4, 18) }),
      order('O-2', 'BUYER', day(3, 2), { status: 'in_progress', completedAt: null }),
      // A regular every ~10 days: median gap 10 → max(10, 14) × 1.5 = 21 days after the last order (Feb 20 → Mar 13).
      order('R-1', 'REG', day(1, 21)),
      order('R-2', 'REG', day(1, 31)),
      order('R-3', 'REG', day(2, 10)),
      order('R-4', 'REG', day(2, 20)),
    ];
    const facts = {
      pendingUnsubscribes: new Set<string>(),
      pointsExpiring: [{ clientId: 'PTS', points: 300, expiresAt: day(3, 25, 0) }],
      tiersReached: [{ clientId: 'GOLD', tier: 'gold', reachedAt: day(3, 5) }],
      feedbackLink: (c: Client, o: Order) => `https://forms.example/f?client=${c.id}&order=${o.id}`,
    };
    const log = simulate(clients, orders, facts, ALL_ON, day(3, 1), 45);
    expect(log.map(({ date, mail }) => `${date} ${mail.flow} ${mail.clientId} ${mail.occasion}`)).toEqual([
      '3-1 feedback REG order:R-4', // completed 2-20 + 3 days, still inside the 14 late days on the first run
      '3-2 welcome NEW welcome',
      '3-5 tierReached GOLD tier:gold',
      '3-7 feedback BUYER order:O-1', // completed 3-4 + 3 days
      '3-11 pointsExpiry PTS points:2026-03-25', // 14 days before
      '3-13 winback REG winback:R-4',
      '3-20 birthday BDAY birthday:2026',
    ]);
    const feedback = log.find(({ mail }) => mail.occasion === 'order:O-1')?.mail;
    expect(feedback?.fields).toEqual({
      feedback_link: 'https://forms.example/f?client=BUYER&order=O-1',
      last_order: 'emotes',
    });
    expect(feedback?.template).toBe('feedback');
  });

  it('sends nothing in quiet hours and catches up in the morning', () => {
    const clients = [client('NEW', { createdAt: day(3, 2, 20) })];
    expect(dueFlowMails(day(3, 2, 21), clients, [], { ...baseFacts, localHour: 21 }, ALL_ON, [])).toEqual([]);
    expect(dueFlowMails(day(3, 3, 8), clients, [], { ...baseFacts, localHour: 8 }, ALL_ON, [])).toEqual([]);
    expect(dueFlowMails(day(3, 3, 9), clients, [], { ...baseFacts, localHour: 9 }, ALL_ON, [])).toHaveLength(1);
    expect([20, 21, 23, 0, 8, 9].map((hour) => isQuietHour(hour))).toEqual([false, true, true, true, true, false]);
    expect(isQuietHour(13, { ...DEFAULT_CAMPAIGN_SETTINGS, quietFromHour: 12, quietUntilHour: 14 })).toBe(true);
  });

  it('never repeats an occasion, but a new order means a new feedback and a new win-back occasion', () => {
    const orders = [order('R-1', 'REG', day(1, 1)), order('R-2', 'REG', day(1, 11)), order('R-3', 'REG', day(1, 21))];
    const sends: Send[] = [];
    const settings = { ...ALL_ON, feedback: { ...ALL_ON.feedback, enabled: false } };
    const first = simulate([client('REG')], orders, baseFacts, settings, day(2, 1), 40, sends);
    expect(first.map(({ mail }) => mail.occasion)).toEqual(['winback:R-3']); // Jan 21 + 21 = Feb 11
    orders.push(order('R-4', 'REG', day(3, 20)));
    const later = simulate([client('REG')], orders, baseFacts, settings, day(3, 21), 40, sends);
    // Gaps 10, 10, 58 → median 10, floored to 14, × 1.5 = 21 days after Mar 20.
    expect(later.map(({ date, mail }) => `${date} ${mail.occasion}`)).toEqual(['4-10 winback:R-4']);
  });

  it('a birthday in a year already mailed is skipped, and a 29 February birthday falls on 28 February', () => {
    const clients = [client('LEAP', { birthday: new Date(2000, 1, 29) })];
    const sends: Send[] = [
      {
        campaignId: 'flow:birthday',
        clientId: 'LEAP',
        email: '',
        status: 'sent',
        reason: 'birthday:2025',
        at: new Date(2025, 1, 28),
      },
    ];
    const log = simulate(clients, [], baseFacts, ALL_ON, day(2, 20), 20, sends);
    expect(log.map(({ date, mail }) => `${date} ${mail.occasion}`)).toEqual(['2-28 birthday:2026']);
  });

  it('win-back also fires when churn risk reaches the threshold', () => {
    const facts: FlowFacts = {
      ...baseFacts,
      clients: new Map([
        ['ONE', { churnRisk: 0.75 }],
        ['LOW', { churnRisk: 0.5 }],
      ]),
    };
    const orders = [order('A-1', 'ONE', day(1, 5)), order('B-1', 'LOW', day(1, 5))];
    const mails = dueFlowMails(day(3, 1), [client('ONE'), client('LOW')], orders, facts, ALL_ON, []);
    expect(mails.map((mail) => `${mail.clientId} ${mail.occasion}`)).toEqual(['ONE winback:A-1']);
  });

  it('respects switches, consent, unsubscribes (pending too), the weekly cap and one mail per client per run', () => {
    const bday = new Date(1990, 2, 1);
    const clients = [
      client('A', { birthday: bday }),
      client('B', { birthday: bday, consentAt: null }),
      client('C', { birthday: bday }),
      client('D', { birthday: bday }),
      client('E', { birthday: bday, createdAt: day(3, 1) }),
    ];
    const sends: Send[] = [
      { campaignId: 'K-1', clientId: 'D', email: 'd@example.com', status: 'sent', reason: '', at: day(2, 27) },
      { campaignId: 'K-2', clientId: 'D', email: 'd@example.com', status: 'sent', reason: '', at: day(2, 28) },
    ];
    const facts = { ...baseFacts, pendingUnsubscribes: new Set(['c@example.com']) };
    const mails = dueFlowMails(day(3, 1), clients, [], facts, ALL_ON, sends);
    expect(mails.map((mail) => `${mail.clientId} ${mail.flow}`)).toEqual(['E welcome', 'A birthday']);
    const off = { ...ALL_ON, birthday: { ...ALL_ON.birthday, enabled: false } };
    expect(dueFlowMails(day(3, 1), clients, [], facts, off, sends).map((mail) => mail.flow)).toEqual(['welcome']);
    // E's birthday comes the next day, since welcome took today's slot.
    const next = dueFlowMails(day(3, 2), clients, [], facts, ALL_ON, [
      ...sends,
      { campaignId: 'flow:welcome', clientId: 'E', email: '', status: 'sent', reason: 'welcome', at: day(3, 1) },
      { campaignId: 'flow:birthday', clientId: 'A', email: '', status: 'sent', reason: 'birthday:2026', at: day(3, 1) },
    ]);
    expect(next.map((mail) => `${mail.clientId} ${mail.occasion}`)).toEqual(['E birthday:2026']);
  });

  it('drops a mail that is too late (a flow switched on long after the occasion)', () => {
    const clients = [client('OLD', { createdAt: day(1, 1) })];
    expect(dueFlowMails(day(3, 1), clients, [], baseFacts, ALL_ON, [])).toEqual([]);
  });
});
