// The loyalty program end to end: dist/Code.js in the emulator, asserted on the sheets' values.
import { describe, expect, it } from 'vitest';
import { ClientCallError } from '../../local/emulator/bundle';
import { writeFixture, writeSheet } from '../support/sheet-fixtures';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';
import { freshStudio } from '../support/studio';

const DAY = 86_400_000;

describe('nightly loyalty run', () => {
  it('earns for a completed order, reverses a cancellation with a counter-entry, and a second run appends nothing', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 250, 'completed', '2026-11-20T12:00:00Z')],
    });
    expect(studio.app.callFromClient('runLoyaltyNow')).toEqual({ appended: 1, clients: 1 });
    expect(studio.ledger().map((row) => [row.clientId, row.key, row.points, row.orderId])).toEqual([
      ['C-0001', 'order:O-1:earn', 250, 'O-1'],
    ]);
    expect(studio.clientRow('C-0001')).toMatchObject({ pointsBalance: 250, tier: 'Bronze' });

    studio.emu.rt.resetCounts();
    expect(studio.app.callFromClient('runLoyaltyNow')).toEqual({ appended: 0, clients: 0 });
    expect(studio.ledger()).toHaveLength(1);
    expect(studio.emu.rt.total('Range.setValues')).toBe(0);

    studio.edit('orders', 'O-1', 'status', 'Отменён');
    studio.app.callFromClient('runLoyaltyNow');
    const ledger = studio.ledger();
    expect(ledger.map((row) => [row.key, row.points])).toEqual([
      ['order:O-1:earn', 250],
      ['order:O-1:reverse:1', -250],
    ]);
    expect(studio.clientRow('C-0001').pointsBalance).toBe(0);
  });

  it('appends with one appendRows and writes only the derived columns in contiguous blocks', () => {
    const clients = Array.from({ length: 30 }, (_, index) =>
      client(`C-${String(index + 1).padStart(4, '0')}`, { notes: 'keep me' }),
    );
    const orders = clients.map((row, index) =>
      order(`O-${index + 1}`, String(row.id), 100 + index, 'completed', '2026-11-01T12:00:00Z'),
    );
    const studio = loyaltyStudio({ clients, orders });
    studio.emu.rt.resetCounts();
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.ledger()).toHaveLength(30);
    // One block for the ledger, one for the clients' adjacent balance/tier/tierSince (+ referral code).
    expect(studio.emu.rt.total('Range.setValues')).toBeLessThanOrEqual(3);
    expect(studio.clientRow('C-0030')).toMatchObject({ pointsBalance: 129, tier: 'Bronze', notes: 'keep me' });
    expect(String(studio.clientRow('C-0030').referralCode)).toMatch(/^[A-Z2-9]{6}$/);
  });

  it('runs as a step of the shared nightly trigger', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 120, 'completed', '2026-11-20T12:00:00Z')],
    });
    // The sheets the other nightly steps (analysis) read, as setup leaves them: then every step must succeed.
    writeSheet(studio.emu, 'Обращения', [['ID обращения', 'ID клиента', 'Канал', 'Получено', 'Отвечено', 'Суть']]);
    writeSheet(studio.emu, 'Сегменты', [['ID сегмента', 'Название', 'Правила', 'Описание', 'Клиентов', 'Обновлён']]);
    writeSheet(studio.emu, 'Проблемы', [['Когда', 'Лист', 'Строка', 'Столбец', 'Значение', 'Что не так', 'Источник']]);
    expect(() => studio.app.run('runNightly', [], { kind: 'trigger' })).not.toThrow();
    studio.emu.advance(5 * 60_000); // each nightly step runs in its own execution, a minute apart
    // Analysis runs in the nightly trigger itself; loyalty, campaign results, the two roll-ups and the
    // client cards follow.
    expect(studio.emu.triggerRuns.map((run) => [run.handler, run.error ?? ''])).toEqual([
      ['continueNightly', ''],
      ['continueNightly', ''],
      ['continueNightly', ''],
      ['continueNightly', ''],
      ['continueNightly', ''],
    ]);
    expect(studio.ledger().map((row) => [row.clientId, row.key, row.points])).toEqual([
      ['C-0001', 'order:O-1:earn', 120],
    ]);
    expect(studio.clientRow('C-0001')).toMatchObject({ pointsBalance: 120, tier: 'Bronze' });
    expect(studio.emu.spreadsheet.values('Проблемы')).toHaveLength(1); // no step left a problem behind
  });

  it('pays a feedback bonus once however many times the run sees the answer', () => {
    const studio = loyaltyStudio({ clients: [client('C-0001')] });
    const feedback = {
      id: 'F-1',
      date: new Date('2026-11-23T10:00:00Z'),
      clientId: 'C-0001',
      rating: 5,
      responseId: 'R-1',
    };
    studio.app.callFromClient('runLoyaltyNow');
    writeFixture(studio.emu, 'feedback', [feedback], studio.locale);
    studio.app.callFromClient('runLoyaltyNow');
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.ledger().map((row) => [row.clientId, row.key, row.points])).toEqual([['C-0001', 'feedback:F-1', 50]]);
    expect(studio.clientRow('C-0001').pointsBalance).toBe(50);
  });

  it('credits a referral to both clients once, after the newcomer’s first completed order', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001'), client('C-0002', { referredBy: 'C-0001' })],
      orders: [order('O-1', 'C-0002', 100, 'in_progress', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.ledger().filter((row) => String(row.key).startsWith('referral:'))).toEqual([]);
    studio.edit('orders', 'O-1', 'status', 'Выполнен');
    studio.edit('orders', 'O-1', 'completedAt', new Date('2026-11-24T08:00:00Z'));
    studio.app.callFromClient('runLoyaltyNow');
    studio.app.callFromClient('runLoyaltyNow');
    const referral = studio.ledger().filter((row) => String(row.key).startsWith('referral:'));
    expect(referral.map((row) => [row.clientId, row.key, row.points])).toEqual([
      ['C-0001', 'referral:C-0002:referrer', 300],
      ['C-0002', 'referral:C-0002:referee', 150],
    ]);
    expect(studio.clientRow('C-0001').pointsBalance).toBe(300);
    expect(studio.clientRow('C-0002').pointsBalance).toBe(250);
  });

  it('moves a client up at the threshold with the bonus once, and down only after the grace period', () => {
    // Silver at exactly 300 over 365 days; the order leaves the window on 2027-11-20, grace is 30 days.
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 300, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.clientRow('C-0001').tier).toBe('Silver');
    expect(
      studio
        .ledger()
        .filter((row) => String(row.key).startsWith('tier:'))
        .map((row) => [row.key, row.points]),
    ).toEqual([['tier:C-0001:Silver', 100]]);

    studio.emu.advance(360 * DAY); // 2027-11-19: the order's last day in the window, the tier re-qualifies
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.clientRow('C-0001').tier).toBe('Silver');
    studio.emu.advance(2 * DAY); // 2027-11-21: below the threshold, held in grace until 2027-12-19
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.clientRow('C-0001').tier).toBe('Silver');
    studio.emu.advance(26 * DAY); // 2027-12-17
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.clientRow('C-0001').tier).toBe('Silver');
    studio.emu.advance(3 * DAY); // 2027-12-20: grace over
    studio.app.callFromClient('runLoyaltyNow');
    expect(studio.clientRow('C-0001').tier).toBe('Bronze');
    expect(studio.ledger().filter((row) => String(row.key).startsWith('tier:'))).toHaveLength(1);
  });
});

