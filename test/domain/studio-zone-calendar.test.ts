// Birthdays, expiry months, date merge fields, date-only orders and the dashboard's clock on the spreadsheet's
// calendar, with Node in UTC. The zones are given as data, their rules written out by hand:
//   Berlin: CET (UTC+1), CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October
//     01:00 UTC (2026: 29 March, 25 October). Birthdays below avoid the pre-1996 September ends.
//   Novosibirsk: UTC+7 all year (its offset since 2016; in 1995 it was UTC+6, modelled separately below).
//   New York: EST (UTC−5), EDT (UTC−4) from the second Sunday of March 07:00 UTC to the first Sunday of
//     November 06:00 UTC (2026: 8 March, 1 November; used for years from 2007).
// Every expected instant is the wall time minus that offset, worked out in the comment beside it.
import { afterEach, describe, expect, it } from 'vitest';
import { useStudioZone, type ZoneOffset } from '../../src/domain/cells';
import { birthdayIn, birthdayParts, clockTime } from '../../src/domain/analysis/dates';
import { SEGMENT_FIELDS } from '../../src/domain/analysis/segments/fields';
import type { ClientProfile } from '../../src/domain/analysis/profiles';
import { birthdayBonus } from '../../src/domain/loyalty/ledger';
import { addMonths } from '../../src/domain/loyalty/expiry';
import { loyaltySettings } from '../../src/domain/loyalty/settings';
import { clientMergeValues, foldFieldName } from '../../src/domain/campaigns/fields';
import { attributeOrders } from '../../src/domain/campaigns/attribution';
import type { Order, Send } from '../../src/domain/types';
import { client } from './analysis-fixtures';

const HOUR = 3_600_000;
/** 00:00 UTC of the last / n-th Sunday of a month. */
const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
};
const nthSunday = (year: number, month: number, n: number) => {
  const first = new Date(Date.UTC(year, month, 1));
  return Date.UTC(year, month, 1 + ((7 - first.getUTCDay()) % 7) + 7 * (n - 1));
};
const berlin: ZoneOffset = (ms) => {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSunday(year, 2) + HOUR && ms < lastSunday(year, 9) + HOUR ? 120 : 60;
};
const novosibirsk: ZoneOffset = () => 7 * 60;
const newYork: ZoneOffset = (ms) => {
  const year = new Date(ms).getUTCFullYear();
  return ms >= nthSunday(year, 2, 2) + 7 * HOUR && ms < nthSunday(year, 10, 1) + 6 * HOUR ? -4 * 60 : -5 * 60;
};
const utc = (iso: string) => new Date(iso);

afterEach(() => useStudioZone(null));

