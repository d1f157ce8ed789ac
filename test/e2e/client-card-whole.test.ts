// The client card in one call: on a hand-made client, getClientCard answers in ONE execution what the
// card's four calls (card, insights, loyalty, mails) answered, reading each sheet once.
import { describe, expect, it } from 'vitest';
import type { ClientCardView } from '../../src/contract/sidebar-api';
import { writeFixture } from '../support/sheet-fixtures';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';

function handMadeStudio() {
  const studio = loyaltyStudio({
    clients: [client('C-0001', { name: 'Ира' }), client('C-0002')],
    orders: [
      order('O-1', 'C-0001', 1000, 'completed', '2026-09-01T12:00:00Z', 'emotes'),
      order('O-2', 'C-0001', 600, 'completed', '2026-10-01T12:00:00Z', 'stickers'),
      order('O-3', 'C-0002', 900, 'completed', '2026-10-05T12:00:00Z', 'emotes'),
    ],
  });
  writeFixture(studio.emu, 'loyalty', [
    {
      id: 'L-1',
      date: new Date('2026-09-01T12:00:00Z'),
      clientId: 'C-0001',
      kind: 'earn',
      points: 100,
      key: 'earn:O-1',
      orderId: 'O-1',
      reason: 'заказ',
      by: '',
    },
    {
      id: 'L-2',
      date: new Date('2026-10-01T12:00:00Z'),
      clientId: 'C-0001',
      kind: 'earn',
      points: 60,
      key: 'earn:O-2',
      orderId: 'O-2',
      reason: 'заказ',
      by: '',
    },
    {
      id: 'L-3',
      date: new Date('2026-10-05T12:00:00Z'),
      clientId: 'C-0002',
      kind: 'earn',
      points: 90,
      key: 'earn:O-3',
      orderId: 'O-3',
      reason: 'заказ',
      by: '',
    },
    {
      id: 'L-4',
      date: new Date('2026-10-10T12:00:00Z'),
      clientId: 'C-0001',
      kind: 'adjust',
      points: -30,
      key: 'adj:1',
      orderId: '',
      reason: 'ошибка',
      by: 'anna@studio.test',
    },
  ]);
  writeFixture(studio.emu, 'campaigns', [
    {
      id: 'CMP-1',
      name: 'Осень',
      segmentId: 'SEG-1',
      template: 'Привет',
      status: 'draft',
      createdAt: new Date('2026-10-19T10:00:00Z'),
    },
  ]);
  writeFixture(studio.emu, 'sends', [
    {
      campaignId: 'CMP-1',
      clientId: 'C-0001',
      email: 'c-0001@example.com',
      status: 'sent',
      at: new Date('2026-10-20T10:00:00Z'),
    },
    {
      campaignId: 'CMP-1',
      clientId: 'C-0002',
      email: 'c-0002@example.com',
      status: 'sent',
      at: new Date('2026-10-20T10:01:00Z'),
    },
  ]);
  return studio;
}

describe('the client card in one call', () => {
  it('answers in one execution what the four calls answered, each sheet read once', () => {
    const studio = handMadeStudio();
    let executions = 0;
    studio.emu.rt.onExecutionStart((_execution, outer) => {
      if (outer === null) executions += 1;
    });
    studio.emu.rt.resetCounts();
    const card = studio.app.callFromClient('getClientCard', 'C-0001') as ClientCardView;
    expect(executions).toBe(1);
    const reads = studio.emu.rt.total('Range.getValues');
    const wholeReads = studio.emu.rt.total('Sheet.getDataRange');

    // By hand: C-0001's ledger is +100 +60 −30 = 130 points; two orders, newest (O-2, 1 Oct) first; one mail.
    expect(card.loyalty).toMatchObject({ ok: true, value: { clientId: 'C-0001', balance: 130 } });
    expect(card.orders.map((entry) => entry.id)).toEqual(['O-2', 'O-1']);
    expect(card.mails).toEqual({
      ok: true,
      value: [
        {
          campaignId: 'CMP-1',
          kind: 'campaign',
          name: 'Осень',
          status: 'sent',
          reason: '',
          at: '2026-10-20T10:00:00.000Z',
        },
      ],
    });

    // The parts equal what their own calls answer (each its own execution, as the card asked before).
    const insights = studio.app.callFromClient('getClientInsights', 'C-0001');
    const loyalty = studio.app.callFromClient('getLoyaltyCard', 'C-0001');
    const mails = studio.app.callFromClient('getClientMails', 'C-0001');
    expect(card.insights).toEqual({ ok: true, value: insights });
    expect(card.loyalty).toEqual({ ok: true, value: loyalty });
    expect(card.mails).toEqual({ ok: true, value: mails });
    expect(executions).toBe(4);

    // Each sheet read once. Whole: Settings, Clients, Orders, Feedback, Campaigns (5; this studio has no
    // Requests or Segments tab). By client id only: the ledger (header, then a search of the client-id column
    // proposing C-0001's rows L-1, L-2 (sheet rows 2–3, one read) and L-4 (row 5) = 3) and Sends (header,
    // column, one row = 3). 5 + 3 + 3 = 11.
    expect(wholeReads).toBe(5);
    expect(reads).toBe(11);
  });
});
