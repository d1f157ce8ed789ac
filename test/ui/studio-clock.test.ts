// The sidebar shows every date and time on the studio's clock (the spreadsheet's zone, from boot), never on the
// browser's: Node here runs in UTC, so each expectation below differs from what the machine's own clock says.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, setLocale, setTimeZone, timeZone, wallClockValue } from '../../src/ui/text';

beforeAll(() => {
  // setLocale marks the page's language; only that attribute of the document is touched.
  vi.stubGlobal('document', { documentElement: {} });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('dates and times on the studio’s clock', () => {
  it('Moscow (UTC+3): 07:00Z is 10:00 there, the zone named when asked, in either language', () => {
    setTimeZone('Europe/Moscow');
    setLocale('en');
    expect(formatDateTime('2026-12-05T07:00:00Z', true)).toBe('5 Dec 2026, 10:00 (Europe/Moscow)');
    expect(formatDateTime('2026-12-05T07:00:00Z')).toBe('5 Dec 2026, 10:00');
    setLocale('ru');
    expect(formatDateTime('2026-12-05T07:00:00Z', true)).toBe('5 дек. 2026 г., 10:00 (Europe/Moscow)');
    setLocale('en');
  });

  it('Novosibirsk (UTC+7): 20:30Z on 5 December is already 6 December, 03:30', () => {
    setTimeZone('Asia/Novosibirsk');
    expect(formatDate('2026-12-05T20:30:00Z')).toBe('6 Dec 2026');
    expect(wallClockValue('2026-12-05T20:30:00Z')).toBe('2026-12-06T03:30');
  });

  it('New York (UTC−5 in December): 03:00Z on 5 December is still 4 December, 22:00', () => {
    setTimeZone('America/New_York');
    expect(formatDate('2026-12-05T03:00:00Z')).toBe('4 Dec 2026');
    expect(formatDateTime('2026-12-05T03:00:00Z')).toBe('4 Dec 2026, 22:00');
  });

  it('Berlin follows its daylight saving time: 12:00Z is 14:00 in July (+2), 13:00 in December (+1)', () => {
    setTimeZone('Europe/Berlin');
    expect(wallClockValue('2026-07-01T12:00:00Z')).toBe('2026-07-01T14:00');
    expect(wallClockValue('2026-12-01T12:00:00Z')).toBe('2026-12-01T13:00');
  });

  it('a zone this browser does not know leaves its own clock, unnamed, rather than breaking the sidebar', () => {
    setTimeZone('Mars/Olympus');
    expect(timeZone()).toBeUndefined();
    expect(formatDateTime('2026-12-05T07:00:00Z', true)).not.toContain('(');
  });

  it('nothing shows as nothing; a text that is no time is shown as it came', () => {
    setTimeZone('Europe/Moscow');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('soon', true)).toBe('soon');
    expect(wallClockValue(null)).toBe('');
    expect(wallClockValue('soon')).toBe('');
  });
});
