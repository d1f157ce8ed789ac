// The 5W card for a hand-checked client, in one getClientCard call: every figure below is worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ClientCardView } from '../../src/contract/sidebar-api';
import { writeFixture } from '../support/sheet-fixtures';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';

describe('the 5W client card', () => {
  it('answers what, who, why, when and where for a client with three completed orders and a late next order', () => {
    const studio = loyaltyStudio({
      clients: [
        {
          ...client('C-0001', { source: 'рейд на Twitch', topic: 'art' }),
          tier: 'Silver',
          lifecycle: 'Постоянный',
          rfmSegment: 'Чемпионы (555)',
          nextOrderExpected: new Date('2026-11-10T00:00:00Z'),
        },
      ],
      orders: [
        {
          ...order('O-1', 'C-0001', 1000, 'completed', '2026-08-01T12:00:00Z', 'emotes'),
          notes: 'на день рождения канала',
        },
        order('O-2', 'C-0001', 1200, 'completed', '2026-09-01T12:00:00Z', 'emotes'),
        { ...order('O-3', 'C-0001', 800, 'completed', '2026-10-01T12:00:00Z', 'stickers'), notes: 'для сабов' },
        { ...order('O-4', 'C-0001', 500, 'cancelled', '2026-10-15T12:00:00Z', 'badges'), notes: '' },
      ],
    });
    writeFixture(studio.emu, 'requests', [
      {
        id: 'R-0001',
        clientId: 'C-0001',
        channel: 'Discord',
        receivedAt: new Date('2026-09-02T10:00:00Z'),
        summary: 'a',
      },
      {
        id: 'R-0002',
        clientId: 'C-0001',
        channel: 'Telegram',
        receivedAt: new Date('2026-09-03T10:00:00Z'),
        summary: 'b',
      },
      {
        id: 'R-0003',
        clientId: 'C-0001',
        channel: 'Discord',
        receivedAt: new Date('2026-10-02T10:00:00Z'),
        summary: 'c',
      },
    ]);
    studio.emu.rt.resetCounts();
    const card = studio.app.callFromClient('getClientCard', 'C-0001') as ClientCardView;
    expect(card.fiveW).toEqual({
      // emotes in two completed orders, stickers in one; the cancelled badges do not count.
      what: [
        { product: 'emotes', orders: 2, quantity: 2 },
        { product: 'stickers', orders: 1, quantity: 1 },
      ],
      // The Clients row as the refresh wrote it; the RFM code left out; the topic "art" in Russian.
      who: { stage: 'Постоянный', segment: 'Чемпионы', tier: 'Silver', topic: 'Творчество' },
      // Newest first.
      why: ['для сабов', 'на день рождения канала'],
      // Gaps 1 Aug → 1 Sep = 31 days, 1 Sep → 1 Oct = 30 days: 30.5, rounded to 31. Expected 10 Nov, today
      // 24 Nov: 14 days late, so no expected date is given.
      when: { orders: 3, rhythmDays: 31, lastOrder: '2026-10-01T12:00:00.000Z', nextExpected: null, overdueDays: 14 },
      // Discord twice, Telegram once.
      where: { source: 'рейд на Twitch', channels: ['discord', 'telegram'] },
    });
    // One execution (the card answers its loyalty, analysis and mail parts too), one read per sheet: clients,
    // orders, feedback, requests, Settings for the staff language, and the ledger's client-id column (empty
    // here, so no rows follow). This studio has no Segments, Sends or Campaigns tab to read.
    expect(studio.emu.rt.total('Range.getValues')).toBeLessThanOrEqual(6);
  });
});
