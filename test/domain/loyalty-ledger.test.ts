import { describe, expect, it } from 'vitest';
import type { LedgerEntry, Order } from '../../src/domain/types';
import { translate } from '../../src/i18n';
import {
  adjustPoints,
  balance,
  balances,
  birthdayBonus,
  feedbackBonus,
  ledgerEntryId,
  registrationBonus,
} from '../../src/domain/loyalty/ledger';
import { describeLedgerReason } from '../../src/server/loyalty/loyalty-words';
import { reconcileOrder, redeemForOrder } from '../../src/domain/loyalty/order-points';
import { expiryEntries, openLots, pointsExpiringSoon } from '../../src/domain/loyalty/expiry';
import { loyaltySettings } from '../../src/domain/loyalty/settings';

const settings = loyaltySettings();
const day = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 12);

function order(fields: Partial<Order> & { id: string }): Order {
  return {
    clientId: 'C-1',
    date: day(2026, 1, 1),
    product: 'emotes',
    quantity: 1,
    amount: 100,
    status: 'completed',
    completedAt: day(2026, 1, 1),
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
    ...fields,
  };
}

/** Applies a step's entries to the ledger, as the sheets layer would append them. */
function append(ledger: LedgerEntry[], entries: LedgerEntry[]): LedgerEntry[] {
  ledger.push(...entries);
  return entries;
}

describe('earning and reversing order points', () => {
  it('earns amount × rate × tier multiplier, rounded down, only for completed orders', () => {
    const entries = reconcileOrder([], order({ id: 'O-1', amount: 199.99 }), 1.25, settings, day(2026, 1, 2));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'earn',
      points: 249,
      key: 'order:O-1:earn',
      orderId: 'O-1',
      clientId: 'C-1',
    });
    // 0.29 × 100 is 28.999… in floating point; the client still gets 29.
    expect(reconcileOrder([], order({ id: 'O-2', amount: 0.29 }), 100, settings, day(2026, 1, 2))[0]?.points).toBe(29);
    for (const status of ['new', 'in_progress', 'cancelled'] as const) {
      expect(reconcileOrder([], order({ id: 'O-3', status }), 1, settings, day(2026, 1, 2))).toEqual([]);
    }
  });

  it('appends nothing when the same order is reconciled again', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1' }), 1, settings, day(2026, 1, 2)));
    expect(reconcileOrder(ledger, order({ id: 'O-1' }), 1, settings, day(2026, 1, 3))).toEqual([]);
  });

  it('keeps the rate of the first earn when the tier changes later', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 1, settings, day(2026, 1, 2)));
    expect(reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 2, settings, day(2026, 2, 2))).toEqual([]);
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 150 }), 2, settings, day(2026, 2, 2)));
    expect(balance(ledger, 'C-1', day(2026, 3, 1))).toBe(150);
  });

  it('nets to the new amount after each change, keeping every earlier entry', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 200 }), 1.5, settings, day(2026, 1, 2)));
    const first = structuredClone(ledger);
    const down = append(
      ledger,
      reconcileOrder(ledger, order({ id: 'O-1', amount: 120 }), 1.5, settings, day(2026, 1, 3)),
    );
    expect(down).toMatchObject([{ kind: 'reverse', points: -120, key: 'order:O-1:reverse:1' }]);
    const up = append(
      ledger,
      reconcileOrder(ledger, order({ id: 'O-1', amount: 300 }), 1.5, settings, day(2026, 1, 4)),
    );
    expect(up).toMatchObject([{ kind: 'reverse', points: 270, key: 'order:O-1:reverse:2' }]);
    expect(balance(ledger, 'C-1', day(2026, 2, 1))).toBe(450);
    expect(ledger.slice(0, 1)).toEqual(first);
    expect(reconcileOrder(ledger, order({ id: 'O-1', amount: 300 }), 1.5, settings, day(2026, 1, 5))).toEqual([]);
  });

  it('reverses a cancelled order to zero and returns points spent on it', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 500 }), 1, settings, day(2026, 1, 2)));
    const redeemed = redeemForOrder(
      ledger,
      order({ id: 'O-2', amount: 80, status: 'in_progress' }),
      200,
      day(2026, 1, 3),
    );
    expect(redeemed.ok).toBe(true);
    if (redeemed.ok) append(ledger, redeemed.entries);
    expect(balance(ledger, 'C-1', day(2026, 1, 4))).toBe(300);

    const refund = append(
      ledger,
      reconcileOrder(ledger, order({ id: 'O-2', status: 'cancelled' }), 1, settings, day(2026, 1, 4)),
    );
    expect(refund).toMatchObject([{ kind: 'reverse', points: 200, key: 'order:O-2:redeem:refund' }]);
    const reversal = append(
      ledger,
      reconcileOrder(ledger, order({ id: 'O-1', status: 'cancelled' }), 1, settings, day(2026, 1, 5)),
    );
    expect(reversal).toMatchObject([{ kind: 'reverse', points: -500 }]);
    expect(balance(ledger, 'C-1', day(2026, 1, 6))).toBe(0);
    expect(reconcileOrder(ledger, order({ id: 'O-1', status: 'cancelled' }), 1, settings, day(2026, 1, 6))).toEqual([]);
    expect(reconcileOrder(ledger, order({ id: 'O-2', status: 'cancelled' }), 1, settings, day(2026, 1, 6))).toEqual([]);
  });

  it('never takes back more than the balance, and takes the rest once the client has points again', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 1, settings, day(2026, 1, 2)));
    const spent = redeemForOrder(ledger, order({ id: 'O-2' }), 70, day(2026, 1, 3));
    if (spent.ok) append(ledger, spent.entries);
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', status: 'cancelled' }), 1, settings, day(2026, 1, 4)));
    expect(balance(ledger, 'C-1', day(2026, 1, 4))).toBe(0);
    expect(reconcileOrder(ledger, order({ id: 'O-1', status: 'cancelled' }), 1, settings, day(2026, 1, 5))).toEqual([]);

    append(ledger, reconcileOrder(ledger, order({ id: 'O-3', amount: 100 }), 1, settings, day(2026, 1, 6)));
    const rest = reconcileOrder(ledger, order({ id: 'O-1', status: 'cancelled' }), 1, settings, day(2026, 1, 7));
    expect(rest).toMatchObject([{ points: -70, key: 'order:O-1:reverse:2' }]);
  });
});

