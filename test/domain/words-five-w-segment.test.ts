// A segment's 5W for the Dashboard, counted by hand over three members.
import { describe, expect, it } from 'vitest';
import { buildClientProfiles, segmentFiveW } from '../../src/domain/analysis';
import type { ClientRequest } from '../../src/domain/types';
import { client, day, order } from './analysis-fixtures';

const asOf = day('2026-11-24');
const clients = [
  client('a', { topic: 'art', source: 'Twitch' }),
  client('b', { topic: 'art', source: 'twitch ' }),
  client('c', { topic: 'gaming', source: 'Друзья' }),
  client('d', { topic: 'music', source: 'Реклама' }), // not a member
];
const orders = [
  { ...order('a', '2026-10-01', 100), product: 'emotes', notes: 'Для стрима' },
  { ...order('a', '2026-10-21', 100), product: 'badges', notes: 'для  стрима' },
  { ...order('b', '2026-11-04', 100), product: 'emotes', notes: 'подарок' },
  { ...order('c', '2026-06-01', 100), product: 'stickers' },
  { ...order('d', '2026-11-01', 100), product: 'overlays', notes: 'подарок' },
];
const request = (clientId: string, channel: ClientRequest['channel']): ClientRequest => ({
  id: `R-${clientId}`,
  clientId,
  channel,
  receivedAt: day('2026-11-01'),
  answeredAt: null,
  summary: '',
});

describe('segmentFiveW', () => {
  it('answers what, who, why, when and where for the members only', () => {
    const profiles = new Map(buildClientProfiles(clients, orders, asOf).map((p) => [p.client.id, p]));
    const five = segmentFiveW(['a', 'b', 'c'], profiles, orders, [
      request('a', 'discord'),
      request('b', 'discord'),
      request('d', 'email'),
    ]);
    expect(five).toEqual({
      clients: 3,
      // emotes twice (a, b), then badges and stickers once: alphabetical among equals.
      what: ['emotes', 'badges'],
      who: 'art', // a and b
      // "Для стрима" and "для  стрима" are one note (case, spaces); d's "подарок" does not count.
      why: 'Для стрима',
      when: {
        rhythmDays: 20, // only a has two orders: 1 → 21 Oct
        // Since last: a 21 Oct → 24 Nov = 34, b 4 Nov → 20, c 1 Jun → 176; median 34.
        daysSinceLast: 34,
      },
      // "Twitch" and "twitch " are one source, as first written; d's e-mail request is not a member's.
      where: { source: 'Twitch', channel: 'discord' },
    });
  });

  it('an empty segment has no answers', () => {
    expect(segmentFiveW([], new Map(), orders, [])).toEqual({
      clients: 0,
      what: [],
      who: null,
      why: null,
      when: { rhythmDays: null, daysSinceLast: null },
      where: { source: null, channel: null },
    });
  });
});