describe('adjustments and redemptions from the sidebar', () => {
  for (const locale of ['ru', 'en'] as const) {
    it(`records them with the staff email and refuses readable messages (${locale})`, () => {
      const studio = loyaltyStudio({
        locale,
        clients: [client('C-0001')],
        orders: [
          order('O-1', 'C-0001', 400, 'completed', '2026-11-20T12:00:00Z'),
          order('O-2', 'C-0001', 1000, 'new', '2026-11-23T12:00:00Z'),
        ],
      });
      studio.app.callFromClient('runLoyaltyNow');
      const adjust = { clientId: 'C-0001', points: 50, reason: 'Stream shout-out', pressId: 'req-1' };
      expect(studio.app.callFromClient('adjustPoints', adjust)).toEqual({
        clientId: 'C-0001',
        balance: 550,
        recorded: true,
      });
      expect(studio.app.callFromClient('adjustPoints', adjust)).toEqual({
        clientId: 'C-0001',
        balance: 550,
        recorded: false,
      });
      const adjustment = studio
        .ledger()
        .find((row) => row.kind !== 'earn' && row.kind !== 'bonus' && row.points === 50);
      expect(adjustment).toMatchObject({ by: 'anna@studio.test', reason: 'Stream shout-out' });

      const negative = () =>
        studio.app.callFromClient('adjustPoints', {
          clientId: 'C-0001',
          points: -1000,
          reason: 'typo',
          pressId: 'req-2',
        });
      expect(negative).toThrow(ClientCallError);
      expect(negative).toThrow(
        locale === 'ru'
          ? 'Нельзя списать 1000 баллов: у клиента только 550.'
          : 'Cannot take 1000 points: the client has only 550.',
      );
      const noReason = () =>
        studio.app.callFromClient('adjustPoints', { clientId: 'C-0001', points: 10, reason: '  ', pressId: 'req-3' });
      expect(noReason).toThrow(
        locale === 'ru' ? 'Укажите причину корректировки.' : 'Write the reason for the adjustment.',
      );

      expect(
        studio.app.callFromClient('redeemPoints', {
          clientId: 'C-0001',
          orderId: 'O-2',
          points: 200,
          pressId: 'req-4',
        }),
      ).toEqual({ clientId: 'C-0001', balance: 350, recorded: true });
      const tooMuch = () =>
        studio.app.callFromClient('redeemPoints', {
          clientId: 'C-0001',
          orderId: 'O-1',
          points: 400,
          pressId: 'req-5',
        });
      expect(tooMuch).toThrow(
        locale === 'ru' ? 'Нельзя списать 400 баллов: у клиента 350.' : 'Cannot spend 400 points: the client has 350.',
      );
      expect(studio.clientRow('C-0001').pointsBalance).toBe(350);
      expect(studio.rows('orders').find((row) => row.id === 'O-2')?.pointsRedeemed).toBe(200);

      const card = studio.app.callFromClient('getLoyaltyCard', 'C-0001') as {
        balance: number;
        tier: string;
        lastEntries: { reason: string; points: number }[];
        referralCode: string;
      };
      expect(card.balance).toBe(350);
      expect(card.tier).toBe('Silver');
      expect(card.lastEntries[0]).toMatchObject({
        points: -200,
        reason: locale === 'ru' ? 'Баллы списаны в оплату заказа O-2' : 'Points spent on order O-2',
      });
      expect(card.referralCode).toBe(studio.clientRow('C-0001').referralCode);
    });
  }
});

