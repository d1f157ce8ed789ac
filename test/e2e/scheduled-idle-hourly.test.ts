// The hourly run with nothing due reads a little to learn so (src/server/app/scheduled.ts), yet a new row
// or a new calendar day still gets every flow decided: the mails the automations would send still go.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { consentingClient, consentingClients, mailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;

const TEMPLATES = [
  {
    name: 'feedback',
    subject: 'Как вам {{last_order}}?',
    htmlBody: '<p>{{feedback_link|https://studio.example/feedback}}</p>',
    textBody: '',
  },
  { name: 'birthday', subject: 'С днём рождения!', htmlBody: '<p>Подарок ждёт</p>', textBody: '' },
];

/** Cells read by getValues since the last mark. */
function cellReader(studio: ReturnType<typeof mailStudio>) {
  let mark = 0;
  const total = () => studio.emu.rt.cellCounts.get('Range.getValues') ?? 0;
  return () => {
    const read = total() - mark;
    mark = total();
    return read;
  };
}

describe('the hourly run with nothing due', () => {
  it('reads Campaigns and Settings only once a run found nothing, and still mails for a new order and a new day', () => {
    // Tue 24 Nov 2026 12:00 Moscow. C-B's birthday is tomorrow; nobody has an order.
    const clients = [
      ...consentingClients(300),
      consentingClient('C-B', { birthday: new Date('1990-11-25T00:00:00Z') }),
    ];
    // Flows are off by default; these two are on by Settings rows (no switch-on time, so nothing counts as history).
    const studio = mailStudio({
      clients,
      templates: TEMPLATES,
      settings: {
        'flows.feedback': JSON.stringify({ enabled: true }),
        'flows.birthday': JSON.stringify({ enabled: true }),
      },
    });
    const { emu } = studio;
    const cellsRead = cellReader(studio);

    emu.advance(HOUR); // 13:00: the first hourly run decides every flow
    const firstRun = cellsRead();
    // Clients alone is 301 rows × its columns: a run that decides flows reads far more than 1,000 cells.
    expect(firstRun).toBeGreaterThan(3_000);
    expect(studio.mailedTo()).toEqual([]);

    const flushes = () => emu.rt.counts.get('SpreadsheetApp.flush') ?? 0;
    const flushesBefore = flushes();
    emu.advance(HOUR); // 14:00: nothing changed since
    expect(emu.triggerRuns.filter((run) => run.handler === 'runHourly')).toHaveLength(2);
    // Campaigns (a header) and Settings (a few dozen rows of 3–4 columns): well under 1,000 cells.
    expect(cellsRead()).toBeLessThan(1_000);
    // It wrote nothing, so it flushes nothing (a flush is 0.6 s of an idle run's 3 s).
    expect(flushes() - flushesBefore).toBe(0);

    // Staff add an order completed three days ago: its feedback mail is due today (3 days after).
    writeFixture(
      emu,
      'orders',
      [
        {
          id: 'O-1',
          clientId: 'C-0001',
          date: new Date('2026-11-21T09:00:00Z'),
          product: 'Стикеры',
          amount: 100,
          quantity: 1,
          status: 'completed',
          completedAt: new Date('2026-11-21T09:00:00Z'),
        },
      ],
      'ru',
    );
    emu.advance(HOUR); // 15:00: a row was added, so every flow is decided again
    expect(studio.mailedTo()).toEqual(['c-0001@example.com']);

    // Through the night (quiet 21:00–9:00, the nightly at 3:00) into Wed 25 Nov 10:00 Moscow: a new day.
    emu.advance(19 * HOUR);
    expect(emu.triggerRuns.filter((run) => run.error)).toEqual([]);
    expect(studio.mailedTo()).toEqual(['c-0001@example.com', 'c-b@example.com']);
    const birthdayMail = emu.mail.outbox.find((mail) => mail.to.includes('c-b@example.com'));
    // 25 Nov, from 9:00 Moscow (06:00 UTC) when the quiet hours end.
    expect(new Date(birthdayMail?.at ?? 0).toISOString().slice(0, 13)).toBe('2026-11-25T06');
  });

  it('opens the workbook once however many of its steps have work', () => {
    // Flows on (the first run of the day decides them all) and an unsubscribe click waiting for the hour.
    const studio = mailStudio({
      clients: consentingClients(5),
      templates: TEMPLATES,
      settings: { 'flows.feedback': JSON.stringify({ enabled: true }) },
    });
    const { emu } = studio;
    const clickedAt = new Date(Date.parse('2026-11-24T09:00:00Z') - 60_000);
    emu.properties.seed('script', { 'crm.unsubscribe.C-0002': JSON.stringify({ at: clickedAt.toISOString() }) });
    // Opening the workbook is the one caller of getSpreadsheetLocale (src/sheets/workbook.ts).
    const opens = () => emu.rt.counts.get('Spreadsheet.getSpreadsheetLocale') ?? 0;
    const before = opens();
    emu.advance(HOUR);
    expect(emu.triggerRuns.filter((run) => run.handler === 'runHourly' && !run.error)).toHaveLength(1);
    // The unsubscribes step wrote the click (it needed the workbook) and the automations step decided the flows.
    expect(studio.rows('clients').find((row) => row.id === 'C-0002')?.unsubscribedAt).toBeInstanceOf(Date);
    expect(opens() - before).toBe(1);
  });
});
