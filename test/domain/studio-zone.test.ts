// Calendar math on the studio's clock, with the zone's offset given as data (Node runs in UTC).
// Expected instants worked out by hand: Novosibirsk is UTC+7 all year since 2016; New York is EDT (UTC−4)
// until 2026-11-01 06:00 UTC, then EST (UTC−5).
import { afterEach, describe, expect, it } from 'vitest';
import { useStudioZone, wallParts, zonedDate, parseDate } from '../../src/domain/cells';
import {
  addDays,
  calendarDaysBetween,
  isoDay,
  isMonthStart,
  monthStart,
  startOfDay,
} from '../../src/domain/analysis/dates';
import { lastFullMonth } from '../../src/domain/analysis/analyse';
import { previousPeriod } from '../../src/domain/analysis/kpis';

const novosibirsk = () => 7 * 60;
const newYork = (ms: number) => (ms < Date.parse('2026-11-01T06:00:00Z') ? -4 * 60 : -5 * 60);
const utc = (iso: string) => new Date(iso);

afterEach(() => useStudioZone(null));

describe('the studio zone', () => {
  it('days and midnights in Novosibirsk', () => {
    useStudioZone(novosibirsk);
    // 17:00 UTC on the 26th is midnight of the 27th there.
    expect(isoDay(utc('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
    expect(isoDay(utc('2026-11-26T16:59:59Z'))).toBe('2026-11-26');
    expect(startOfDay(utc('2026-11-27T03:00:00Z'))).toEqual(utc('2026-11-26T17:00:00Z'));
    expect(calendarDaysBetween(utc('2026-11-26T16:00:00Z'), utc('2026-11-26T18:00:00Z'))).toBe(1);
    expect(zonedDate(1995, 10, 27)).toEqual(utc('1995-11-26T17:00:00Z'));
    expect(wallParts(utc('2026-11-27T02:00:00Z')).hour).toBe(9);
  });

  it('months and the last full month for KPIs', () => {
    useStudioZone(novosibirsk);
    // 20:00 UTC on 30 Nov is 03:00 on 1 Dec there: the last full month is November, on that clock.
    expect(monthStart(utc('2026-11-30T20:00:00Z'))).toEqual(utc('2026-11-30T17:00:00Z'));
    expect(lastFullMonth(utc('2026-11-30T20:00:00Z'))).toEqual({
      from: utc('2026-10-31T17:00:00Z'),
      to: utc('2026-11-30T17:00:00Z'),
    });
    expect(isMonthStart(utc('2026-11-30T17:00:00Z'))).toBe(true);
    expect(isMonthStart(utc('2026-12-01T00:00:00Z'))).toBe(false);
    expect(previousPeriod({ from: utc('2026-10-31T17:00:00Z'), to: utc('2026-11-30T17:00:00Z') })).toEqual({
      from: utc('2026-09-30T17:00:00Z'),
      to: utc('2026-10-31T17:00:00Z'),
    });
  });

  it('across New York’s DST change a day keeps its wall clock', () => {
    useStudioZone(newYork);
    // 12:00 EDT on 31 Oct, one day later 12:00 EST on 1 Nov: 25 hours.
    expect(addDays(utc('2026-10-31T16:00:00Z'), 1)).toEqual(utc('2026-11-01T17:00:00Z'));
    expect(startOfDay(utc('2026-11-01T17:00:00Z'))).toEqual(utc('2026-11-01T04:00:00Z'));
    expect(isoDay(utc('2026-11-27T04:59:00Z'))).toBe('2026-11-26');
  });

  it('typed dates are read on the studio clock', () => {
    useStudioZone(novosibirsk);
    const read = parseDate('27.11.1995', { locale: 'ru' });
    expect(read.ok && read.value).toEqual(utc('1995-11-26T17:00:00Z'));
  });
});