describe('the zone rules above, checked against known instants', () => {
  it('switch where the calendar says', () => {
    expect(berlin(Date.parse('2026-03-29T00:59:00Z'))).toBe(60);
    expect(berlin(Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
    expect(berlin(Date.parse('2026-10-25T01:00:00Z'))).toBe(60);
    expect(newYork(Date.parse('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(newYork(Date.parse('2026-11-01T05:59:00Z'))).toBe(-240);
    expect(newYork(Date.parse('2026-11-01T06:00:00Z'))).toBe(-300);
  });
});

function profileWithBirthday(birthday: Date | null): ClientProfile {
  // Birthday fields read only the client; the rest of a profile plays no part.
  return { client: client('C-1', { birthday }) } as unknown as ClientProfile;
}
const field = (name: string, birthday: Date | null, asOf: Date) =>
  SEGMENT_FIELDS.get(name)!.read(profileWithBirthday(birthday), asOf);

describe('segment birthday fields', () => {
  it('Novosibirsk: the birthday starts at the sheet’s midnight, 17:00 UTC the day before', () => {
    useStudioZone(novosibirsk);
    // 27.11.1995 typed there is 1995-11-26 17:00 UTC; as of 2026-11-26 18:00 UTC it is 27 Nov 01:00 there.
    const birthday = utc('1995-11-26T17:00:00Z');
    const asOf = utc('2026-11-26T18:00:00Z');
    expect(field('days_to_birthday', birthday, asOf)).toBe(0);
    expect(field('age', birthday, asOf)).toBe(31); // 2026 − 1995, birthday reached today
    expect(field('birthday_month', birthday, asOf)).toBe(11);
    expect(field('birthday_this_month', birthday, asOf)).toBe(true);
    // One hour before that midnight (26 Nov 23:00 there): one day to go, still 30.
    expect(field('days_to_birthday', birthday, utc('2026-11-26T16:00:00Z'))).toBe(1);
    expect(field('age', birthday, utc('2026-11-26T16:00:00Z'))).toBe(30);
  });

  it('New York: 02:00 UTC on 1 December is still 30 November there', () => {
    useStudioZone(newYork);
    // 01.12.1990 typed there is 1990-12-01 05:00 UTC (EST); 2026-12-01 02:00 UTC is 30 Nov 21:00 EST.
    const birthday = utc('1990-12-01T05:00:00Z');
    const asOf = utc('2026-12-01T02:00:00Z');
    expect(field('birthday_month', birthday, asOf)).toBe(12);
    expect(field('birthday_this_month', birthday, asOf)).toBe(false); // November there
    expect(field('days_to_birthday', birthday, asOf)).toBe(1);
    expect(field('age', birthday, asOf)).toBe(35); // 2026 − 1990 − 1: not yet
    expect(field('birthday_this_month', null, asOf)).toBe(false);
  });

  it('Berlin across the spring change: 1 April begins at 22:00 UTC on 31 March (CEST)', () => {
    useStudioZone(berlin);
    // 01.04.1992 typed there: CEST since 29 Mar 1992, so 1992-03-31 22:00 UTC.
    const birthday = utc('1992-03-31T22:00:00Z');
    const asOf = utc('2026-03-31T22:30:00Z'); // 1 Apr 00:30 CEST
    expect(field('birthday_month', birthday, asOf)).toBe(4);
    expect(field('birthday_this_month', birthday, asOf)).toBe(true);
    expect(field('days_to_birthday', birthday, asOf)).toBe(0);
    expect(field('age', birthday, asOf)).toBe(34);
    // 28 Mar 23:30 CET (before the change): 29, 30, 31 March, then 1 April: 4 days.
    expect(field('days_to_birthday', birthday, utc('2026-03-28T22:30:00Z'))).toBe(4);
  });
});

describe('a birthday read with this year’s offset, not its birth year’s', () => {
  // Zones whose rules changed since the birth year. Moscow, simplified: UTC+4 in summer (April–September) and
  // UTC+3 in winter before 2011, UTC+3 all year in 2026. Novosibirsk's real history: UTC+6 in November 1995.
  const moscow: ZoneOffset = (ms) => {
    const date = new Date(ms);
    const summer = date.getUTCMonth() >= 3 && date.getUTCMonth() <= 8;
    return date.getUTCFullYear() < 2011 && summer ? 240 : 180;
  };
  const novosibirskHistory: ZoneOffset = (ms) => (new Date(ms).getUTCFullYear() < 2000 ? 6 * 60 : 7 * 60);

  it('a sheet midnight of an hour-later offset is still that day', () => {
    useStudioZone(moscow);
    // 15.07.1995 typed in Moscow (UTC+4 then) is 1995-07-14 20:00 UTC; with 2026's +3 that reads 14 Jul 23:00,
    // within the three hours before midnight: 15 July.
    expect(birthdayParts(utc('1995-07-14T20:00:00Z'), 2026)).toEqual({ year: 1995, month: 6, day: 15 });
    expect(field('birthday_month', utc('1995-07-14T20:00:00Z'), utc('2026-07-15T09:00:00Z'))).toBe(7);
    expect(field('days_to_birthday', utc('1995-07-14T20:00:00Z'), utc('2026-07-15T09:00:00Z'))).toBe(0);
    // A birthday at 20:59 of that offset's day is that day: 1995-07-14 17:59 UTC reads 14 Jul 20:59.
    expect(birthdayParts(utc('1995-07-14T17:59:00Z'), 2026)).toEqual({ year: 1995, month: 6, day: 14 });
  });

  it('a sheet midnight of an hour-earlier offset is that day too', () => {
    useStudioZone(novosibirskHistory);
    // 27.11.1995 typed then (UTC+6) is 1995-11-26 18:00 UTC; with today's +7 it reads 27 Nov 01:00.
    expect(birthdayParts(utc('1995-11-26T18:00:00Z'), 2026)).toEqual({ year: 1995, month: 10, day: 27 });
    expect(birthdayIn(2026, utc('1995-11-26T18:00:00Z'))).toEqual(utc('2026-11-26T17:00:00Z'));
  });
});

describe('the loyalty birthday bonus', () => {
  const settings = loyaltySettings(); // 200 points, due for 7 days from the birthday
  const bonus = (birthday: Date, asOf: Date) => birthdayBonus([], { id: 'C-1', birthday }, settings, asOf);

  it('Novosibirsk: due from the sheet’s midnight, not UTC’s', () => {
    useStudioZone(novosibirsk);
    const birthday = utc('1995-11-26T17:00:00Z'); // 27 Nov there
    expect(bonus(birthday, utc('2026-11-26T16:30:00Z'))).toEqual([]); // 26 Nov 23:30 there
    expect(bonus(birthday, utc('2026-11-26T17:30:00Z'))).toMatchObject([
      { key: 'birthday:C-1:2026', points: 200, date: utc('2026-11-26T17:30:00Z') },
    ]);
  });

  it('New York: New Year’s Eve evening is still 2026 there', () => {
    useStudioZone(newYork);
    const birthday = utc('1990-01-01T05:00:00Z'); // 1 Jan 1990 00:00 EST
    // 2027-01-01 03:00 UTC is 31 Dec 2026 22:00 EST: 2026's window (1–7 Jan 2026) long closed, 2027's not open.
    expect(bonus(birthday, utc('2027-01-01T03:00:00Z'))).toEqual([]);
    // 05:00 UTC is midnight there: 2027's bonus.
    expect(bonus(birthday, utc('2027-01-01T05:00:00Z'))).toMatchObject([{ key: 'birthday:C-1:2027' }]);
  });

  it('Berlin: a window across the spring change ends at the wall-clock midnight (23 hours short of 7×24)', () => {
    useStudioZone(berlin);
    const birthday = utc('1992-03-24T23:00:00Z'); // 25.03.1992, CET
    // 2026: due 25 Mar 00:00 CET = 03-24 23:00 UTC, through 1 Apr 00:00 CEST = 03-31 22:00 UTC.
    expect(bonus(birthday, utc('2026-03-24T22:59:00Z'))).toEqual([]);
    expect(bonus(birthday, utc('2026-03-24T23:00:00Z'))).toMatchObject([{ key: 'birthday:C-1:2026' }]);
    expect(bonus(birthday, utc('2026-03-31T21:30:00Z'))).toMatchObject([{ key: 'birthday:C-1:2026' }]);
    expect(bonus(birthday, utc('2026-03-31T22:30:00Z'))).toEqual([]); // 1 Apr 00:30 CEST
  });

  it('29 February is 28 February of a common year, at the sheet’s midnight', () => {
    useStudioZone(berlin);
    // 29.02.2000 there is 2000-02-28 23:00 UTC; in 2027 the day is 28 Feb 00:00 CET = 2027-02-27 23:00 UTC.
    const birthday = utc('2000-02-28T23:00:00Z');
    expect(birthdayIn(2027, birthday)).toEqual(utc('2027-02-27T23:00:00Z'));
    expect(birthdayIn(2028, birthday)).toEqual(utc('2028-02-28T23:00:00Z')); // a leap year keeps the 29th
    expect(bonus(birthday, utc('2027-02-27T22:30:00Z'))).toEqual([]);
    expect(bonus(birthday, utc('2027-02-27T23:30:00Z'))).toMatchObject([{ key: 'birthday:C-1:2027' }]);
  });
});

describe('expiry months', () => {
  it('Berlin: a month later keeps the wall-clock time across the spring change', () => {
    useStudioZone(berlin);
    // 15 Mar 11:00 CET (10:00 UTC) + 1 month = 15 Apr 11:00 CEST = 09:00 UTC.
    expect(addMonths(utc('2026-03-15T10:00:00Z'), 1)).toEqual(utc('2026-04-15T09:00:00Z'));
    // Back again: −1 month from 15 Apr 11:00 CEST is 15 Mar 11:00 CET.
    expect(addMonths(utc('2026-04-15T09:00:00Z'), -1)).toEqual(utc('2026-03-15T10:00:00Z'));
  });

  it('Novosibirsk: 31 January there (30 January in UTC) clamps to 28 February there', () => {
    useStudioZone(novosibirsk);
    // 2026-01-30 18:00 UTC is 31 Jan 01:00 there; + 1 month = 28 Feb 01:00 there = 02-27 18:00 UTC.
    expect(addMonths(utc('2026-01-30T18:00:00Z'), 1)).toEqual(utc('2026-02-27T18:00:00Z'));
    // + 12 months: 31 Jan 2027 01:00 there.
    expect(addMonths(utc('2026-01-30T18:00:00Z'), 12)).toEqual(utc('2027-01-30T18:00:00Z'));
  });

  it('New York: across the autumn change and to a shorter month', () => {
    useStudioZone(newYork);
    // 31 Oct 08:00 EDT (12:00 UTC) + 1 month = 30 Nov 08:00 EST = 13:00 UTC.
    expect(addMonths(utc('2026-10-31T12:00:00Z'), 1)).toEqual(utc('2026-11-30T13:00:00Z'));
  });
});

describe('date merge fields', () => {
  const birthdayText = (birthday: Date, locale: 'ru' | 'en') =>
    clientMergeValues(client('C-1', { birthday }), {}, locale)[foldFieldName('birthday')];

  it('write the sheet’s day, not UTC’s', () => {
    useStudioZone(novosibirsk);
    // 1995-11-26 17:00 UTC is 27 Nov there.
    expect(birthdayText(utc('1995-11-26T17:00:00Z'), 'ru')).toBe('27.11.1995');
    expect(birthdayText(utc('1995-11-26T17:00:00Z'), 'en')).toBe('1995-11-27');
    useStudioZone(newYork);
    // 1990-12-01 05:00 UTC is 1 Dec 00:00 EST; 01:00 UTC is 30 Nov 20:00 there.
    expect(birthdayText(utc('1990-12-01T05:00:00Z'), 'ru')).toBe('01.12.1990');
    expect(birthdayText(utc('1990-12-01T01:00:00Z'), 'ru')).toBe('30.11.1990');
    useStudioZone(berlin);
    // 01.04.1992 CEST is 1992-03-31 22:00 UTC.
    expect(birthdayText(utc('1992-03-31T22:00:00Z'), 'en')).toBe('1992-04-01');
  });
});

describe('date-only orders in attribution', () => {
  const mail = (clientId: string, at: Date): Send => ({
    campaignId: 'K-1',
    clientId,
    email: '',
    status: 'sent',
    reason: '',
    at,
  });
  const order = (id: string, clientId: string, date: Date): Order => ({
    id,
    clientId,
    date,
    product: 'emotes',
    quantity: 1,
    amount: 100,
    status: 'completed',
    completedAt: null,
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
  });

  it('an order typed as a bare date counts from the start of the mail’s day on the sheet’s clock', () => {
    useStudioZone(newYork);
    // 12 May typed there is 04:00 UTC (EDT midnight); the mail went at 11:00 EDT the same day: credited.
    const credited = attributeOrders(
      [order('O-1', 'a', utc('2026-05-12T04:00:00Z'))],
      [mail('a', utc('2026-05-12T15:00:00Z'))],
    );
    expect(credited.get('O-1')).toBe('K-1');
  });

  // Per zone: a mail, an order typed as a bare date that day (credited) and a timed order just before the
  // sheet's midnight or the mail (not the mail's).
  const zoneCases = [
    {
      title: 'Berlin on the spring change: the day starts at 23:00 UTC the evening before, CET',
      zone: berlin,
      mailAt: '2026-03-29T10:00:00Z', // 12:00 CEST on 29 March
      dateOnly: '2026-03-28T23:00:00Z', // 29 Mar 00:00 CET: date only, same day → credited
      timed: '2026-03-28T22:00:00Z', // 28 Mar 23:00 CET: timed, the day before
    },
    {
      title: 'midnight UTC is 07:00 in Novosibirsk: an order with a time, before the mail, is not the mail’s',
      zone: novosibirsk,
      mailAt: '2026-05-12T03:00:00Z', // 10:00 there
      dateOnly: '2026-05-11T17:00:00Z', // 12 May 00:00 there: date only, same day → credited
      timed: '2026-05-12T00:00:00Z', // 12 May 07:00 there: timed, before the mail
    },
  ];
  for (const { title, zone, mailAt, dateOnly, timed } of zoneCases)
    it(title, () => {
      useStudioZone(zone);
      const credited = attributeOrders(
        [order('O-1', 'a', utc(dateOnly)), order('O-2', 'a', utc(timed))],
        [mail('a', utc(mailAt))],
      );
      expect(credited.get('O-1')).toBe('K-1');
      expect(credited.has('O-2')).toBe(false);
    });
});

describe('the dashboard’s “as of” clock', () => {
  it('shows the sheet’s hour and minute', () => {
    useStudioZone(newYork);
    // 05:30 UTC on 1 Nov is 01:30 EDT; an hour later 01:30 EST again (the hour repeats).
    expect(clockTime(utc('2026-11-01T05:30:00Z'))).toBe('01:30');
    expect(clockTime(utc('2026-11-01T06:30:00Z'))).toBe('01:30');
    useStudioZone(berlin);
    // 01:30 UTC on 29 Mar is 03:30 CEST (02:00–03:00 skipped).
    expect(clockTime(utc('2026-03-29T01:30:00Z'))).toBe('03:30');
    useStudioZone(novosibirsk);
    // 23:50 UTC is 06:50 the next morning there.
    expect(clockTime(utc('2026-12-03T23:50:00Z'))).toBe('06:50');
  });
});
