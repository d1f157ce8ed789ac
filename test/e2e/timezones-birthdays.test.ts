// Birthdays and quiet hours on the spreadsheet's clock, for sheets in Berlin, Novosibirsk and New York with the
// script in Moscow and Node in UTC. Expected send times worked out by hand from each zone's offset in
// November 2026 (Berlin CET UTC+1, Novosibirsk UTC+7, New York EST UTC−5): a birthday typed 27.11.1995 is
// mailed on 27 Nov at the first hourly run outside quiet hours (21:00–9:00) on the sheet's clock, 09:00 there.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;

const ZONES = [
  { zone: 'Europe/Berlin', firstSendUtc: '2026-11-27T08:00:00.000Z' },
  { zone: 'Asia/Novosibirsk', firstSendUtc: '2026-11-27T02:00:00.000Z' },
  { zone: 'America/New_York', firstSendUtc: '2026-11-27T14:00:00.000Z' },
] as const;

const TEMPLATES = [{ name: 'birthday', subject: 'С днём рождения!', htmlBody: '<p>Подарок ждёт</p>', textBody: '' }];

describe.each(ZONES)('a sheet in $zone, the script in Moscow', ({ zone, firstSendUtc }) => {
  it('mails the birthday on the sheet’s day, after its quiet hours, once', () => {
    const studio = mailStudio({
      now: '2026-11-25T00:00:00Z',
      spreadsheetTimeZone: zone,
      clients: [consentingClient('C-B')],
      templates: TEMPLATES,
      // Flows are off by default: the birthday flow on by a Settings row.
      settings: { 'flows.birthday': JSON.stringify({ enabled: true }) },
    });
    const { emu } = studio;
    // Staff type the birthday: the sheet reads it as midnight on its own clock.
    const clients = emu.spreadsheet.values(studio.sheetName('clients'));
    const column = (clients[0] ?? []).indexOf('День рождения');
    expect(column).toBeGreaterThan(-1);
    emu.spreadsheet.edit(studio.sheetName('clients'), `${String.fromCharCode(65 + column)}2`, '27.11.1995');
    // Four days of the studio's own triggers (installed by setup as the hourly run), hour by hour.
    for (let hour = 0; hour < 4 * 24; hour++) emu.advance(HOUR);
    expect(emu.triggerRuns.filter((run) => run.handler === 'runHourly').length).toBeGreaterThanOrEqual(4 * 24 - 1);
    const sentAt = emu.mail.outbox
      .filter((mail) => mail.to.includes('c-b@example.com'))
      .map((mail) => new Date(mail.at).toISOString());
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]).toBe(firstSendUtc);
  });
});
