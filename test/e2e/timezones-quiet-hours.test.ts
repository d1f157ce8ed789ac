// Quiet hours (21:00–9:00 by default) on the spreadsheet's clock, for sheets in Berlin, Novosibirsk and New York
// with the script in Moscow (UTC+3) and Node in UTC. A client registered at 20:00 on the sheet's clock, the
// welcome flow on, setup at 20:30 there: the hourly trigger then runs at :30 of each hour (created at 20:30).
// The 21:30 run is the first one, already quiet, so the welcome waits for 09:30 there the next morning.
//
//   zone          now (24 Nov 20:30 there)   first send (25 Nov 09:30 there)   Moscow's 09:00 would let it go at
//   Berlin  +1    2026-11-24T19:30Z          2026-11-25T08:30Z                 06:30Z (07:30 there)
//   Novosib. +7   2026-11-24T13:30Z          2026-11-25T02:30Z                 the 21:30 run (17:30 Moscow)
//   New York −5   2026-11-25T01:30Z          2026-11-25T14:30Z                 06:30Z (01:30 there)
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;

const ZONES = [
  { zone: 'Europe/Berlin', now: '2026-11-24T19:30:00Z', firstSendUtc: '2026-11-25T08:30:00.000Z' },
  { zone: 'Asia/Novosibirsk', now: '2026-11-24T13:30:00Z', firstSendUtc: '2026-11-25T02:30:00.000Z' },
  { zone: 'America/New_York', now: '2026-11-25T01:30:00Z', firstSendUtc: '2026-11-25T14:30:00.000Z' },
] as const;

describe.each(ZONES)('a sheet in $zone, the script in Moscow', ({ zone, now, firstSendUtc }) => {
  it('holds a flow mail through the sheet’s quiet night and sends it at the first run after 09:00 there', () => {
    const registered = new Date(Date.parse(now) - HOUR / 2); // 20:00 there
    const studio = mailStudio({
      now,
      spreadsheetTimeZone: zone,
      clients: [consentingClient('C-W', { createdAt: registered })],
      templates: [{ name: 'welcome', subject: 'Добро пожаловать', htmlBody: '<p>Привет!</p>', textBody: '' }],
      settings: { 'flows.welcome': JSON.stringify({ enabled: true }) },
    });
    // 14 hours of hourly runs: 21:30 through 10:30 there.
    for (let hour = 0; hour < 14; hour++) studio.emu.advance(HOUR);
    const sentAt = studio.emu.mail.outbox
      .filter((mail) => mail.to.includes('c-w@example.com'))
      .map((mail) => new Date(mail.at).toISOString());
    expect(sentAt).toEqual([firstSendUtc]);
  });
});