describe('redeeming points', () => {
  const ledger: LedgerEntry[] = [];
  append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 1, settings, day(2026, 1, 2)));

  it('refuses more than the balance with a message key', () => {
    const result = redeemForOrder(ledger, order({ id: 'O-2' }), 101, day(2026, 1, 3));
    expect(result).toEqual({
      ok: false,
      error: { key: 'loyalty.redeem.insufficient', params: { points: 101, available: 100 } },
    });
    if (!result.ok) expect(translate('en', result.error.key, result.error.params)).toContain('101');
  });

  it('refuses points not yet credited at asOf', () => {
    expect(redeemForOrder(ledger, order({ id: 'O-2' }), 10, day(2026, 1, 1)).ok).toBe(false);
  });

  it('is idempotent for the same redemption and refuses a different one on the same order', () => {
    const first = redeemForOrder(ledger, order({ id: 'O-2' }), 100, day(2026, 1, 3));
    expect(first).toMatchObject({ ok: true, entries: [{ kind: 'redeem', points: -100, key: 'order:O-2:redeem' }] });
    const after = first.ok ? [...ledger, ...first.entries] : ledger;
    expect(redeemForOrder(after, order({ id: 'O-2' }), 100, day(2026, 1, 4))).toEqual({ ok: true, entries: [] });
    expect(redeemForOrder(after, order({ id: 'O-2' }), 50, day(2026, 1, 4))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.redeem.alreadyRedeemed' },
    });
  });

  it('refuses zero, fractions and cancelled orders', () => {
    expect(redeemForOrder(ledger, order({ id: 'O-2' }), 0, day(2026, 1, 3)).ok).toBe(false);
    expect(redeemForOrder(ledger, order({ id: 'O-2' }), 1.5, day(2026, 1, 3)).ok).toBe(false);
    expect(redeemForOrder(ledger, order({ id: 'O-2', status: 'cancelled' }), 10, day(2026, 1, 3))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.redeem.orderCancelled' },
    });
  });
});

