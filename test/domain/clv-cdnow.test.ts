// Validation against the CDNOW data set and the published estimates. The data is read from
// ../shared/data/cdnow/ (beside the repository), never copied in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  calendarDay,
  expectedOrderValue,
  expectedPurchases,
  expectedPurchasesUnconditional,
  fitBgNbd,
  fitClvModels,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  probabilityAlive,
  scoreClients,
  summariseHistory,
  type OrderForClv,
} from '../../src/domain/clv';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cdnowDir = path.resolve(repoRoot, '..', 'shared', 'data', 'cdnow');
const calibrationEnd = new Date(1997, 8, 30); // 1997-09-30, the end of week 39

function readCsv(name: string): number[][] {
  const lines = readFileSync(path.join(cdnowDir, name), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => line.split(',').map(Number));
}

/** CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars. */
function readSampleOrders(): OrderForClv[] {
  const lines = readFileSync(path.join(cdnowDir, 'CDNOW_sample.txt'), 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [, sampleId, day, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
    const date = new Date(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
    return { clientId: String(Number(sampleId)), date, amount: Number(dollars) };
  });
}

const summaryRows = readCsv('cdnow_customers_summary.csv'); // ID, frequency, recency, T (weeks)
const spendRows = readCsv('cdnow_customers_summary_with_transactions.csv'); // ID, x, t_x, T, zbar
const summaries = summaryRows.map(([id, x, tx, T]) => ({
  clientId: String(id),
  frequency: x as number,
  recency: tx as number,
  age: T as number,
}));
const spendSummaries = spendRows.map(([id, x, tx, T, zbar]) => ({
  clientId: String(id),
  frequency: x as number,
  recency: tx as number,
  age: T as number,
  monetaryValue: zbar as number,
}));

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('summariseHistory on CDNOW_sample.txt', () => {
  const computed = summariseHistory(readSampleOrders(), calibrationEnd, 'weeks');
  const byId = new Map(computed.map((summary) => [summary.clientId, summary]));

  it('reproduces cdnow_customers_summary.csv for all 2,357 customers (times rounded to 2 decimals)', () => {
    expect(computed).toHaveLength(2357);
    const mismatches = summaryRows.filter(([id, x, tx, T]) => {
      const summary = byId.get(String(id));
      return (
        !summary ||
        summary.frequency !== x ||
        Math.round(summary.recency * 100) / 100 !== tx ||
        Math.round(summary.age * 100) / 100 !== T
      );
    });
    expect(mismatches).toEqual([]);
  });

  it('reproduces zbar (mean repeat spend, same-day orders summed) within the file’s 0.01 rounding', () => {
    let worst = 0;
    for (const [id, , , , zbar] of spendRows) {
      worst = Math.max(worst, Math.abs((byId.get(String(id))?.monetaryValue ?? NaN) - (zbar as number)));
    }
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('in days the same customers have 7× the weekly times', () => {
    const inDays = summariseHistory(readSampleOrders(), calibrationEnd, 'days');
    const first = inDays.find((summary) => summary.clientId === '1');
    // Customer 1: first order 1997-01-01, last calibration order 1997-08-02, 272 days to 1997-09-30.
    expect(first).toMatchObject({ frequency: 2, recency: 213, age: 272 });
  });
});

describe('BG/NBD on the CDNOW summary (weeks)', () => {
  // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
  // lifetimes' test suite asserts the same four numbers to 3 decimals.
  const fit = fitBgNbd(summaries);

  it('reproduces the published estimates within 1% and the log-likelihood within 0.5', () => {
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toBe(false);
    expect(relativeError(fit.r, 0.243)).toBeLessThan(0.01);
    expect(relativeError(fit.alpha, 4.414)).toBeLessThan(0.01);
    expect(relativeError(fit.a, 0.793)).toBeLessThan(0.01);
    expect(relativeError(fit.b, 2.426)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.5);
  });

  it('matches lifetimes’ parameters to 3 decimals', () => {
    expect(fit.r).toBeCloseTo(0.2426, 3);
    expect(fit.alpha).toBeCloseTo(4.4136, 3);
    expect(fit.a).toBeCloseTo(0.7929, 3);
    expect(fit.b).toBeCloseTo(2.4259, 3);
  });

  it('the maximum is a maximum: nudging any parameter lowers the likelihood', () => {
    const base = bgNbdLogLikelihood(fit, summaries);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.98, 1.02]) {
        expect(bgNbdLogLikelihood({ ...fit, [key]: fit[key] * factor }, summaries)).toBeLessThan(base);
      }
    }
  });

  it('customer 0001 under the published parameters: ln L = −9.46, P(alive) = 0.73 (the paper’s Excel sheet)', () => {
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const first = { frequency: 2, recency: 30.43, age: 38.86 };
    expect(bgNbdLogLikelihood(published, [first])).toBeCloseTo(-9.46, 2);
    expect(probabilityAlive(published, first)).toBeCloseTo(0.73, 2);
  });

  it('E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226 (Hardie’s spreadsheet, as in lifetimes’ tests)', () => {
    expect(Math.abs(expectedPurchases(fit, { frequency: 2, recency: 30.43, age: 38.86 }, 39) - 1.226)).toBeLessThan(
      0.001,
    );
  });

  it('E[X(t)] matches Hardie’s spreadsheet values to 3 decimals', () => {
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) =>
      expect(Math.abs(expectedPurchasesUnconditional(fit, t) - (expected[i] as number))).toBeLessThan(0.001),
    );
  });

  describe('holdout (weeks 40–78, 1997-10-01 to 1998-06-30)', () => {
    const orders = readSampleOrders();
    const endDay = calendarDay(calibrationEnd);
    const holdoutDays = new Map<string, Set<number>>();
    for (const order of orders) {
      const day = calendarDay(order.date);
      if (day <= endDay) continue;
      const days = holdoutDays.get(order.clientId) ?? new Set<number>();
      days.add(day);
      holdoutDays.set(order.clientId, days);
    }
    let actualHoldout = 0;
    for (const days of holdoutDays.values()) actualHoldout += days.size;
    const calibrationRepeats = summaries.reduce((total, summary) => total + summary.frequency, 0);

    it('x = 0 customers: mean expected holdout purchases ≈ 0.23 vs actual 334/1411 (FHL 2005, Sec. 7)', () => {
      const nonRepeaters = summaries.filter((summary) => summary.frequency === 0);
      expect(nonRepeaters).toHaveLength(1411);
      const actual = nonRepeaters.reduce((total, summary) => total + (holdoutDays.get(summary.clientId)?.size ?? 0), 0);
      expect(actual).toBe(334);
      const expectedMean =
        nonRepeaters.reduce((total, summary) => total + expectedPurchases(fit, summary, 39), 0) / 1411;
      expect(Math.abs(expectedMean - 0.23)).toBeLessThan(0.01);
    });

    // The paper reports the BG/NBD under-forecasting cumulative holdout sales by about 4%; we get 4.1%.
    it('cumulative expected repeat purchases at week 78 are within 5% of the actual (the paper’s tracking plot)', () => {
      expect(calibrationRepeats).toBe(2457);
      expect(actualHoldout).toBe(1882);
      // Each customer's expected repeats from their first purchase to the end of week 78: E[X(T + 39)].
      const expectedCumulative = summaries.reduce(
        (total, summary) => total + expectedPurchasesUnconditional(fit, summary.age + 39),
        0,
      );
      expect(relativeError(expectedCumulative, calibrationRepeats + actualHoldout)).toBeLessThan(0.05);
    });

    it('summed conditional expectations for the holdout are within 15% of the actual count', () => {
      // Measured: 1,653 expected vs 1,882 actual (−12%): the model under-forecasts this holdout.
      const expectedHoldout = summaries.reduce((total, summary) => total + expectedPurchases(fit, summary, 39), 0);
      expect(expectedHoldout).toBeLessThan(actualHoldout);
      expect(relativeError(expectedHoldout, actualHoldout)).toBeLessThan(0.15);
    });
  });
});

