// Issue #14's targets in estimated Google seconds, each at the size the issue names and at a second size
// for the growth ratio: the hourly run with nothing due, the client card, a day of triggers and the
// nightly run. (Registration and feedback answers are in database.ts, the campaign preview and sending in
// campaigns.ts, Google's mail-merge sample in mail-merge.ts.) "Big:" rows run only when named:
// `npm run bench -- big`.
import { countedStep, type BenchCase, type ExecutionUsage } from './harness';
import { runNight, studioWorld } from './studio';
import { DEMO_AS_OF, writeRecords } from '../playground/seed';

/**
 * The hourly run with nothing due as most hours see it: an earlier run this day (after the nightly) looked
 * at every flow and found nothing due, so this one reads a little to learn that nothing changed.
 */
function hourlyIdle(size: number) {
  const { emu, app, label } = studioWorld(size);
  app.run('runHourly', [], { kind: 'trigger' });
  return countedStep(emu, () => app.run('runHourly', [], { kind: 'trigger' }), label);
}

/** The first hourly run after the nightly (or after a row was added): it decides every flow. */
function hourlyFull(size: number) {
  const { emu, app, label } = studioWorld(size);
  return countedStep(emu, () => app.run('runHourly', [], { kind: 'trigger' }), label);
}

export const cases: BenchCase[] = [
  {
    // At 10,000 clients one hourly run takes over 3 minutes of CPU here (see the Big: row), so the
    // default run measures it at two smaller sizes for the growth ratio.
    operation: 'Hourly run, nothing due',
    sizes: [2_500, 5_000],
    target: { seconds: 3, of: 'step' },
    prepare: hourlyIdle,
  },
  {
    operation: 'Big: hourly run, nothing due',
    sizes: [10_000],
    target: { seconds: 3, of: 'step' },
    prepare: hourlyIdle,
  },
  {
    // Once a day (and after new rows): not the idle target, but it sets the day's cost and must grow linearly.
    operation: 'Hourly run, first after the nightly (every flow decided)',
    sizes: [2_500, 5_000],
    prepare: hourlyFull,
  },
  {
    operation: 'Big: hourly run, first after the nightly (every flow decided)',
    sizes: [10_000],
    prepare: hourlyFull,
  },
  {
    // The sidebar's card is one call answering its four parts (src/ui/sections/client-card.ts loadCard).
    operation: 'Client card (one call: card, insights, loyalty, mails)',
    sizes: [5_000, 10_000],
    target: { seconds: 2, of: 'step', executions: 1 },
    prepare(size) {
      const { emu, app, studio, label } = studioWorld(size);
      const clientId = studio.orders[0]!.clientId;
      return countedStep(
        emu,
        () => {
          app.callFromClient('getClientCard', clientId);
        },
        label,
      );
    },
  },
  {
    // The same card later in the day: 150 orders came in since the night (one of them the client's, a day
    // and a half of this studio's), and staff adjusted the client's points. The card reads those sheets'
    // new rows (header and rows after the kept last row) besides what it reads right after the night.
    operation: 'Client card, after a day of new rows (150 orders, a points adjustment)',
    sizes: [10_000],
    target: { seconds: 2, of: 'step', executions: 1 },
    prepare(size) {
      const { emu, app, studio, label } = studioWorld(size);
      const clientId = studio.orders[0]!.clientId;
      const at = new Date(DEMO_AS_OF.getTime() + 3_600_000);
      const others = studio.orders.slice(1, 150);
      const orders = [studio.orders[0]!, ...others].map((order, index) => ({
        ...order,
        id: `O-DAY-${index + 1}`,
        date: at,
        status: 'new',
        completedAt: null,
      }));
      writeRecords(emu, 'orders', orders, 'ru');
      app.callFromClient('adjustPoints', { clientId, points: -10, reason: 'bench', pressId: 'bench-day' });
      return countedStep(
        emu,
        () => {
          app.callFromClient('getClientCard', clientId);
        },
        label,
      );
    },
  },
  {
    // The nightly step that keeps what the card above reads (src/server/intake/client-card-store.ts), run
    // as its continuation would be: the night's sixth step, on a studio whose previous night kept it.
    operation: 'Nightly step: client cards kept',
    sizes: [5_000, 10_000],
    target: { seconds: 240, of: 'execution' },
    prepare(size) {
      const { emu, app, label } = studioWorld(size);
      return countedStep(
        emu,
        () => {
          emu.properties.seed('script', { 'scheduled.night': JSON.stringify({ next: 5, failed: [] }) });
          app.run('continueNightly', [], { kind: 'trigger' });
        },
        label,
      );
    },
  },
  {
    // A projection, not 24 measured hours: 24 hourly runs at 10,000 clients would take over an hour of CPU
    // here. Pressing send (a sidebar call, before the day) decides the campaign with no quota left, so it
    // pauses for the quota; the day then has quota for 1,000 recipients. Measured: the nightly, the day's
    // first hourly run (it decides every flow and resumes the paused campaign), the continuations until they
    // stop sending, and one hourly run with nothing due; the day is all of them + 22 more idle hourly runs.
    operation: 'Big: a day of triggers (projected from measured runs)',
    sizes: [10_000],
    target: { seconds: 30 * 60, of: 'step' },
    prepare(size) {
      const { emu, app, label } = studioWorld(size, { quota: 0 });
      app.callFromClient('createCampaign', {
        name: 'Bench day',
        segmentId: 'S-0001',
        template: 'promo',
        senderName: 'Studio',
        replyTo: '',
        scheduledAt: null,
        cost: 0,
      });
      app.callFromClient(
        'sendCampaign',
        'K-0001',
        (app.callFromClient('confirmCampaign', 'K-0001') as { count: number }).count,
      );
      emu.mail.setQuota(1_000);
      let continuations = 0;
      const step = countedStep(
        emu,
        () => {
          runNight(app, emu);
          // The day's first hourly run decides every flow and resumes the campaign; the other 23 find nothing changed.
          app.run('runHourly', [], { kind: 'trigger' });
          for (let sent = -1; sent !== emu.mail.outbox.length && continuations < 30; continuations += 1) {
            sent = emu.mail.outbox.length;
            app.run('continueCampaigns', [], { kind: 'trigger' });
          }
          app.run('runHourly', [], { kind: 'trigger' });
        },
        label,
      );
      const secondsOf = (executions: ExecutionUsage[], cause: string): number =>
        executions.filter((e) => e.cause === cause).reduce((sum, e) => sum + e.seconds, 0);
      return {
        ...step,
        score: (executions) => {
          const nightly =
            secondsOf(executions, 'trigger:runNightly') + secondsOf(executions, 'trigger:continueNightly');
          const sending = secondsOf(executions, 'trigger:continueCampaigns');
          const hourlyRuns = executions.filter((e) => e.cause === 'trigger:runHourly');
          const fullHour = hourlyRuns[0]?.seconds ?? 0;
          const idleHour = hourlyRuns[1]?.seconds ?? 0;
          const day = nightly + sending + fullHour + 23 * idleHour;
          return {
            seconds: day,
            note: `projected trigger run time ${(day / 60).toFixed(1)} min = nightly ${nightly.toFixed(0)} s + first hourly (with its sending) ${fullHour.toFixed(0)} s + continuations ${sending.toFixed(0)} s + 23 × idle hourly ${idleHour.toFixed(1)} s`,
          };
        },
        note: () =>
          `segment S-0001, quota 1,000 a day: ${emu.mail.outbox.length} mails, in the first hourly run and ${continuations} continuation runs`,
      };
    },
  },
  {
    // Each step its own execution (runNightly, then continueNightly a minute later for each next step).
    operation: 'Big: nightly run (analysis, loyalty, campaign results)',
    sizes: [50_000],
    target: { seconds: 240, of: 'execution' },
    prepare(size) {
      const { emu, app, label } = studioWorld(size, { ordersPerClient: 20, nightly: false });
      let failure = '';
      return {
        ...countedStep(
          emu,
          () => {
            try {
              runNight(app, emu);
            } catch (error) {
              failure = error instanceof Error ? error.message.split('\n')[0]! : String(error);
            }
          },
          label,
        ),
        failure: () =>
          failure
            ? `${failure}; ${emu.logs
                .messages('error')
                .map((message) => message.split('\n')[0])
                .slice(0, 2)
                .join(' / ')}`
            : '',
      };
    },
  },
  {
    // The two heavy steps on their own, as the target wants them (campaign results is not a public function).
    operation: 'Big: nightly steps as separate executions',
    sizes: [50_000],
    target: { seconds: 240, of: 'execution' },
    prepare(size) {
      const { emu, app, label } = studioWorld(size, { ordersPerClient: 20, nightly: false });
      let failure = '';
      return {
        ...countedStep(
          emu,
          () => {
            for (const fn of ['runAnalysisNightly', 'runLoyaltyNow']) {
              try {
                app.run(fn, [], { kind: 'trigger' });
              } catch (error) {
                failure += `${fn} failed: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)} `;
              }
            }
          },
          label,
        ),
        failure: () => failure.trim(),
      };
    },
  },
];