describe('bonuses', () => {
  it('credits feedback and registration once per key', () => {
    const ledger: LedgerEntry[] = [];
    const feedback = append(ledger, feedbackBonus(ledger, { id: 'R-7', clientId: 'C-1' }, settings, day(2026, 1, 2)));
    expect(feedback).toMatchObject([{ kind: 'bonus', points: settings.bonusFeedback, key: 'feedback:R-7' }]);
    expect(feedbackBonus(ledger, { id: 'R-7', clientId: 'C-1' }, settings, day(2026, 1, 3))).toEqual([]);
    append(ledger, registrationBonus(ledger, 'C-1', settings, day(2026, 1, 2)));
    expect(registrationBonus(ledger, 'C-1', settings, day(2026, 5, 1))).toEqual([]);
    expect(balance(ledger, 'C-1', day(2026, 2, 1))).toBe(settings.bonusFeedback + settings.bonusRegistration);
  });

  it('gives the birthday bonus once a year, within the window after the birthday', () => {
    const client = { id: 'C-3', birthday: new Date(1995, 5, 10) };
    const ledger: LedgerEntry[] = [];
    expect(birthdayBonus(ledger, client, settings, day(2026, 6, 9))).toEqual([]);
    const first = append(ledger, birthdayBonus(ledger, client, settings, day(2026, 6, 12)));
    expect(first).toMatchObject([{ key: 'birthday:C-3:2026', points: settings.bonusBirthday }]);
    expect(birthdayBonus(ledger, client, settings, day(2026, 6, 13))).toEqual([]);
    expect(birthdayBonus(ledger, client, settings, day(2026, 6, 10 + settings.birthdayWindowDays))).toEqual([]);
    expect(birthdayBonus(ledger, client, settings, day(2027, 6, 10))).toMatchObject([{ key: 'birthday:C-3:2027' }]);
  });

  it('pays a late-December birthday in early January under the year it belongs to', () => {
    const client = { id: 'C-4', birthday: new Date(1990, 11, 30) };
    expect(birthdayBonus([], client, settings, day(2027, 1, 2))).toMatchObject([{ key: 'birthday:C-4:2026' }]);
  });

  it('treats 29 February as 28 February in other years', () => {
    const client = { id: 'C-5', birthday: new Date(2000, 1, 29) };
    expect(birthdayBonus([], client, settings, day(2027, 2, 28))).toMatchObject([{ key: 'birthday:C-5:2027' }]);
  });
});

describe('manual adjustments', () => {
  const base = {
    clientId: 'C-1',
    points: 40,
    reason: 'Sticker pack misprint',
    by: 'anna@studio.example',
    requestId: 'q-1',
  };

  it('requires a reason, a staff email, whole points and a request id', () => {
    expect(adjustPoints([], { ...base, reason: '  ' }, day(2026, 1, 1))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.adjust.reasonRequired' },
    });
    expect(adjustPoints([], { ...base, by: 'anna' }, day(2026, 1, 1))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.adjust.staffRequired' },
    });
    expect(adjustPoints([], { ...base, points: 2.5 }, day(2026, 1, 1))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.adjust.invalidPoints' },
    });
    expect(adjustPoints([], { ...base, requestId: '' }, day(2026, 1, 1))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.adjust.requestRequired' },
    });
  });

  it('records the staff member and reason once per request, and never drives the balance negative', () => {
    const ledger: LedgerEntry[] = [];
    const added = adjustPoints(ledger, base, day(2026, 1, 1));
    expect(added).toMatchObject({
      ok: true,
      entries: [{ kind: 'adjust', points: 40, by: 'anna@studio.example', reason: 'Sticker pack misprint' }],
    });
    if (added.ok) append(ledger, added.entries);
    expect(adjustPoints(ledger, base, day(2026, 1, 2))).toEqual({ ok: true, entries: [] });
    expect(adjustPoints(ledger, { ...base, points: -41, requestId: 'q-2' }, day(2026, 1, 2))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.adjust.wouldGoNegative', params: { points: 41, available: 40 } },
    });
    expect(adjustPoints(ledger, { ...base, points: -40, requestId: 'q-2' }, day(2026, 1, 2)).ok).toBe(true);
  });
});