describe('Gamma-Gamma on the CDNOW repeat buyers', () => {
  // Fader & Hardie (2013) note: p = 6.25, q = 3.74, v = 15.44; lifetimes: 6.2488, 3.7447, 15.4426.
  const repeatBuyers = spendSummaries.filter((summary) => summary.frequency > 0);
  const fit = fitGammaGamma(spendSummaries);

  it('fits on the 946 repeat buyers only', () => {
    expect(repeatBuyers).toHaveLength(946);
    expect(gammaGammaLogLikelihood(fit, spendSummaries)).toBeCloseTo(gammaGammaLogLikelihood(fit, repeatBuyers), 9);
  });

  it('reproduces the published estimates within 1%', () => {
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toBe(false);
    expect(relativeError(fit.p, 6.25)).toBeLessThan(0.01);
    expect(relativeError(fit.q, 3.74)).toBeLessThan(0.01);
    expect(relativeError(fit.v, 15.44)).toBeLessThan(0.01);
    expect(fit.p).toBeCloseTo(6.2488, 2);
    expect(fit.q).toBeCloseTo(3.7447, 2);
    expect(fit.v).toBeCloseTo(15.4426, 1);
  });

  it('log-likelihood at the optimum is −4055.9 ± 0.5 and no nearby point beats it', () => {
    // The brief quoted ≈ −4063 for the note; we could not confirm that figure, and at the published
    // (p, q, v) this density gives −4055.92, so the test pins what the formula gives.
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThan(0.5);
    for (const key of ['p', 'q', 'v'] as const) {
      for (const factor of [0.98, 1.02]) {
        expect(gammaGammaLogLikelihood({ ...fit, [key]: fit[key] * factor }, spendSummaries)).toBeLessThan(
          fit.logLikelihood,
        );
      }
    }
  });

  it('conditional expected order values match Hardie’s spreadsheet for the first 10 customers (±0.1)', () => {
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    spendSummaries.slice(0, 10).forEach((summary, i) => {
      expect(Math.abs(expectedOrderValue(params, summary) - (expected[i] as number))).toBeLessThan(0.1);
    });
  });
});

describe('fitClvModels and scoreClients on CDNOW', () => {
  it('fits (not fallback) and gives every customer finite scores', () => {
    const models = fitClvModels(spendSummaries, { unit: 'weeks' });
    expect(models.kind).toBe('fitted');
    const scores = scoreClients(spendSummaries, models, { asOf: calibrationEnd });
    expect(scores).toHaveLength(2357);
    for (const score of scores) {
      for (const value of [
        score.probabilityAlive,
        score.churnRisk,
        score.expected30,
        score.expected90,
        score.expected365,
        score.predictedValue12m,
      ]) {
        expect(Number.isFinite(value)).toBe(true);
      }
      expect(score.model).toBe('bgnbd');
    }
    // Customer 1 (x=2, t_x=30.43, T=38.86): E[Y(39 weeks)] = 1.226, so a year ahead is above 1 and
    // the next order is expected within the year.
    const first = scores[0];
    expect(first?.expected365).toBeGreaterThan(1);
    expect(first?.expectedNextOrder?.getTime()).toBeGreaterThan(calibrationEnd.getTime());
    expect(first?.expectedNextOrder?.getTime()).toBeLessThan(new Date(1998, 8, 30).getTime());
  });
});
