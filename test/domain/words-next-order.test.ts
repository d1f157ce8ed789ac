// The Clients sheet's "next order expected": never a past day, "overdue by N days" in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { useStudioZone } from '../../src/domain/cells';
import { dueFromOverdueText, nextOrderCell } from '../../src/domain/analysis';
import { overdueText } from '../../src/server/analysis/words';

const novosibirsk = () => 7 * 60;
const utc = (iso: string) => new Date(iso);

afterEach(() => useStudioZone(null));

describe('nextOrderCell', () => {
  it('keeps a day still ahead, and today, as the date', () => {
    const asOf = utc('2026-12-04T09:00:00Z');
    const ahead = utc('2026-12-20T12:00:00Z');
    expect(nextOrderCell(ahead, asOf)).toEqual({ kind: 'expected', date: ahead });
    // Earlier the same calendar day is still "today", not late.
    const today = utc('2026-12-04T01:00:00Z');
    expect(nextOrderCell(today, asOf)).toEqual({ kind: 'expected', date: today });
  });

  it('counts the calendar days since a past day', () => {
    // 6 Mar 2026 → 4 Dec 2026: 25 (rest of March) + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 (Apr–Nov) + 4 = 273.
    expect(nextOrderCell(utc('2026-03-06T12:00:00Z'), utc('2026-12-04T09:00:00Z'))).toEqual({
      kind: 'overdue',
      days: 273,
    });
  });

  it("counts days on the studio's calendar, not UTC's", () => {
    useStudioZone(novosibirsk);
    // 16:00 UTC is 23:00 on the 3rd there; 18:00 UTC is 01:00 on the 4th: one calendar day late, though 2 h apart.
    expect(nextOrderCell(utc('2026-12-03T16:00:00Z'), utc('2026-12-03T18:00:00Z'))).toEqual({
      kind: 'overdue',
      days: 1,
    });
  });
});

describe('overdue in words', () => {
  it('Russian plural forms: 1 день, 2–4 дня, 5–20 дней, 21 день, 22 дня, 111 дней', () => {
    expect(overdueText('ru', 1)).toBe('задерживается на 1 день');
    expect(overdueText('ru', 3)).toBe('задерживается на 3 дня');
    expect(overdueText('ru', 11)).toBe('задерживается на 11 дней');
    expect(overdueText('ru', 21)).toBe('задерживается на 21 день');
    expect(overdueText('ru', 22)).toBe('задерживается на 22 дня');
    expect(overdueText('ru', 111)).toBe('задерживается на 111 дней');
  });

  it('English: 1 day, N days', () => {
    expect(overdueText('en', 1)).toBe('overdue by 1 day');
    expect(overdueText('en', 273)).toBe('overdue by 273 days');
  });

  it('reads the due day back from either language, a thousands space included', () => {
    const asOf = utc('2026-12-04T09:00:00Z');
    // 4 Dec − 273 days = 6 Mar (the case above, backwards).
    expect(dueFromOverdueText('overdue by 273 days', asOf)).toEqual(utc('2026-03-06T09:00:00Z'));
    expect(dueFromOverdueText('задерживается на 1 день', asOf)).toEqual(utc('2026-12-03T09:00:00Z'));
    // 1 200 days before 4 Dec 2026: 4 Dec 2023 is 1 096 days back (2024 a leap year); 104 more = 91 to 4 Sep
    // (30 + 31 + 30 for Nov, Oct, Sep) + 13 → 22 Aug 2023.
    expect(dueFromOverdueText(overdueText('ru', 1200), asOf)).toEqual(utc('2023-08-22T09:00:00Z'));
    expect(dueFromOverdueText('скоро', asOf)).toBeNull();
    expect(dueFromOverdueText(42, asOf)).toBeNull();
  });
});
