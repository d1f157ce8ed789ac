// Ledger Reason cells as staff read them in the sheet: a sentence in the sheet's language, money with ₽, and the
// machine part in brackets at the end so the ledger can still read the rate back.
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';

describe('ledger reasons in words', () => {
  it('writes an earn as a Russian sentence with roubles, and a later amount change still earns at the stored rate', () => {
    const studio = loyaltyStudio({
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 5250, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    const [earn] = studio.ledger();
    // ru-RU money: thin grouping by a no-break space, the rouble sign after a no-break space.
    expect(earn?.reason).toBe('Баллы за заказ на 5\u00a0250\u00a0₽ [orderEarned amount=5250 rate=1]');

    // The rate is read back from the bracketed suffix: a raised amount earns the difference at that rate.
    studio.edit('orders', 'O-1', 'amount', 6000);
    studio.app.callFromClient('runLoyaltyNow');
    const ledger = studio.ledger();
    const forOrder = ledger.filter((row) => row.orderId === 'O-1');
    expect(forOrder.reduce((sum, row) => sum + Number(row.points), 0)).toBe(6000);
    expect(String(forOrder.at(-1)?.reason)).toBe(
      'Сумма заказа изменена на 6\u00a0000\u00a0₽ [orderChanged amount=6000]',
    );
    // The tier bonuses the amount reached are sentences too; the suffix keeps when the threshold was crossed
    // (the order O-1 completed 2026-11-20 12:00 UTC).
    expect(ledger.map((row) => String(row.reason))).toContain(
      'Достигнут уровень VIP [tierUp tier=VIP reachedAt=2026-11-20T12:00:00.000Z]',
    );
    // No catalog key is left in any Reason cell.
    for (const row of ledger) expect(String(row.reason)).not.toMatch(/loyalty\.reason\./);
  });

  it("writes money in the studio's currency from Settings (euros here)", () => {
    const studio = loyaltyStudio({
      settings: { 'core.currency': 'EUR' },
      clients: [client('C-0001')],
      orders: [order('O-1', 'C-0001', 5250, 'completed', '2026-11-20T12:00:00Z')],
    });
    studio.app.callFromClient('runLoyaltyNow');
    const [earn] = studio.ledger();
    // ru-RU money in euros: 5 250 with no-break spaces, the euro sign after.
    expect(earn?.reason).toBe('Баллы за заказ на 5\u00a0250\u00a0€ [orderEarned amount=5250 rate=1]');
  });
});
