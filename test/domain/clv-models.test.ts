// Hand-checked behaviour of the history summary, BG/NBD, Gamma-Gamma, the fallback and scoring.
import { describe, expect, it } from 'vitest';
import {
  discountedValue,
  expectedOrderValue,
  expectedPurchases,
  expectedPurchasesUnconditional,
  fallbackParams,
  fitClvModels,
  probabilityAlive,
  scoreClients,
  summariseHistory,
  timeToNextPurchase,
  CDNOW_REFERENCE,
  CLV_FALLBACK_REASONS,
  type ClvClientSummary,
} from '../../src/domain/clv';
import { translate, type MessageKey } from '../../src/i18n';
import { hypergeometric2F1 } from '../../src/domain/clv/special';

const cdnow = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const day = (iso: string) => new Date(`${iso}T12:00:00`);

describe('summariseHistory', () => {
  const orders = [
    { clientId: 'C-1', date: day('2026-01-01'), amount: 100 },
    { clientId: 'C-1', date: day('2026-01-01'), amount: 50 }, // same day as the first: not a repeat
    { clientId: 'C-1', date: day('2026-01-11'), amount: 30 },
    { clientId: 'C-1', date: new Date('2026-01-11T23:00:00'), amount: 10 }, // same day, summed: 40
    { clientId: 'C-1', date: day('2026-01-31'), amount: 80 },
    { clientId: 'C-1', date: day('2026-03-01'), amount: 999 }, // after calibration end
    { clientId: 'C-2', date: day('2026-01-15'), amount: 20 },
    { clientId: 'C-3', date: day('2026-02-15'), amount: 20 }, // first order after the end: left out
    { clientId: 'C-4', date: new Date('not a date'), amount: 20 },
  ];
  const end = day('2026-02-14');

  it('counts purchase days, not orders, and leaves the first one out (days)', () => {
    const byId = new Map(summariseHistory(orders, end).map((summary) => [summary.clientId, summary]));
    expect([...byId.keys()].sort()).toEqual(['C-1', 'C-2']);
    expect(byId.get('C-1')).toEqual({
      clientId: 'C-1',
      frequency: 2,
      recency: 30,
      age: 44,
      monetaryValue: 60, // (40 + 80) / 2
      meanDayValue: 90, // (150 + 40 + 80) / 3
    });
    expect(byId.get('C-2')).toMatchObject({ frequency: 0, recency: 0, age: 30, monetaryValue: 0, meanDayValue: 20 });
  });

  it('expresses times in weeks when asked', () => {
    const summary = summariseHistory(orders, end, 'weeks').find((entry) => entry.clientId === 'C-1');
    expect(summary?.recency).toBeCloseTo(30 / 7, 12);
    expect(summary?.age).toBeCloseTo(44 / 7, 12);
  });

  it('includes orders placed late on the calibration day itself', () => {
    const late = summariseHistory(
      [...orders, { clientId: 'C-2', date: new Date('2026-02-14T23:30:00'), amount: 5 }],
      end,
    );
    expect(late.find((summary) => summary.clientId === 'C-2')).toMatchObject({
      frequency: 1,
      recency: 30,
      monetaryValue: 5,
    });
  });
});

