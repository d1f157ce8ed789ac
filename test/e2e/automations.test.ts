// Automated mailings on a simulated calendar: dist/Code.js with its own hourly and nightly triggers,
// a week stepped hour by hour with emu.advance. Each flow fires on its day, once; consent,
// unsubscribe, quiet hours (21:00–9:00 Moscow) and the weekly cap hold mails back.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { consentingClient, mailStudio } from '../support/mail-studio';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

const FLOW_TEMPLATES = [
  {
    name: 'welcome',
    subject: 'Добро пожаловать, {{first_name|друг}}',
    htmlBody: '<p>Рады вам!</p><a href="{{unsubscribe_link}}">x</a>',
    textBody: '',
  },
  {
    name: 'feedback',
    subject: 'Как вам {{last_order}}?',
    htmlBody: '<p>Оцените: <a href="{{feedback_link}}">анкета</a></p>',
    textBody: '',
  },
  { name: 'winback', subject: 'Давно не виделись', htmlBody: '<p>Последний заказ: {{last_order}}</p>', textBody: '' },
  { name: 'birthday', subject: 'С днём рождения!', htmlBody: '<p>Подарок ждёт</p>', textBody: '' },
  {
    name: 'points-expiry',
    subject: 'Баллы сгорают',
    htmlBody: '<p>{{points}} баллов сгорят {{expires_at}}</p>',
    textBody: '',
  },
  { name: 'tier-reached', subject: 'Новый уровень', htmlBody: '<p>Ваш уровень: {{tier}}</p>', textBody: '' },
];

const completedOrder = (id: string, clientId: string, date: string, amount: number, product: string) => ({
  id,
  clientId,
  date: at(date),
  product,
  amount,
  quantity: 1,
  status: 'completed',
  completedAt: at(date),
});

/**
 * The calendar starts Tue 24 Nov 2026, 12:00 Moscow. Who is due what, and when:
 * - C-W registered this morning → welcome at the next hourly run (24 Nov).
 * - C-N registered too, without consent → nothing.
 * - C-F's order completed 22 Nov → feedback 3 days later, 25 Nov from 9:00, with the prefilled link.
 * - C-R ordered every 30 days (16 Aug, 15 Sep, 15 Oct): late at 15 Oct + 30 × 1.5 = 29 Nov → win-back 29 Nov.
 * - C-B's birthday is 27 Nov → birthday mail 27 Nov.
 * - C-U's birthday is 25 Nov, but they unsubscribed → nothing.
 * - C-K's birthday is 26 Nov, but two campaign mails (23, 24 Nov) fill the weekly cap of 2 until
 *   30 Nov, after the birthday's 3-day window closes → nothing.
 * - C-P has 200 points credited 10 Dec 2025, expiring 10 Dec 2026 → reminder 14 days before, 26 Nov.
 * - C-T spent 400 on 20 Nov (Silver from 300; no completion time, so no feedback mail) with no tier
 *   written yet: the first nightly (25 Nov, 3:00) records Silver reached 20 Nov → tier mail at 9:00 that
 *   day, 5 days late, within its 14. Everyone else the nightly puts in Bronze, the starting tier: no mail.
 */
function flowStudio() {
  const registered = { createdAt: at('2026-11-24T08:00:00Z'), consentAt: at('2026-11-24T08:00:00Z') };
  const clients = [
    consentingClient('C-W', registered),
    consentingClient('C-N', { ...registered, consentAt: null }),
    consentingClient('C-F'),
    consentingClient('C-R'),
    consentingClient('C-B', { birthday: at('1995-11-27T00:00:00Z') }),
    consentingClient('C-U', { birthday: at('1990-11-25T00:00:00Z'), unsubscribedAt: at('2026-10-01T10:00:00Z') }),
    consentingClient('C-K', { birthday: at('1992-11-26T00:00:00Z') }),
    consentingClient('C-P'),
    consentingClient('C-T'),
  ];
  const studio = mailStudio({
    clients,
    orders: [
      completedOrder('O-F1', 'C-F', '2026-11-22T12:00:00Z', 100, 'Стикеры'),
      completedOrder('O-R1', 'C-R', '2026-08-16T12:00:00Z', 50, 'Эмоут'),
      completedOrder('O-R2', 'C-R', '2026-09-15T12:00:00Z', 50, 'Эмоут'),
      completedOrder('O-R3', 'C-R', '2026-10-15T12:00:00Z', 50, 'Бейдж'),
      { ...completedOrder('O-T1', 'C-T', '2026-11-20T12:00:00Z', 400, 'Пак эмоутов'), completedAt: null },
    ],
    sends: [
      {
        campaignId: 'K-0009',
        clientId: 'C-K',
        email: 'c-k@example.com',
        status: 'sent',
        at: at('2026-11-23T10:00:00Z'),
      },
      {
        campaignId: 'K-0010',
        clientId: 'C-K',
        email: 'c-k@example.com',
        status: 'sent',
        at: at('2026-11-24T07:00:00Z'),
      },
    ],
    templates: FLOW_TEMPLATES,
    // Win-back here is the client's own rhythm only; churn risk from the nightly CLV fit is left out.
    // Every flow is off by default: here each is on by a Settings row (no switch-on time, so history counts).
    settings: {
      'flows.winbackRule': JSON.stringify({ churnRiskThreshold: 2 }),
      ...Object.fromEntries(
        ['welcome', 'feedback', 'winback', 'birthday', 'pointsExpiry', 'tierReached'].map((flow) => [
          `flows.${flow}`,
          JSON.stringify({ enabled: true }),
        ]),
      ),
    },
  });
  writeFixture(
    studio.emu,
    'loyalty',
    [
      {
        id: 'L-P1',
        date: at('2025-12-10T12:00:00Z'),
        clientId: 'C-P',
        kind: 'adjust',
        points: 200,
        key: 'adjust:P1',
        orderId: '',
        reason: 'подарок',
        by: 'anna@studio.test',
      },
    ],
    'ru',
  );
  studio.app.run('createForms', [], { kind: 'menu' });
  return studio;
}

