// The client card from what the nightly run kept (src/server/intake/client-card-store.ts): after the night
// the card reads the client's Clients row, their kept row and the sheets' new rows only (no sheet whole but
// Settings), and a points adjustment, an order and a mail made after the night still show at once. Each
// figure is worked out by hand; each part is also checked against the part's own call, which reads the
// sheets whole.
import { describe, expect, it } from 'vitest';
import type { ClientCardView } from '../../src/contract/sidebar-api';
import { writeFixture, writeSheet } from '../support/sheet-fixtures';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';

const MINUTE = 60_000;

function handMadeStudio() {
  // Tue 24 Nov 2026 09:00 UTC. Amounts stay under Silver's 300, so every point is 1 per rouble (Bronze ×1).
  const studio = loyaltyStudio({
    clients: [client('C-0001', { name: 'Ира' }), client('C-0002')],
    orders: [
      order('O-1', 'C-0001', 100, 'completed', '2026-09-01T12:00:00Z', 'emotes'),
      order('O-2', 'C-0001', 60, 'completed', '2026-10-01T12:00:00Z', 'stickers'),
      order('O-3', 'C-0002', 90, 'completed', '2026-10-05T12:00:00Z', 'emotes'),
    ],
  });
  // The sheets the other nightly steps read, as setup leaves them.
  writeSheet(studio.emu, 'Обращения', [['ID обращения', 'ID клиента', 'Канал', 'Получено', 'Отвечено', 'Суть']]);
  writeSheet(studio.emu, 'Сегменты', [['ID сегмента', 'Название', 'Правила', 'Описание', 'Клиентов', 'Обновлён']]);
  writeSheet(studio.emu, 'Проблемы', [['Когда', 'Лист', 'Строка', 'Столбец', 'Значение', 'Что не так', 'Источник']]);
  writeFixture(studio.emu, 'campaigns', [
    {
      id: 'CMP-1',
      name: 'Осень',
      segmentId: 'SEG-1',
      template: 'Привет',
      status: 'done',
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

type Studio = ReturnType<typeof handMadeStudio>;

function runTheNight(studio: Studio): void {
  studio.app.run('runNightly', [], { kind: 'trigger' });
  studio.emu.advance(10 * MINUTE); // each later step is a one-off trigger a minute after the last
  expect(studio.emu.triggerRuns.filter((run) => run.error)).toEqual([]);
}

/** The card, and how it read: getValues calls, cells they read, and whole-sheet reads. */
function cardOf(studio: Studio, clientId: string) {
  studio.emu.rt.resetCounts();
  const card = studio.app.callFromClient('getClientCard', clientId) as ClientCardView;
  return {
    card,
    reads: studio.emu.rt.total('Range.getValues'),
    cells: studio.emu.rt.cellCounts.get('Range.getValues') ?? 0,
    wholeReads: studio.emu.rt.total('Sheet.getDataRange'),
  };
}

/** The parts as their own calls answer them: each reads Clients, Orders and the rest whole. */
function partsFromTheSheets(studio: Studio, clientId: string) {
  return {
    insights: studio.app.callFromClient('getClientInsights', clientId),
    loyalty: studio.app.callFromClient('getLoyaltyCard', clientId),
    mails: studio.app.callFromClient('getClientMails', clientId),
  };
}

describe('the client card from the figures the nightly run kept', () => {
  it('after the night reads no sheet whole, and shows a change made after the night', () => {
    const studio = handMadeStudio();
    runTheNight(studio);
    const keptTab = studio.emu.spreadsheet.sheetNames().find((name) => name === 'Карточки клиентов');
    expect(keptTab).toBeDefined();
    expect(studio.emu.spreadsheet.hidden('Карточки клиентов')).toBe(true);
    // One row per client at the row its id names (C-<n> on row n + 1): header, C-0001, C-0002.
    expect(studio.emu.spreadsheet.values('Карточки клиентов').map((row) => row[0])).toEqual([
      'ID клиента',
      'C-0001',
      'C-0002',
    ]);
    // No grid beyond them (Google counts grid cells): 3 rows × 2 columns (id, one cell of figures).
    expect(studio.emu.spreadsheet.size('Карточки клиентов')).toMatchObject({ maxRows: 3, maxColumns: 2 });

    const night = cardOf(studio, 'C-0001');
    // Whole: Settings only. getValues: Settings, the kept row, Clients' header and C-0001's row = 4.
    expect(night.wholeReads).toBe(1);
    expect(night.reads).toBe(4);
    // By hand: the nightly run earned 100 (O-1) + 60 (O-2) = 160 points, Bronze (160 < Silver's 300).
    expect(night.card.loyalty).toMatchObject({
      ok: true,
      value: { clientId: 'C-0001', balance: 160, tier: 'Bronze', expiringSoon: null },
    });
    if (!night.card.loyalty.ok) throw new Error(night.card.loyalty.error);
    expect(night.card.loyalty.value.lastEntries.map((entry) => [entry.kind, entry.points, entry.orderId])).toEqual([
      ['earn', 60, 'O-2'],
      ['earn', 100, 'O-1'],
    ]);
    expect(night.card.orders.map((entry) => entry.id)).toEqual(['O-2', 'O-1']);
    expect(night.card.profile).toMatchObject({ id: 'C-0001', name: 'Ира', email: 'c-0001@example.com' });
    // Two completed orders, 1 Sep and 1 Oct: 30 days apart; one product each.
    expect(night.card.fiveW.what).toEqual([
      { product: 'emotes', orders: 1, quantity: 1 },
      { product: 'stickers', orders: 1, quantity: 1 },
    ]);
    expect(night.card.fiveW.when).toMatchObject({ orders: 2, rhythmDays: 30, lastOrder: '2026-10-01T12:00:00.000Z' });
    expect(night.card.mails).toEqual({
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
    // Nothing changed since the night: the kept card is the card read from the sheets, part for part.
    const nightParts = partsFromTheSheets(studio, 'C-0001');
    expect(night.card.insights).toEqual({ ok: true, value: nightParts.insights });
    expect(night.card.loyalty).toEqual({ ok: true, value: nightParts.loyalty });
    expect(night.card.mails).toEqual({ ok: true, value: nightParts.mails });

    // An hour later: staff take 30 points back, an order comes in, and a new campaign mails the client.
    studio.emu.advance(60 * MINUTE);
    studio.app.callFromClient('adjustPoints', { clientId: 'C-0001', points: -30, reason: 'ошибка', pressId: 'p-1' });
    writeFixture(studio.emu, 'orders', [order('O-4', 'C-0001', 50, 'completed', '2026-11-24T10:00:00Z', 'badges')]);
    writeFixture(studio.emu, 'campaigns', [
      { id: 'CMP-2', name: 'Зима', segmentId: 'SEG-1', template: 'Привет', status: 'done' },
    ]);
    writeFixture(studio.emu, 'sends', [
      {
        campaignId: 'CMP-2',
        clientId: 'C-0001',
        email: 'c-0001@example.com',
        status: 'sent',
        at: new Date('2026-11-24T10:05:00Z'),
      },
    ]);

    const day = cardOf(studio, 'C-0001');
    // Whole: Settings and Campaigns (CMP-2 is not among the kept names). getValues: the 4 above + the header
    // and new rows of Orders, the ledger and Sends (6) + Campaigns = 11.
    expect(day.wholeReads).toBe(2);
    expect(day.reads).toBe(11);
    // 160 − 30 = 130: O-4 earns its points at the next night, as on the sheets' own card.
    expect(day.card.loyalty).toMatchObject({ ok: true, value: { balance: 130 } });
    if (!day.card.loyalty.ok) throw new Error(day.card.loyalty.error);
    expect(day.card.loyalty.value.lastEntries[0]).toMatchObject({
      kind: 'adjust',
      points: -30,
      by: 'anna@studio.test',
    });
    expect(day.card.orders.map((entry) => entry.id)).toEqual(['O-4', 'O-2', 'O-1']);
    // Three completed orders over 1 Sep → 24 Nov, 84 days: 42 days apart on average.
    expect(day.card.fiveW.when).toMatchObject({ orders: 3, rhythmDays: 42, lastOrder: '2026-11-24T10:00:00.000Z' });
    expect(day.card.fiveW.what.map((entry) => entry.product)).toEqual(['badges', 'emotes', 'stickers']);
    expect(day.card.mails).toMatchObject({
      ok: true,
      value: [
        { campaignId: 'CMP-2', name: 'Зима', at: '2026-11-24T10:05:00.000Z' },
        { campaignId: 'CMP-1', name: 'Осень', at: '2026-10-20T10:00:00.000Z' },
      ],
    });
    // C-0002 is in none of the new rows: their new rows are read, but no header (4 + 3 = 7 getValues).
    const other = cardOf(studio, 'C-0002');
    expect(other.wholeReads).toBe(1);
    expect(other.reads).toBe(7);
    expect(other.card.orders.map((entry) => entry.id)).toEqual(['O-3']);
    expect(other.card.loyalty).toMatchObject({ ok: true, value: { balance: 90 } });
    const dayParts = partsFromTheSheets(studio, 'C-0001');
    expect(day.card.loyalty).toEqual({ ok: true, value: dayParts.loyalty });
    expect(day.card.mails).toEqual({ ok: true, value: dayParts.mails });
    // Stage and next order from today's orders, as the sheets' card has them; RFM and segments as of the night.
    if (!day.card.insights.ok || !night.card.insights.ok) throw new Error('insights failed');
    const { rfm, segments, ...today } = day.card.insights.value;
    const { rfm: _rfm, segments: _segments, ...fromSheets } = dayParts.insights as typeof day.card.insights.value;
    expect(today).toEqual(fromSheets);
    expect({ rfm, segments }).toEqual({
      rfm: night.card.insights.value.rfm,
      segments: night.card.insights.value.segments,
    });
  });

  it('reads the sheets when a sheet lost rows since the night (its kept rows moved)', () => {
    const studio = handMadeStudio();
    runTheNight(studio);
    // Staff delete the ledger's last row by hand: the ledger now ends above its kept last row.
    const ledgerRows = studio.emu.spreadsheet.values('Баллы').length;
    studio.emu.withContext({ kind: 'test', authMode: 'FULL' }, () =>
      studio.emu.rt.internal(() => {
        const globals = studio.emu.globals() as {
          SpreadsheetApp: { getActiveSpreadsheet(): { getSheetByName(name: string): { deleteRow(n: number): void } } };
        };
        globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Баллы').deleteRow(ledgerRows);
      }),
    );
    const { card, wholeReads } = cardOf(studio, 'C-0001');
    expect(wholeReads).toBeGreaterThan(1);
    // The ledger's rows are C-0001's O-1 and O-2 earns and C-0002's O-3 earn, in the order the run wrote them
    // (by order): the last one gone is C-0002's, so C-0001 keeps 100 + 60 = 160.
    expect(card.loyalty).toMatchObject({ ok: true, value: { balance: 160 } });
    expect(card.loyalty).toEqual({ ok: true, value: studio.app.callFromClient('getLoyaltyCard', 'C-0001') });
  });

  it('finds the client whose Clients row moved since the night (staff sorted the sheet)', () => {
    const studio = handMadeStudio();
    runTheNight(studio);
    // Swap the two client rows, as sorting Clients by name descending would.
    studio.emu.withContext({ kind: 'test', authMode: 'FULL' }, () =>
      studio.emu.rt.internal(() => {
        type Range = { getValues(): unknown[][]; setValues(values: unknown[][]): void };
        const globals = studio.emu.globals() as {
          SpreadsheetApp: {
            getActiveSpreadsheet(): {
              getSheetByName(name: string): {
                getRange(r: number, c: number, h: number, w: number): Range;
                getLastColumn(): number;
              };
            };
          };
        };
        const sheet = globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Клиенты');
        const range = sheet.getRange(2, 1, 2, sheet.getLastColumn());
        range.setValues([...range.getValues()].reverse());
      }),
    );
    const { card, wholeReads, reads } = cardOf(studio, 'C-0001');
    // Settings whole; the kept row; Clients' header and row 2 (now C-0002's), then its id column and row 3 = 6.
    expect(wholeReads).toBe(1);
    expect(reads).toBe(6);
    expect(card.profile).toMatchObject({ id: 'C-0001', name: 'Ира' });
    expect(card.loyalty).toMatchObject({ ok: true, value: { balance: 160 } });
  });

  it('reads the sheets while the next night has not kept the cards yet (its roll-ups may move rows)', () => {
    const studio = handMadeStudio();
    runTheNight(studio);
    studio.emu.advance(24 * 60 * MINUTE);
    // The next night's first step ran; its later steps (the roll-ups, then the cards) are a minute away.
    studio.app.run('runNightly', [], { kind: 'trigger' });
    const { card, wholeReads } = cardOf(studio, 'C-0001');
    expect(wholeReads).toBeGreaterThan(1);
    expect(card.loyalty).toMatchObject({ ok: true, value: { balance: 160 } });
    studio.emu.advance(10 * MINUTE);
    expect(cardOf(studio, 'C-0001').wholeReads).toBe(1);
  });

  it('shows an order made after the night that names the client by email only', () => {
    const studio = handMadeStudio();
    runTheNight(studio);
    writeFixture(studio.emu, 'orders', [
      {
        ...order('O-9', '', 40, 'completed', '2026-11-24T10:00:00Z', 'badges'),
        clientEmail: 'Ира <C-0001@Example.com>',
      },
    ]);
    const { card, wholeReads } = cardOf(studio, 'C-0001');
    expect(wholeReads).toBe(1);
    expect(card.orders.map((entry) => entry.id)).toEqual(['O-9', 'O-2', 'O-1']);
    expect(cardOf(studio, 'C-0002').card.orders.map((entry) => entry.id)).toEqual(['O-3']);
  });
});