describe('expiry, first in first out', () => {
  it('spends the oldest lots first, so only what is left of a lot expires', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 1, settings, day(2025, 1, 10)));
    append(ledger, reconcileOrder(ledger, order({ id: 'O-2', amount: 50 }), 1, settings, day(2025, 3, 10)));
    const spent = redeemForOrder(ledger, order({ id: 'O-3' }), 120, day(2025, 5, 1));
    if (spent.ok) append(ledger, spent.entries);
    // The redemption took all 100 of January's lot and 20 of March's.
    expect(openLots(ledger, 'C-1', day(2025, 6, 1)).map((lot) => [lot.key, lot.remaining])).toEqual([
      ['order:O-2:earn', 30],
    ]);
    expect(expiryEntries(ledger, settings, day(2026, 1, 10))).toEqual([]);
    expect(expiryEntries(ledger, settings, day(2026, 3, 9))).toEqual([]);
    const expired = append(ledger, expiryEntries(ledger, settings, day(2026, 3, 10)));
    expect(expired).toMatchObject([{ kind: 'expire', points: -30, key: 'expire:order:O-2:earn', clientId: 'C-1' }]);
    expect(expiryEntries(ledger, settings, day(2026, 4, 1))).toEqual([]);
    expect(balance(ledger, 'C-1', day(2026, 4, 1))).toBe(0);
  });

  it('expires untouched lots exactly expiryMonths after they were credited, oldest first', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, registrationBonus(ledger, 'C-1', settings, day(2025, 1, 31)));
    append(ledger, feedbackBonus(ledger, { id: 'R-1', clientId: 'C-1' }, settings, day(2025, 2, 15)));
    // 31 January + 12 months is 31 January; the February lot is not yet due.
    expect(expiryEntries(ledger, settings, day(2026, 1, 31)).map((entry) => entry.points)).toEqual([
      -settings.bonusRegistration,
    ]);
    expect(expiryEntries(ledger, settings, day(2026, 2, 20)).map((entry) => entry.key)).toEqual([
      'expire:registration:C-1',
      'expire:feedback:R-1',
    ]);
  });

  it('lets a cancelled order take back its own lot rather than an older one', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 1, settings, day(2025, 1, 10)));
    append(ledger, reconcileOrder(ledger, order({ id: 'O-2', amount: 50 }), 1, settings, day(2025, 6, 10)));
    append(ledger, reconcileOrder(ledger, order({ id: 'O-2', status: 'cancelled' }), 1, settings, day(2025, 7, 1)));
    expect(expiryEntries(ledger, settings, day(2026, 1, 10))).toMatchObject([{ points: -100 }]);
  });

  it('lists points expiring within the reminder window', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, reconcileOrder(ledger, order({ id: 'O-1', amount: 100 }), 1, settings, day(2025, 3, 10)));
    append(ledger, reconcileOrder(ledger, order({ id: 'O-2', amount: 40 }), 1, settings, day(2025, 3, 20)));
    append(ledger, reconcileOrder(ledger, order({ id: 'O-3', amount: 25 }), 1, settings, day(2025, 9, 1)));
    append(
      ledger,
      reconcileOrder(ledger, order({ id: 'O-4', clientId: 'C-2', amount: 10 }), 1, settings, day(2025, 5, 1)),
    );
    const soon = pointsExpiringSoon(ledger, settings, day(2026, 2, 25));
    expect(soon).toEqual([{ clientId: 'C-1', points: 140, firstExpiresAt: day(2026, 3, 10) }]);
    // On 15 February the window ends 17 March: only the 10 March lot is in it.
    expect(pointsExpiringSoon(ledger, settings, day(2026, 2, 15))).toMatchObject([{ points: 100 }]);
    expect(pointsExpiringSoon(ledger, settings, day(2026, 3, 10))).toEqual([
      { clientId: 'C-1', points: 40, firstExpiresAt: day(2026, 3, 20) },
    ]);
  });
});

describe('entry ids', () => {
  it('derive from keys, so two runs write the same rows', () => {
    const run = (): LedgerEntry[] => reconcileOrder([], order({ id: 'O-12' }), 1, settings, day(2026, 1, 2));
    expect(run()).toEqual(run());
    expect(run()[0]?.id).toBe(ledgerEntryId('order:O-12:earn'));
    expect(ledgerEntryId('order:O-12:earn')).not.toBe(ledgerEntryId('order:O-13:earn'));
    expect(ledgerEntryId('order:O-12:earn')).toMatch(/^L-[0-9a-f]{16}$/);
  });

  it('balances() agrees with balance() per client', () => {
    const ledger: LedgerEntry[] = [];
    append(ledger, registrationBonus(ledger, 'C-1', settings, day(2026, 1, 1)));
    append(ledger, registrationBonus(ledger, 'C-2', settings, day(2026, 1, 5)));
    expect(balances(ledger, day(2026, 1, 3))).toEqual(new Map([['C-1', settings.bonusRegistration]]));
  });
});

describe('describeLedgerReason', () => {
  it('translates catalog reasons with their parameters and keeps staff text as typed', () => {
    const [earned] = reconcileOrder([], order({ id: 'O-1', amount: 80 }), 1.25, settings, day(2026, 1, 2));
    // Money with the rouble sign in the staff language's order; the rate stays in the machine part only.
    expect(describeLedgerReason(earned!.reason, 'en')).toBe('Points for an order of ₽80');
    expect(describeLedgerReason(earned!.reason, 'ru')).toBe('Баллы за заказ на 80\u00a0₽');
    // A Reason cell as the sheet stores it reads back to the same sentence.
    expect(describeLedgerReason('Баллы за заказ на 80\u00a0₽ [orderEarned amount=80 rate=1.25]', 'en')).toBe(
      'Points for an order of ₽80',
    );
    expect(describeLedgerReason('Sticker pack misprint', 'ru')).toBe('Sticker pack misprint');
    expect(describeLedgerReason('loyalty.reason.noSuchKey', 'en')).toBe('loyalty.reason.noSuchKey');
  });
});