/** Moscow is UTC+3 all year. */
const moscowDay = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(0, 10);
const moscowHour = (ms: number) => new Date(ms + 3 * HOUR).getUTCHours();

describe('automated mailings on a simulated calendar', () => {
  it('sends each flow mail on its day, once, never in quiet hours, and holds back what must not go', () => {
    const studio = flowStudio();
    const { emu, sendsOf, rows } = studio;
    // Tue 24 Nov 12:00 → Tue 1 Dec 12:00, every hourly and nightly run on the way.
    for (let day = 0; day < 7; day++) emu.advance(24 * HOUR);
    expect(emu.triggerRuns.filter((run) => run.error)).toEqual([]);

    const mails = emu.mail.outbox.map((mail) => ({
      to: mail.to.join(','),
      subject: mail.subject,
      day: moscowDay(mail.at),
      hour: moscowHour(mail.at),
      html: mail.htmlBody ?? '',
    }));
    const summary = mails.map(({ to, subject, day }) => `${day} ${to} ${subject}`).sort();
    expect(summary).toEqual([
      '2026-11-24 c-w@example.com Добро пожаловать, Клиент',
      '2026-11-25 c-f@example.com Как вам Стикеры?',
      '2026-11-25 c-t@example.com Новый уровень',
      '2026-11-26 c-p@example.com Баллы сгорают',
      '2026-11-27 c-b@example.com С днём рождения!',
      '2026-11-29 c-r@example.com Давно не виделись',
    ]);
    // Quiet hours: mails due overnight wait for the 9:00 run.
    for (const mail of mails) expect(mail.hour, `${mail.to} at ${mail.hour}:00`).toBeGreaterThanOrEqual(9);
    for (const mail of mails) expect(mail.hour).toBeLessThan(21);
    expect(mails.find((mail) => mail.to === 'c-f@example.com')?.hour).toBe(9);

    // The feedback mail carries the feedback form prefilled with its order.
    const feedback = mails.find((mail) => mail.to === 'c-f@example.com')?.html ?? '';
    const link = /href="([^"]+)"/.exec(feedback)?.[1] ?? '';
    expect(link).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    expect(decodeURIComponent(link.replace(/&amp;/g, '&'))).toContain('O-F1');
    // A Russian mail writes the expiry day the Russian way (dd.mm.yyyy), as it writes every date.
    expect(mails.find((mail) => mail.to === 'c-p@example.com')?.html).toContain('200 баллов сгорят 10.12.2026');
    expect(mails.find((mail) => mail.to === 'c-t@example.com')?.html).toContain('Ваш уровень: Silver');
    expect(mails.find((mail) => mail.to === 'c-r@example.com')?.html).toContain('Последний заказ: Бейдж');

    // The welcome mail's unsubscribe link carries the client's language and works in the web app.
    const unsubscribe =
      /href="([^"]+)"/.exec(mails.find((mail) => mail.to === 'c-w@example.com')?.html ?? '')?.[1] ?? '';
    const params = Object.fromEntries(new URL(unsubscribe.replace(/&amp;/g, '&')).searchParams);
    expect(params).toMatchObject({ action: 'unsubscribe', hl: 'ru' });
    expect(studio.app.doGet(params).content).toContain('<button');
    expect(studio.app.callFromClient('confirmUnsubscribe', params.token, params.hl)).toMatchObject({
      message: expect.stringContaining('Вы отписаны'),
    });

    // Sends: one row per flow occasion, written as sent.
    const flowRows = rows('sends').filter((row) => String(row.campaignId).startsWith('flow:'));
    expect(flowRows.map((row) => [row.campaignId, row.clientId, row.occasion].map(String).join(' ')).sort()).toEqual([
      'flow:birthday C-B birthday:2026',
      'flow:feedback C-F order:O-F1',
      'flow:pointsExpiry C-P points:2026-12-10',
      'flow:tierReached C-T tier:Silver',
      'flow:welcome C-W welcome',
      'flow:winback C-R winback:O-R3',
    ]);
    expect(sendsOf('flow:welcome').map((row) => row.status)).toEqual(['Отправлено']);

    // Another week: every occasion above is past or already mailed; nothing goes twice.
    for (let day = 0; day < 7; day++) emu.advance(24 * HOUR);
    expect(emu.mail.outbox).toHaveLength(6);
  });

  it('a flow switched off in the sidebar sends nothing; switched back on, it never mails what passed meanwhile', () => {
    const studio = flowStudio();
    const { emu, call } = studio;
    call('saveAutomation', { flow: 'birthday', enabled: false, delayDays: 0, template: 'birthday' });
    emu.advance(3 * 24 * HOUR); // through 27 Nov 12:00: C-B's birthday passes with the flow off
    expect(emu.mail.outbox.map((mail) => mail.subject)).not.toContain('С днём рождения!');
    call('saveAutomation', { flow: 'birthday', enabled: true, delayDays: 0, template: 'birthday' });
    emu.advance(2 * 24 * HOUR);
    // C-B's birthday (27 Nov) fell before the switch-on: still within the late window, but never mailed.
    expect(emu.mail.outbox.filter((mail) => mail.subject === 'С днём рождения!')).toEqual([]);
  });
});