describe('BG/NBD predictions', () => {
  it('P(alive) is 1 without repeat purchases, as the model says', () => {
    expect(probabilityAlive(cdnow, { frequency: 0, recency: 0, age: 30 })).toBe(1);
  });

  it('P(alive) at recency = T is (b+x−1)/(a+b+x−1), by hand', () => {
    const { a, b } = cdnow;
    expect(probabilityAlive(cdnow, { frequency: 3, recency: 20, age: 20 })).toBeCloseTo((b + 2) / (a + b + 2), 12);
  });

  it('a frequent, recent client is almost surely alive; the same client long silent is not', () => {
    // BG/NBD lets a client drop out right after any purchase, so even at recency = T the ceiling is
    // (b+x−1)/(a+b+x−1): 0.964 at x = 20, 0.996 at x = 200.
    expect(probabilityAlive(cdnow, { frequency: 20, recency: 38.9, age: 39 })).toBeGreaterThan(0.95);
    expect(probabilityAlive(cdnow, { frequency: 200, recency: 38.9, age: 39 })).toBeGreaterThan(0.99);
    expect(probabilityAlive(cdnow, { frequency: 20, recency: 10, age: 39 })).toBeLessThan(0.01);
  });

  it('P(alive) falls as time since the last purchase grows, and stays in [0, 1] at extremes', () => {
    let previous = 1;
    for (const age of [10, 20, 40, 80, 160, 1e4, 1e9]) {
      const alive = probabilityAlive(cdnow, { frequency: 5, recency: 10, age });
      expect(alive).toBeLessThanOrEqual(previous);
      expect(alive).toBeGreaterThanOrEqual(0);
      previous = alive;
    }
    expect(probabilityAlive(cdnow, { frequency: 1000, recency: 10, age: 100 })).toBe(0);
  });

  it('E[Y(t)] agrees with the direct ₂F₁ formula of FHL 2005 (eq. 10)', () => {
    const { r, alpha, a, b } = cdnow;
    for (const [x, tx, T, t] of [
      [0, 0, 10, 5],
      [2, 30.43, 38.86, 39],
      [7, 35, 38, 52],
      [1, 1, 1, 3],
    ] as const) {
      const w = (alpha + T) / (alpha + T + t);
      const ifAlive =
        ((a + b + x - 1) / (a - 1)) * (1 - Math.pow(w, r + x) * hypergeometric2F1(r + x, b + x, a + b + x - 1, 1 - w));
      const direct = ifAlive * probabilityAlive(cdnow, { frequency: x, recency: tx, age: T });
      expect(expectedPurchases(cdnow, { frequency: x, recency: tx, age: T }, t)).toBeCloseTo(direct, 10);
    }
  });

  it('E[Y(t)] is 0 at t = 0 and grows with t', () => {
    const client = { frequency: 3, recency: 20, age: 30 };
    expect(expectedPurchases(cdnow, client, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 5, 20, 52, 104, 520]) {
      const expected = expectedPurchases(cdnow, client, t);
      expect(expected).toBeGreaterThan(previous);
      previous = expected;
    }
  });

  it('E[X(t)] ≈ r·t/α for small t', () => {
    const t = 1e-4;
    expect(expectedPurchasesUnconditional(cdnow, t)).toBeCloseTo((cdnow.r * t) / cdnow.alpha, 10);
  });

  it('has no singularity at a = 1 (the 1/(a−1) cancels)', () => {
    const client = { frequency: 2, recency: 10, age: 20 };
    const at = (a: number) => expectedPurchases({ ...cdnow, a }, client, 26);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((at(1 - 1e-6) + at(1 + 1e-6)) / 2, 7);
  });

  it('stays finite for huge T, huge x and recency = T', () => {
    for (const client of [
      { frequency: 0, recency: 0, age: 1e9 },
      { frequency: 5000, recency: 1e4, age: 1e4 },
      { frequency: 3, recency: 1e6, age: 1e6 },
    ]) {
      for (const t of [1, 30, 365]) {
        const expected = expectedPurchases(cdnow, client, t);
        expect(Number.isFinite(expected)).toBe(true);
        expect(expected).toBeGreaterThanOrEqual(0);
      }
    }
    // A client with 5000 purchases in 1e4 units keeps buying at about that rate.
    expect(expectedPurchases(cdnow, { frequency: 5000, recency: 1e4, age: 1e4 }, 10)).toBeCloseTo(5, 0);
  });

  it('time to next purchase is where E[Y(t)] reaches 1, or null if it never does within the horizon', () => {
    const regular = { frequency: 10, recency: 38, age: 39 };
    const wait = timeToNextPurchase(cdnow, regular, 104);
    expect(wait).not.toBeNull();
    expect(expectedPurchases(cdnow, regular, wait as number)).toBeCloseTo(1, 3);
    expect(timeToNextPurchase(cdnow, { frequency: 1, recency: 1, age: 39 }, 104)).toBeNull();
  });
});

