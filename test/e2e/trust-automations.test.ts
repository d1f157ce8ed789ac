// Calm by default, on dist/Code.js with its own hourly and nightly triggers: a new studio mails nobody
// until a flow is switched on; the forecast says what a flow would send in the next 7 days; switched
// on, a flow never mails for what happened before; one mail of a kind a week, campaign or flow; and
// the weekly cap holds over a simulated month of campaigns and flows together.
import { describe, expect, it } from 'vitest';
import { consentingClient, createCampaignFor, mailStudio } from '../support/mail-studio';
import { writeFixture } from '../support/sheet-fixtures';
import type { AutomationForecast, AutomationView, CampaignConfirmation } from '../../src/contract/sidebar-api';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

const TEMPLATES = [
  { name: 'welcome', subject: 'Добро пожаловать', htmlBody: '<p>Рады вам!</p>', textBody: '' },
  { name: 'feedback', subject: 'Как вам {{last_order}}?', htmlBody: '<p>Оцените заказ</p>', textBody: '' },
  { name: 'winback', subject: 'Давно не виделись', htmlBody: '<p>Ждём вас</p>', textBody: '' },
  { name: 'birthday', subject: 'С днём рождения!', htmlBody: '<p>Подарок ждёт</p>', textBody: '' },
  { name: 'promo', subject: 'Новинки', htmlBody: '<p>Смотрите</p>', textBody: '' },
];

const completed = (id: string, clientId: string, date: string) => ({
  id,
  clientId,
  date: at(date),
  product: 'Эмоут',
  amount: 50,
  quantity: 1,
  status: 'completed',
  completedAt: at(date),
});

/**
 * The studio just loaded its history (24 Nov 2026, 12:00 Moscow):
 * C-W registered this morning; C-F's order completed 22 Nov (feedback due 25 Nov); C-B's birthday is
 * 27 Nov; C-R orders every 30 days (16 Aug, 15 Sep, 15 Oct), so win-back is due 29 Nov.
 */
function historyStudio() {
  const registered = { createdAt: at('2026-11-24T06:00:00Z'), consentAt: at('2026-11-24T06:00:00Z') };
  return mailStudio({
    clients: [
      consentingClient('C-W', { ...registered, name: 'Вера Новикова' }),
      consentingClient('C-F', { name: 'Фёдор Лебедев' }),
      consentingClient('C-B', { name: 'Борис Орлов', birthday: at('1995-11-27T00:00:00Z') }),
      consentingClient('C-R', { name: 'Роман Соколов' }),
    ],
    orders: [
      completed('O-F1', 'C-F', '2026-11-22T12:00:00Z'),
      completed('O-R1', 'C-R', '2026-08-16T12:00:00Z'),
      completed('O-R2', 'C-R', '2026-09-15T12:00:00Z'),
      completed('O-R3', 'C-R', '2026-10-15T12:00:00Z'),
    ],
    templates: TEMPLATES,
    // Win-back by the client's own rhythm only (no churn risk from the nightly fit).
    settings: { 'flows.winbackRule': JSON.stringify({ churnRiskThreshold: 2 }) },
  });
}

