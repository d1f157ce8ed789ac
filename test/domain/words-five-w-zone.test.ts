// The client card's 5W "When" counts days on the studio's calendar (the spreadsheet's zone), not UTC's.
import { afterEach, describe, expect, it } from 'vitest';
import { useStudioZone } from '../../src/domain/cells';
import { fiveW } from '../../src/server/intake/client-card';
import type { Client, Order } from '../../src/domain/types';

const novosibirsk = () => 7 * 60; // UTC+7 all year
const utc = (iso: string) => new Date(iso);

const client: Client = {
  id: 'C-0001',
  name: 'Аня',
  email: 'a@example.com',
  twitch: '',
  topic: '',
  country: '',
  city: '',
  birthday: null,
  source: '',
  consentAt: null,
  consentVersion: '',
  unsubscribedAt: null,
  bouncedAt: null,
  createdAt: null,
  referralCode: '',
  referredBy: '',
  locale: 'ru',
  notes: '',
  extra: {},
};

function order(id: string, iso: string): Order {
  return {
    id,
    clientId: client.id,
    date: utc(iso),
    product: 'emotes',
    quantity: 1,
    amount: 1000,
    status: 'completed',
    completedAt: utc(iso),
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
  };
}

afterEach(() => useStudioZone(null));

describe('fiveW when, near midnight', () => {
  // 1 Nov 16:30Z is 23:30 on 1 Nov in Novosibirsk; 2 Nov 17:30Z is 00:30 on 3 Nov there.
  // UTC calendar: 1 Nov → 2 Nov = 1 day. Novosibirsk calendar: 1 Nov → 3 Nov = 2 days.
  const orders = [order('O-1', '2026-11-01T16:30:00Z'), order('O-2', '2026-11-02T17:30:00Z')];
  // Expected 30 Nov 16:30Z = 23:30 on 30 Nov there; now 30 Nov 17:30Z = 00:30 on 1 Dec there: a day late,
  // though on UTC's calendar both are 30 Nov (not late).
  const derived = { nextOrderExpected: utc('2026-11-30T16:30:00Z') };
  const now = utc('2026-11-30T17:30:00Z');
  const history = { orders, feedback: [], requests: [] };

  it("counts the rhythm and the delay in the studio's days (Asia/Novosibirsk)", () => {
    useStudioZone(novosibirsk);
    const when = fiveW(client, derived, history, 'ru', now).when;
    expect(when.rhythmDays).toBe(2);
    expect(when.overdueDays).toBe(1);
    expect(when.nextExpected).toBeNull();
  });

  it('in a UTC studio the same instants are 1 day apart and not yet late', () => {
    useStudioZone(() => 0);
    const when = fiveW(client, derived, history, 'ru', now).when;
    expect(when.rhythmDays).toBe(1);
    expect(when.overdueDays).toBeNull();
    expect(when.nextExpected).toBe('2026-11-30T16:30:00.000Z');
  });
});
