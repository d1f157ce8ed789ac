// Birthdays and quiet hours on the spreadsheet's clock, for sheets in Berlin, Novosibirsk and New York with the
// script in Moscow and Node in UTC. Expected send times worked out by hand from each zone's offset in
// November 2026 (Berlin CET UTC+1, Novosibirsk UTC+7, New York EST UTC−5): a birthday typed 27.11.1995 is
// mailed on 27 Nov at the first hourly run outside quiet hours (21:00–9:00) on the sheet's clock, 09:00 there.
// The sheet's midnight starting 27 Nov is 26 Nov 23:00 UTC in Berlin, 26 Nov 17:00 UTC in Novosibirsk and
// 27 Nov 05:00 UTC in New York; Moscow's (UTC+3) is 26 Nov 21:00 UTC, so on the script's clock each zone's
// birthday would begin at a different moment and, in Novosibirsk, on 26 Nov.
import { describe, expect, it } from 'vitest';
import type { SegmentPreview } from '../../src/contract/sidebar-api';
import { consentingClient, mailStudio, type MailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;
const HALF_HOUR = HOUR / 2;

const ZONES = [
  { zone: 'Europe/Berlin', firstSendUtc: '2026-11-27T08:00:00.000Z', midnightUtc: '2026-11-26T23:00:00Z' },
  { zone: 'Asia/Novosibirsk', firstSendUtc: '2026-11-27T02:00:00.000Z', midnightUtc: '2026-11-26T17:00:00Z' },
  { zone: 'America/New_York', firstSendUtc: '2026-11-27T14:00:00.000Z', midnightUtc: '2026-11-27T05:00:00Z' },
] as const;

const TEMPLATES = [
  // {{birthday}}: the date merge field is the sheet's day too.
  { name: 'birthday', subject: 'С днём рождения!', htmlBody: '<p>Подарок ждёт: {{birthday}}</p>', textBody: '' },
];

/** Staff type the birthday: the sheet reads it as midnight on its own clock. */
function typeBirthday(studio: MailStudio, text: string): void {
  const clients = studio.emu.spreadsheet.values(studio.sheetName('clients'));
  const column = (clients[0] ?? []).indexOf('День рождения');
  expect(column).toBeGreaterThan(-1);
  studio.emu.spreadsheet.edit(studio.sheetName('clients'), `${String.fromCharCode(65 + column)}2`, text);
}

describe.each(ZONES)('a sheet in $zone, the script in Moscow', ({ zone, firstSendUtc, midnightUtc }) => {
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
    typeBirthday(studio, '27.11.1995');
    // Four days of the studio's own triggers (installed by setup as the hourly run), hour by hour.
    for (let hour = 0; hour < 4 * 24; hour++) emu.advance(HOUR);
    expect(emu.triggerRuns.filter((run) => run.handler === 'runHourly').length).toBeGreaterThanOrEqual(4 * 24 - 1);
    const sentAt = emu.mail.outbox
      .filter((mail) => mail.to.includes('c-b@example.com'))
      .map((mail) => new Date(mail.at).toISOString());
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]).toBe(firstSendUtc);
    const body = emu.mail.outbox.find((mail) => mail.to.includes('c-b@example.com'))?.htmlBody ?? '';
    expect(body).toContain('Подарок ждёт: 27.11.1995');
  });

  it('the birthday segment and the birthday bonus start at the sheet’s midnight', () => {
    // Half an hour before the sheet's midnight; no triggers run in between (each step is 30 minutes of a
    // sidebar call, the hourly run may pass: the flow is off, it mails nobody).
    const studio = mailStudio({
      now: new Date(Date.parse(midnightUtc) - HALF_HOUR).toISOString(),
      spreadsheetTimeZone: zone,
      clients: [consentingClient('C-B')],
      templates: TEMPLATES,
    });
    typeBirthday(studio, '27.11.1995');
    const birthdayToday = () =>
      studio.call<SegmentPreview>('previewSegment', {
        match: 'all',
        rules: [
          { field: 'days_to_birthday', op: 'eq', value: 0 },
          { field: 'birthday_this_month', op: 'eq', value: true },
          { field: 'birthday_month', op: 'eq', value: 11 },
          { field: 'age', op: 'eq', value: 31 }, // 2026 − 1995, reached today
        ],
      }).count;
    const birthdayBonuses = () => {
      studio.call('runLoyaltyNow');
      return studio.rows('loyalty').filter((row) => String(row.key).startsWith('birthday:'));
    };
    // 26 Nov 23:30 on the sheet's clock: not yet.
    expect(birthdayToday()).toBe(0);
    expect(birthdayBonuses()).toEqual([]);
    studio.emu.advance(HOUR);
    // 27 Nov 00:30 there: the birthday, and its bonus once, under 2026 (200 points by default).
    expect(birthdayToday()).toBe(1);
    expect(birthdayBonuses()).toMatchObject([{ clientId: 'C-B', key: 'birthday:C-B:2026', points: 200 }]);
    expect(birthdayBonuses()).toHaveLength(1);
  });
});
