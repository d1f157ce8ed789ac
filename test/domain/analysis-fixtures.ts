// Small builders for analysis tests: a client or order with only the fields a test cares about.
import type { Client, ClientRequest, Feedback, Order } from '../../src/domain/types';

/** Local midnight of `YYYY-MM-DD` (the calendar analysis counts on). */
export function day(text: string): Date {
  const [year, month, dayOfMonth] = text.split('-').map(Number);
  return new Date(year!, month! - 1, dayOfMonth);
}

export function client(id: string, fields: Partial<Client> = {}): Client {
  return {
    id,
    name: `Client ${id}`,
    email: `${id}@example.com`,
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
    locale: '',
    notes: '',
    extra: {},
    ...fields,
  };
}

let orderSequence = 0;
export function order(clientId: string, date: string, amount: number, fields: Partial<Order> = {}): Order {
  orderSequence += 1;
  return {
    id: `O-${orderSequence}`,
    clientId,
    date: day(date),
    product: 'emotes',
    quantity: 1,
    amount,
    status: 'completed',
    completedAt: null,
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
    ...fields,
  };
}

export function feedback(date: string, nps: number | null, rating: number | null = null): Feedback {
  return {
    id: `F-${date}-${nps}-${rating}`,
    date: day(date),
    clientId: 'c',
    orderId: '',
    rating,
    nps,
    comment: '',
    mayQuote: false,
    responseId: '',
  };
}

export function request(receivedAt: Date, answeredAt: Date | null): ClientRequest {
  return { id: `R-${receivedAt.getTime()}`, clientId: 'c', channel: 'email', receivedAt, answeredAt, summary: '' };
}

/** Deterministic pseudo-random numbers for property checks: the demo studio's generator. */
export { seededRandom } from '../../local/playground/demo-studio';