describe('Gamma-Gamma and discounted value', () => {
  const spend = { p: 6.25, q: 3.74, v: 15.44 };

  it('expected order value is the population mean p·v/(q−1) without repeats, and moves towards m̄ with more', () => {
    expect(expectedOrderValue(spend, { frequency: 0, monetaryValue: 0 })).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    const few = expectedOrderValue(spend, { frequency: 1, monetaryValue: 100 });
    const many = expectedOrderValue(spend, { frequency: 50, monetaryValue: 100 });
    expect(few).toBeLessThan(many);
    expect(many).toBeLessThan(100);
    expect(many).toBeGreaterThan(95);
  });

  it('discounted value sums monthly increments × value × margin / (1 + rate)^month', () => {
    const oneOrderPerMonth = (t: number) => t / 30;
    const options = { monthlyDiscountRate: 0, margin: 0.5, months: 12, unitsPerMonth: 30 };
    expect(discountedValue(oneOrderPerMonth, 10, options)).toBeCloseTo(60, 10);
    let discounted = 0;
    for (let month = 1; month <= 12; month++) discounted += 5 / Math.pow(1.01, month);
    expect(discountedValue(oneOrderPerMonth, 10, { ...options, monthlyDiscountRate: 0.01 })).toBeCloseTo(
      discounted,
      10,
    );
  });
});

