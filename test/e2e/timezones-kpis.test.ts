// Day-based KPIs on the spreadsheet's clock, for sheets in Berlin, Novosibirsk and New York with the script in
// Moscow (UTC+3) and Node in UTC: the KPI period, the monthly split, the dashboard's "updated at" time and the
// nightly run's hour. Four orders sit half an hour either side of the sheet's midnights starting 1 October and
// 1 November; "now" is 1 December 00:30 on the sheet's clock, so the last full month is November there.
//
//   order (client, amount)  wall time there     Berlin (CEST +2 / CET +1)  Novosibirsk (+7)    New York (EDT −4 / EST −5)
//   O-A (C-1, 100)          30 Sep 23:30        2026-09-30T21:30Z          2026-09-30T16:30Z   2026-10-01T03:30Z
//   O-B (C-1, 200)           1 Oct 00:30        2026-09-30T22:30Z          2026-09-30T17:30Z   2026-10-01T04:30Z
//   O-C (C-2, 400)          31 Oct 23:30        2026-10-31T22:30Z (CET)    2026-10-31T16:30Z   2026-11-01T03:30Z (EDT)
//   O-D (C-2, 800)           1 Nov 00:30        2026-10-31T23:30Z          2026-10-31T17:30Z   2026-11-01T04:30Z (EDT)
//   now                      1 Dec 00:30        2026-11-30T23:30Z          2026-11-30T17:30Z   2026-12-01T05:30Z (EST)
//
// On Moscow's clock one of the boundary orders lands in the other month in each zone (O-A on 1 Oct 00:30 for
// Berlin, O-B on 30 Sep 20:30 for Novosibirsk, O-C on 1 Nov 06:30 for New York), and "now" in Novosibirsk is
// still 30 November.
// By hand, on the sheet's clock: November holds O-D only: average order 800, 1 order per active client.
// October holds O-B and O-C: (200 + 400) / 2 = 300, two clients with one order each, frequency 1.
// Months for the chart: September O-A (C-1's first: new 100); October O-B (C-1 again: returning 200) and
// O-C (C-2's first: new 400); November O-D (C-2 again: returning 800).
// The nightly trigger is installed at 03:00 on the sheet's clock: in December 02:00 UTC in Berlin, 20:00 UTC in
// Novosibirsk, 08:00 UTC in New York (Moscow's 03:00 would be 00:00 UTC).
import { describe, expect, it } from 'vitest';
import type { OverviewView } from '../../src/contract/sidebar-api';
import { consentingClient, mailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;

const ZONES = [
  {
    zone: 'Europe/Berlin',
    orders: ['2026-09-30T21:30:00Z', '2026-09-30T22:30:00Z', '2026-10-31T22:30:00Z', '2026-10-31T23:30:00Z'],
    now: '2026-11-30T23:30:00Z',
    nightlyUtcHour: 2,
  },
  {
    zone: 'Asia/Novosibirsk',
    orders: ['2026-09-30T16:30:00Z', '2026-09-30T17:30:00Z', '2026-10-31T16:30:00Z', '2026-10-31T17:30:00Z'],
    now: '2026-11-30T17:30:00Z',
    nightlyUtcHour: 20,
  },
  {
    zone: 'America/New_York',
    orders: ['2026-10-01T03:30:00Z', '2026-10-01T04:30:00Z', '2026-11-01T03:30:00Z', '2026-11-01T04:30:00Z'],
    now: '2026-12-01T05:30:00Z',
    nightlyUtcHour: 8,
  },
] as const;

const ORDERS = [
  { id: 'O-A', clientId: 'C-1', amount: 100 },
  { id: 'O-B', clientId: 'C-1', amount: 200 },
  { id: 'O-C', clientId: 'C-2', amount: 400 },
  { id: 'O-D', clientId: 'C-2', amount: 800 },
] as const;

function studioIn(zone: string, orderTimes: readonly string[], now: string) {
  return mailStudio({
    now,
    spreadsheetTimeZone: zone,
    clients: [consentingClient('C-1'), consentingClient('C-2')],
    orders: ORDERS.map((order, index) => ({
      ...order,
      date: new Date(orderTimes[index]!),
      product: 'emotes',
      quantity: 1,
      status: 'completed',
    })),
  });
}

describe.each(ZONES)('a sheet in $zone, the script in Moscow', ({ zone, orders, now, nightlyUtcHour }) => {
  it('counts the KPI period and the months on the sheet’s calendar', () => {
    const studio = studioIn(zone, orders, now);
    const overview = studio.call<OverviewView>('getOverview');
    expect(overview.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    const tile = (key: string) => overview.tiles.find((candidate) => candidate.key === key);
    expect(tile('averageOrderValue')).toMatchObject({ current: 800, previous: 300 });
    expect(tile('purchaseFrequency')).toMatchObject({ current: 1, previous: 1 });

    studio.app.run('refreshAnalysis', [], { kind: 'menu' });
    const dashboard = studio.emu.spreadsheet.values('Дашборд');
    expect(dashboard[1]?.[0]).toBe(
      '2026-11-01 – 2026-11-30, в сравнении с 2026-10-01 – 2026-10-31. Обновлено 2026-12-01 00:30.',
    );
    // Month → [new clients' revenue, returning clients' revenue].
    const byMonth = new Map(dashboard.map((row) => [row[4], [row[5], row[6]]]));
    expect(byMonth.get('2026-09')).toEqual([100, 0]);
    expect(byMonth.get('2026-10')).toEqual([400, 200]);
    expect(byMonth.get('2026-11')).toEqual([0, 800]);
  });

  it('runs the nightly step at 03:00 on the sheet’s clock', () => {
    const studio = studioIn(zone, orders, now);
    for (let hour = 0; hour < 48; hour++) studio.emu.advance(HOUR);
    const nightly = studio.emu.triggerRuns.filter((run) => run.handler === 'runNightly');
    expect(nightly).toHaveLength(2); // two days, once each
    for (const run of nightly) {
      expect(new Date(run.at).getUTCHours()).toBe(nightlyUtcHour);
      expect(run.error).toBeNull();
    }
  });
});
