// A follow-up step on dist/Code.js: three days after a 50-recipient campaign, a reminder in the same thread
// to those who did not reply, bounce or order; once each, also when the hourly run is killed after any call.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import {
  consentingClients,
  createCampaignFor,
  mailStudio,
  PROMO_TEMPLATE,
  type MailStudio,
  confirmedCount,
} from '../support/mail-studio';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const email = (n: number) => `c-${String(n).padStart(4, '0')}@example.com`;
const REMINDER = {
  name: 'reminder',
  subject: 'Напоминание',
  htmlBody: '<p>{{first_name|Друг}}, вы видели наше письмо?</p>',
  textBody: '',
};

function world(count: number, marks: { hard: number[]; soft: number[]; replies: number[]; orders: number[] }) {
  const studio = mailStudio({
    quota: 500,
    setup: false,
    clients: consentingClients(count),
    templates: [PROMO_TEMPLATE, REMINDER],
    settings: { 'followUps.K-0001': JSON.stringify([{ afterDays: 3, template: 'reminder' }]) },
    // Ordered on the day after the campaign mail.
    orders: marks.orders.map((n, i) => ({
      id: `O-${i + 1}`,
      clientId: `C-${String(n).padStart(4, '0')}`,
      date: new Date('2026-11-25T00:00:00Z'),
      amount: 1000,
      status: 'completed',
    })),
  });
  // Bare sheets (quick to snapshot): the Requests sheet the inbox step writes is added by hand.
  writeFixture(studio.emu, 'requests', [], studio.locale);
  for (const n of marks.hard) studio.emu.mail.markBouncing(email(n), 'hard', 5);
  for (const n of marks.soft) studio.emu.mail.markBouncing(email(n), 'soft', 5);
  createCampaignFor(studio, { name: 'Ноябрь' });
  studio.call('sendCampaign', 'K-0001', confirmedCount(studio, 'K-0001'));
  const threadOf = (address: string) =>
    studio.emu.mail.outbox.find((mail) => mail.to.includes(address))?.messageId ?? '';
  // The hourly trigger has run since the add-on was set up: its first run is the first follow-up check.
  studio.app.run('runHourly', [], { kind: 'trigger' });
  for (const n of marks.replies)
    studio.emu.mail.replyAsClient(threadOf(email(n)), email(n), 'Спасибо', studio.emu.rt.clock.now());
  const expected = Array.from({ length: count }, (_, i) => i + 1)
    .filter((n) => ![...marks.hard, ...marks.soft, ...marks.replies, ...marks.orders].includes(n))
    .map(email)
    .sort();
  return { studio, threadOf, expected };
}

/** The reminders in Gmail's Sent mail: each with its recipient and thread. */
function reminders(studio: MailStudio) {
  return studio.emu.mail
    .sent()
    .filter((mail) => mail.body.includes('вы видели наше письмо'))
    .map((mail) => ({ to: mail.to, threadId: mail.threadId ?? mail.id, subject: mail.subject }));
}

const hourly = (studio: MailStudio) => studio.app.run('runHourly', [], { kind: 'trigger' });

describe('follow-up steps', () => {
  it('reaches, three days later and in the same thread, only those who did not reply, bounce or order', () => {
    const { studio, threadOf, expected } = world(50, {
      hard: [1, 2, 3, 4, 5],
      soft: [6, 7],
      replies: [10, 11, 12],
      orders: [20, 21],
    });
    studio.emu.rt.clock.advance(2 * DAY);
    hourly(studio);
    expect(reminders(studio)).toEqual([]); // not due yet
    studio.emu.rt.clock.advance(DAY);
    hourly(studio);
    const sent = reminders(studio);
    expect(sent.map((m) => m.to).sort()).toEqual(expected);
    expect(expected).toHaveLength(38);
    for (const mail of sent) {
      expect(mail.threadId).toBe(threadOf(mail.to));
      const original = studio.emu.mail.outbox.find((m) => m.messageId === mail.threadId);
      expect(mail.subject).toBe(`Re: ${original?.subject ?? '?'}`);
    }
    const rows = studio.sendsOf('followUp:K-0001');
    expect(
      rows
        .filter((r) => r.reason === 'Ответил на письмо')
        .map((r) => r.email)
        .sort(),
    ).toEqual([10, 11, 12].map(email));
    expect(
      rows
        .filter((r) => r.reason === 'Заказал после письма')
        .map((r) => r.email)
        .sort(),
    ).toEqual([20, 21].map(email));
    expect(rows.filter((r) => r.reason === 'Письма не доходили')).toHaveLength(7);
    // Once: the next hours send nothing more.
    studio.emu.rt.clock.advance(60 * MINUTE);
    hourly(studio);
    expect(reminders(studio)).toHaveLength(38);
  });

  it('stops a client whose reply came in the last hour before the step is due', () => {
    const { studio, threadOf } = world(3, { hard: [], soft: [], replies: [], orders: [] });
    studio.emu.rt.clock.advance(3 * DAY);
    const start = studio.emu.toJSON();
    hourly(studio);
    expect(reminders(studio)).toHaveLength(3);
    studio.emu.restore(start);
    studio.emu.mail.replyAsClient(threadOf(email(2)), email(2), 'Уже заказал', studio.emu.rt.clock.now() - 30 * MINUTE);
    hourly(studio);
    expect(
      reminders(studio)
        .map((m) => m.to)
        .sort(),
    ).toEqual([email(1), email(3)]);
  });

  it('sends each follow-up exactly once when the hourly run is killed after any number of calls', () => {
    const { studio, expected } = world(8, { hard: [1], soft: [], replies: [2], orders: [3] });
    const { emu } = studio;
    emu.rt.clock.advance(3 * DAY);
    const start = emu.toJSON();
    emu.rt.resetCounts();
    hourly(studio);
    const calls = emu.rt.total();
    expect(
      reminders(studio)
        .map((m) => m.to)
        .sort(),
    ).toEqual(expected);
    const failures: string[] = [];
    for (let k = 0; k <= calls; k += 1) {
      emu.restore(start);
      emu.rt.killExecutionsAfter(k);
      try {
        hourly(studio);
      } catch (error) {
        if (!/Exceeded maximum execution time|Failed steps/.test(String(error)))
          failures.push(`k=${k}: ${String(error)}`);
      }
      emu.rt.killExecutionsAfter(null);
      emu.rt.clock.advance(60 * MINUTE);
      hourly(studio);
      emu.rt.clock.advance(60 * MINUTE);
      hourly(studio);
      const mailed = reminders(studio)
        .map((m) => m.to)
        .sort();
      if (JSON.stringify(mailed) !== JSON.stringify(expected)) failures.push(`k=${k}: ${mailed.join(',')}`);
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(5 * expected.length);
  }, 600_000);
});