/** Seeded generator of BG/NBD + Gamma-Gamma clients (time in days), for tests that need a real fit. */
function simulateClients(count: number, seed: number): ClvClientSummary[] {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      const v = (1 + c * normal) ** 3;
      if (v > 0 && Math.log(uniform()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const clients: ClvClientSummary[] = [];
  for (let i = 0; i < count; i++) {
    const rate = gamma(0.25) / 30;
    const x1 = gamma(0.8);
    const dropout = x1 / (x1 + gamma(2.4));
    const age = Math.floor(uniform() * 730);
    let t = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(uniform()) / rate;
      if (t > age) break;
      frequency++;
      recency = Math.floor(t);
      if (uniform() < dropout) break;
    }
    const scale = gamma(4) / 15;
    let total = 0;
    for (let k = 0; k < frequency; k++) total += gamma(6) / scale;
    clients.push({ clientId: `C-${i}`, frequency, recency, age, monetaryValue: frequency > 0 ? total / frequency : 0 });
  }
  return clients;
}

describe('fitClvModels', () => {
  it('recovers simulated parameters (r=0.25, α=30 days, a=0.8, b=2.4; p=6, q=4, v=15)', () => {
    const models = fitClvModels(simulateClients(20_000, 7), { unit: 'days' });
    expect(models.kind).toBe('fitted');
    if (models.kind !== 'fitted') return;
    expect(models.purchases.r).toBeGreaterThan(0.2);
    expect(models.purchases.r).toBeLessThan(0.3);
    expect(models.purchases.alpha).toBeGreaterThan(22);
    expect(models.purchases.alpha).toBeLessThan(40);
    expect(models.spend.q).toBeGreaterThan(3);
    expect(models.spend.q).toBeLessThan(5);
    const meanSpend = (models.spend.p * models.spend.v) / (models.spend.q - 1);
    expect(meanSpend).toBeGreaterThan(25);
    expect(meanSpend).toBeLessThan(35); // true population mean 6·15/3 = 30
  });

  it('falls back with too few repeat buyers, and says so with a message key and counts', () => {
    const models = fitClvModels(simulateClients(200, 3).slice(0, 25), { minRepeatBuyers: 20 });
    expect(models.kind).toBe('fallback');
    if (models.kind !== 'fallback') return;
    expect(models.reason).toBe('clv.fallback.tooFewRepeatBuyers');
    expect(models.params.minRepeatBuyers).toBe(20);
    expect(models.params.repeatBuyers).toBeLessThan(20);
  });

  it('falls back when the purchase fit runs to a bound (nobody ever seems to leave)', () => {
    // Every client bought on their last possible day: the dropout probability is driven towards 0.
    const clients = Array.from({ length: 60 }, (_, i) => ({
      clientId: `C-${i}`,
      frequency: 1 + (i % 5),
      recency: 100 + i,
      age: 100 + i,
      monetaryValue: 50 + i,
    }));
    const models = fitClvModels(clients);
    expect(models.kind).toBe('fallback');
    if (models.kind === 'fallback') expect(models.reason).toMatch(/^clv\.fallback\.purchases/);
  });

  it('every fallback reason is a message in both languages', () => {
    for (const reason of CLV_FALLBACK_REASONS) {
      const key: MessageKey = reason; // fails to compile if a key is missing from the catalog
      for (const locale of ['en', 'ru'] as const) {
        const text = translate(locale, key, { repeatBuyers: 7, minRepeatBuyers: 20 });
        expect(text).not.toBe(key);
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
    expect(translate('en', 'clv.fallback.tooFewRepeatBuyers', { repeatBuyers: 7, minRepeatBuyers: 20 })).toContain('7');
  });

  it('fallback scales the CDNOW priors to the studio: r/α = Σx/ΣT and p·v/(q−1) = mean day value', () => {
    const clients = [
      { clientId: 'A', frequency: 2, recency: 50, age: 100, monetaryValue: 30, meanDayValue: 40 },
      { clientId: 'B', frequency: 0, recency: 0, age: 100, monetaryValue: 0, meanDayValue: 10 },
    ];
    const { purchases, spend } = fallbackParams(clients, 'days');
    expect(purchases.r / purchases.alpha).toBeCloseTo(2 / 200, 12);
    expect(purchases.a).toBe(CDNOW_REFERENCE.purchases.a);
    expect((spend.p * spend.v) / (spend.q - 1)).toBeCloseTo((40 * 3 + 10) / 4, 12);
    // No repeats at all: α is CDNOW's 4.414 weeks in days.
    expect(fallbackParams([clients[1]!], 'days').purchases.alpha).toBeCloseTo(4.414 * 7, 12);
  });
});

describe('scoreClients', () => {
  const asOf = day('2026-06-30');
  const finite = (score: ReturnType<typeof scoreClients>[number]) =>
    [
      score.probabilityAlive,
      score.churnRisk,
      score.expected30,
      score.expected90,
      score.expected365,
      score.predictedValue12m,
    ].every(Number.isFinite);

  it('never returns NaN on degenerate input: one client, all on one day, zero amounts', () => {
    const summaries = summariseHistory(
      [
        { clientId: 'C-1', date: asOf, amount: 0 },
        { clientId: 'C-1', date: asOf, amount: 0 },
      ],
      asOf,
    );
    const models = fitClvModels(summaries);
    expect(models.kind).toBe('fallback');
    const [score] = scoreClients(summaries, models, { asOf });
    expect(score).toBeDefined();
    expect(finite(score!)).toBe(true);
    expect(score!.model).toBe('fallback');
    expect(score!.probabilityAlive).toBe(1);
    expect(score!.predictedValue12m).toBe(0);
  });

  it('copes with no clients and with garbage numbers', () => {
    expect(scoreClients([], fitClvModels([]), { asOf })).toEqual([]);
    const junk = [{ clientId: 'X', frequency: NaN, recency: Infinity, age: -5, monetaryValue: NaN, meanDayValue: NaN }];
    const [score] = scoreClients(junk, fitClvModels(junk), { asOf, monthlyDiscountRate: NaN, margin: NaN });
    expect(finite(score!)).toBe(true);
  });

  it('scores a fitted model: churn risk = 1 − P(alive), expectations nested, next order in the future', () => {
    const clients = simulateClients(3000, 11);
    const models = fitClvModels(clients);
    expect(models.kind).toBe('fitted');
    const scores = scoreClients(clients, models, { asOf, margin: 0.6 });
    for (const score of scores) {
      expect(finite(score)).toBe(true);
      expect(score.model).toBe('bgnbd');
      expect(score.churnRisk).toBeCloseTo(1 - score.probabilityAlive, 14);
      expect(score.expected30).toBeLessThanOrEqual(score.expected90);
      expect(score.expected90).toBeLessThanOrEqual(score.expected365);
      if (score.expectedNextOrder) expect(score.expectedNextOrder.getTime()).toBeGreaterThan(asOf.getTime());
      if (score.expected365 >= 1) expect(score.expectedNextOrder).not.toBeNull();
    }
  });

  it('fits and scores 50,000 clients (speed is measured in local/bench)', () => {
    const clients = simulateClients(50_000, 5);
    const models = fitClvModels(clients);
    const scores = scoreClients(clients, models, { asOf });
    expect(models.kind).toBe('fitted');
    expect(scores).toHaveLength(50_000);
  });
});