describe('discount codes', () => {
  it('issues one code per client and campaign, looks it up as typed, and marks it used once', () => {
    // Codes belong to a real campaign and are used on real orders of their client.
    const studio = loyaltyStudio({
      clients: [client('C-0001'), client('C-0002')],
      orders: [
        order('O-9', 'C-0001', 500, 'completed', '2026-11-22T12:00:00Z'),
        order('O-10', 'C-0001', 700, 'completed', '2026-11-23T12:00:00Z'),
      ],
    });
    writeFixture(studio.emu, 'campaigns', [{ id: 'K-1', name: 'Осень', segmentId: 'all', template: 'promo' }], 'ru');
    const issued = studio.app.callFromClient('issueDiscountCodes', 'K-1', ['C-0001', 'C-0002'], 10) as {
      code: string;
      clientId: string;
      percent: number;
    }[];
    expect(issued.map((code) => [code.clientId, code.percent])).toEqual([
      ['C-0001', 10],
      ['C-0002', 10],
    ]);
    expect(studio.app.callFromClient('issueDiscountCodes', 'K-1', ['C-0001'], 10)).toEqual([issued[0]]);
    expect(
      studio.rows('discountCodes').map((row) => [row.code, row.clientId, row.percent, row.campaignId, row.issuedAt]),
    ).toEqual(issued.map((code) => [code.code, code.clientId, 0.1, 'K-1', new Date('2026-11-24T09:00:00Z')]));

    const typed = issued[0]!.code.toLowerCase().replace('-', ' ');
    expect(studio.app.callFromClient('lookupDiscountCode', typed)).toMatchObject({
      code: issued[0]!.code,
      clientId: 'C-0001',
      usedAt: null,
    });
    studio.app.callFromClient('markDiscountCodeUsed', typed, 'C-0001', 'O-9');
    expect(studio.rows('discountCodes')[0]).toMatchObject({ orderId: 'O-9' });
    expect(() => studio.app.callFromClient('markDiscountCodeUsed', issued[0]!.code, 'C-0001', 'O-10')).toThrow(
      `Промокод ${issued[0]!.code} уже использован в заказе O-9.`,
    );
  });

  it('setup appends the issued-at column to a codes sheet made before it existed; its codes still read', () => {
    const studio = freshStudio('ru');
    studio.emu.spreadsheet.addSheet('Промокоды');
    studio.emu.spreadsheet.edit('Промокоды', 'A1:C2', [
      ['Код', 'ID клиента', 'Кампания'],
      ['OLD-1', 'C-0001', 'K-0'],
    ]);
    studio.app.run('setupDatabase', [], { kind: 'menu' });
    const [header = [], first = []] = studio.emu.spreadsheet.values('Промокоды');
    expect(header.slice(0, 3)).toEqual(['Код', 'ID клиента', 'Кампания']);
    expect(header.slice(3)).toContain('Выдан');
    expect(first.slice(0, 3)).toEqual(['OLD-1', 'C-0001', 'K-0']);
    expect(studio.app.callFromClient('lookupDiscountCode', 'old-1')).toMatchObject({
      code: 'OLD-1',
      clientId: 'C-0001',
      campaignId: 'K-0',
    });
  });
});
