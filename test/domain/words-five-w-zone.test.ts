// The client card's 5W "When" counts days on the studio's calendar (the spreadsheet's zone), not UTC's.
import { afterEach, describe, expect, it } from 'vitest';
import { useStudioZone } from '../../src/domain/cells';
import { clientWhen } from '../../src/domain/analysis';

const novosibirsk = () => 7 * 60; // UTC+7 all year
const utc = (iso: string) => new Date(iso);

afterEach(() => useStudioZone(null));

describe('clientWhen, near midnight', () => {
  // 1 Nov 16:30Z is 23:30 on 1 Nov in Novosibirsk; 2 Nov 17:30Z is 00:30 on 3 Nov there.
  // UTC calendar: 1 Nov → 2 Nov = 1 day. Novosibirsk calendar: 1 Nov → 3 Nov = 2 days.
  const orders = [utc('2026-11-01T16:30:00Z'), utc('2026-11-02T17:30:00Z')];
  // Expected 30 Nov 16:30Z = 23:30 on 30 Nov there; now 30 Nov 17:30Z = 00:30 on 1 Dec there: a day late,
  // though on UTC's calendar both are 30 Nov (not late).
  const expected = utc('2026-11-30T16:30:00Z');
  const now = utc('2026-11-30T17:30:00Z');

  it("counts the rhythm and the delay in the studio's days (Asia/Novosibirsk)", () => {
    useStudioZone(novosibirsk);
    expect(clientWhen(orders, expected, now)).toEqual({ rhythmDays: 2, lateDays: 1 });
  });

  it('in a UTC studio the same instants are 1 day apart and not yet late', () => {
    useStudioZone(() => 0);
    expect(clientWhen(orders, expected, now)).toEqual({ rhythmDays: 1, lateDays: 0 });
  });

  it('mean of the gaps, rounded; no orders and no expected day: nothing to say', () => {
    useStudioZone(novosibirsk);
    // Local days 1 Nov, 3 Nov, 10 Nov (10 Nov 05:00Z = 12:00 there): gaps 2 and 7, mean 4.5 → 5 (rounded up).
    expect(clientWhen([...orders, utc('2026-11-10T05:00:00Z')], null, now)).toEqual({ rhythmDays: 5, lateDays: 0 });
    expect(clientWhen([], null, now)).toEqual({ rhythmDays: null, lateDays: 0 });
  });
});