describe('calm by default', () => {
  it('a new studio with history mails nobody while every flow is off', () => {
    const studio = historyStudio();
    const flows = studio.call<AutomationView[]>('listAutomations');
    expect(flows.map((flow) => flow.enabled)).toEqual([false, false, false, false, false, false]);
    studio.emu.advance(8 * DAY);
    expect(studio.emu.mail.outbox).toEqual([]);
  });

  it('forecasts the next 7 days before switching on, then mails only what happens after the switch', () => {
    const studio = historyStudio();
    const { call, emu } = studio;
    // By hand: the birthday (27 Nov) and the win-back (29 Nov) fall within the week; the order and the
    // registration are history, so feedback and welcome would send nothing.
    expect(call<AutomationForecast>('forecastAutomation', 'birthday')).toMatchObject({
      count: 1,
      clients: ['Борис Орлов (C-B)'],
    });
    expect(call<AutomationForecast>('forecastAutomation', 'winback')).toMatchObject({
      count: 1,
      clients: ['Роман Соколов (C-R)'],
    });
    expect(call<AutomationForecast>('forecastAutomation', 'feedback')).toMatchObject({ count: 0, clients: [] });
    expect(call<AutomationForecast>('forecastAutomation', 'welcome')).toMatchObject({ count: 0, clients: [] });
    for (const flow of ['welcome', 'feedback', 'birthday'])
      call('saveAutomation', { flow, enabled: true, delayDays: flow === 'feedback' ? 3 : 0, template: flow });
    emu.advance(6 * DAY);
    // The birthday only: C-W's registration and C-F's order happened before the switch.
    expect(emu.mail.outbox.map((mail) => [mail.subject, mail.to])).toEqual([['С днём рождения!', ['c-b@example.com']]]);
  });

  it('a win-back campaign and the win-back flow never both reach a client within the week', () => {
    const studio = historyStudio();
    const { call, emu } = studio;
    // A win-back campaign (the flow's template) to everyone today, 24 Nov.
    const id = createCampaignFor(studio, { name: 'Вернитесь', template: 'winback' });
    const confirmation = call<CampaignConfirmation>('confirmCampaign', id);
    call('sendCampaign', id, confirmation.count);
    expect(studio.mailedTo()).toHaveLength(4);
    call('saveAutomation', { flow: 'winback', enabled: true, delayDays: 0, template: 'winback' });
    // C-R's win-back falls due 29 Nov, within the week of the campaign: held back until 1 Dec 09:00 Moscow.
    emu.advance(6 * DAY); // through 30 Nov 12:00
    expect(studio.mailedTo().filter((to) => to === 'c-r@example.com')).toHaveLength(1);
    emu.advance(2 * DAY); // through 2 Dec 12:00: the week has passed, the flow's late window is still open
    expect(studio.mailedTo().filter((to) => to === 'c-r@example.com')).toHaveLength(2);
    // The other way round: a second win-back campaign skips C-R, mailed by the flow this week, by that reason.
    const again = createCampaignFor(studio, { name: 'Ещё раз', template: 'winback' });
    expect(call<CampaignConfirmation>('confirmCampaign', again).skippedByReason).toMatchObject({ sameKind: 1 });
  });

  it('a campaign larger than the quota leaves the flows their reserve: a new client is still welcomed that day', () => {
    const clients = Array.from({ length: 15 }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`));
    const studio = mailStudio({
      quota: 12,
      clients,
      templates: TEMPLATES,
      settings: { 'campaigns.quotaReserveForFlows': '2' },
    });
    const { call, emu } = studio;
    call('saveAutomation', { flow: 'welcome', enabled: true, delayDays: 0, template: 'welcome' });
    const id = createCampaignFor(studio, { name: 'Много', template: 'promo' });
    const confirmation = call<CampaignConfirmation>('confirmCampaign', id);
    // By hand: 15 recipients, quota 12 less the reserve of 2 → 10 today.
    expect(confirmation).toMatchObject({ count: 15, today: 10 });
    call('sendCampaign', id, confirmation.count);
    expect(studio.mailedTo()).toHaveLength(10);
    // A client registers after the switch-on; the next hourly run welcomes them from the reserve.
    const now = new Date(emu.clock.now());
    // writeFixture appends: the new client only.
    writeFixture(emu, 'clients', [consentingClient('C-NEW', { createdAt: now, consentAt: now })], 'ru');
    emu.advance(2 * HOUR);
    const subjects = emu.mail.outbox.map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject === 'Новинки')).toHaveLength(10);
    expect(subjects.filter((subject) => subject === 'Добро пожаловать')).toHaveLength(1);
  });

  it('over a simulated month of campaigns and flows, nobody gets more than 2 marketing mails in any 7 days', () => {
    const clients = Array.from({ length: 12 }, (_, i) =>
      consentingClient(`C-${String(i + 1).padStart(4, '0')}`, {
        // Birthdays spread over the month ahead.
        birthday: new Date(Date.UTC(1990, 10, 25 + 2 * i)),
      }),
    );
    // Every client orders every 20 days, the last ones spread so win-backs fall due through the month.
    const orders = clients.flatMap((client, i) =>
      [60, 40, 20].map((ago, k) =>
        completed(
          `O-${i}-${k}`,
          String(client.id),
          new Date(Date.parse('2026-11-24T12:00:00Z') - (ago + i) * DAY).toISOString(),
        ),
      ),
    );
    const studio = mailStudio({
      clients,
      orders,
      templates: TEMPLATES,
      settings: {
        'flows.winbackRule': JSON.stringify({ churnRiskThreshold: 2 }),
        'campaigns.quotaReserveForFlows': '0',
      },
    });
    const { call, emu } = studio;
    for (const flow of ['birthday', 'winback'])
      call('saveAutomation', { flow, enabled: true, delayDays: 0, template: flow });
    for (let day = 0; day < 30; day++) {
      // A promo campaign every third day, confirmed and sent as staff would.
      if (day % 3 === 0) {
        const id = createCampaignFor(studio, { name: `Промо ${day}`, template: 'promo' });
        const confirmation = call<CampaignConfirmation>('confirmCampaign', id);
        if (confirmation.count > 0) call('sendCampaign', id, confirmation.count);
      }
      emu.advance(DAY);
    }
    const mails = emu.mail.outbox;
    const subjects = new Set(mails.map((mail) => mail.subject));
    // Both flows and the campaigns did send during the month: the cap was tested, not avoided.
    expect(subjects).toEqual(new Set(['Новинки', 'С днём рождения!', 'Давно не виделись']));
    for (const client of clients) {
      const times = mails
        .filter((mail) => mail.to.includes(String(client.email)))
        .map((mail) => Number(mail.at))
        .sort((a, b) => a - b);
      // Any three mails to one client span at least 7 days: no window `t − 7 days < at ≤ t` holds three
      // (the weekly cap is 2, as docs/mail.md defines the rolling week).
      for (let k = 2; k < times.length; k++)
        expect((times[k] ?? 0) - (times[k - 2] ?? 0)).toBeGreaterThanOrEqual(7 * DAY);
    }
  }, 240_000); // a month of hourly and continuation runs, each execution evaluating the bundle afresh

  it('the tier flow switched on after history is loaded mails only tiers reached after the switch', () => {
    const tierTemplate = {
      name: 'tier',
      subject: 'Новый уровень: {{tier}}',
      htmlBody: '<p>Поздравляем</p>',
      textBody: '',
    };
    const history = [
      // C-OLD's loaded history: 400 on 1 Jun (Silver at 300), 700 on 1 Sep (1100: Gold at 1000), both
      // within the 365-day window on 24 Nov; C-NEW: 200 on 1 Oct, Bronze.
      { ...completed('O-1', 'C-OLD', '2026-06-01T12:00:00Z'), amount: 400 },
      { ...completed('O-2', 'C-OLD', '2026-09-01T12:00:00Z'), amount: 700 },
      { ...completed('O-3', 'C-NEW', '2026-10-01T12:00:00Z'), amount: 200 },
    ];
    const studio = mailStudio({
      clients: [
        consentingClient('C-OLD', { name: 'Ольга Старова' }),
        consentingClient('C-NEW', { name: 'Нина Новак' }),
      ],
      orders: history,
      templates: [...TEMPLATES, tierTemplate],
    });
    const { call, emu } = studio;
    // Switched on today, 24 Nov 12:00 Moscow, before loyalty has ever run over the history.
    call('saveAutomation', { flow: 'tierReached', enabled: true, delayDays: 0, template: 'tier' });
    emu.advance(DAY); // the night to 25 Nov: C-OLD is first seen at Gold (reached 1 Sep), C-NEW stays Bronze
    expect(emu.mail.outbox).toEqual([]);
    // 25 Nov: both order again after the switch. C-NEW: 200 + 200 = 400 ≥ 300 → Silver, reached now;
    // C-OLD: 1100 + 100, still Gold (no new tier, though the nightly run re-stamps Tier since).
    const now = emu.clock.now();
    writeFixture(
      emu,
      'orders',
      [
        { ...completed('O-4', 'C-NEW', new Date(now).toISOString()), amount: 200 },
        { ...completed('O-5', 'C-OLD', new Date(now).toISOString()), amount: 100 },
      ],
      'ru',
    );
    emu.advance(3 * DAY);
    expect(emu.mail.outbox.map((mail) => [mail.subject, mail.to])).toEqual([
      ['Новый уровень: Silver', ['c-new@example.com']],
    ]);
  });
});
