// The studio the target rows measure: set up by the add-on (sheets trimmed, triggers installed), a demo
// client base with about 10 orders per client, two segments, a template, and one nightly run behind it so
// the analysis columns and the loyalty ledger are filled as in a studio that has been running.
import { createEmulator, type Emulator } from '../emulator';
import { loadBundle } from '../emulator/bundle';
import { generateDemoStudio } from '../playground/demo-studio';
import { DEMO_AS_OF, writeRecords, writeStudio } from '../playground/seed';

export const BENCH_TEMPLATE = {
  name: 'promo',
  subject: 'Новые эмоуты для {{first_name|друг}}',
  htmlBody:
    '<p>Привет, {{first_name|друг}}!</p><p>{{city|}} · баллы: {{points|0}}</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  textBody: '',
};

export interface StudioOptions {
  /** Mean orders per buying client handed to the demo generator (28 gives about 10 per client overall). */
  ordersPerClient?: number;
  /** Recipients a day (the mail quota). */
  quota?: number;
  /** Run the nightly once before measuring (analysis, loyalty ledger, campaign results). */
  nightly?: boolean;
}

export function studioWorld(clients: number, options: StudioOptions = {}) {
  const emu = createEmulator({
    now: DEMO_AS_OF.toISOString(),
    locale: 'ru',
    userEmail: 'anna@studio.test',
    mailQuota: options.quota ?? 100,
    triggerErrors: 'record',
  });
  // A running studio has deployed its web app: mails with unsubscribe links are not held back for it.
  emu.webapp.deploy({ version: 1 });
  const app = loadBundle(emu);
  emu.spreadsheet.ui.autoAnswer('OK');
  app.run('setupDatabase', [], { kind: 'menu' });
  emu.properties.seed('script', { 'crm.hmacSecret': 'bench-secret' });
  const studio = generateDemoStudio({
    clients,
    asOf: DEMO_AS_OF,
    ordersPerClient: options.ordersPerClient ?? 28,
    dropout: [0.01, 0.06],
  });
  writeStudio(emu, studio, 'ru');
  writeBenchSegments(emu);
  writeRecords(emu, 'templates', [BENCH_TEMPLATE], 'ru');
  writeRecords(emu, 'settings', [{ key: 'campaigns.quotaReserveForFlows', value: '0' }], 'ru');
  if (options.nightly !== false) runNight(app, emu);
  const label = `${clients.toLocaleString('en')} cl / ${studio.orders.length.toLocaleString('en')} ord`;
  return { emu, app, studio, label };
}

/** A whole night: the nightly trigger and its continuations (each step its own execution, a minute apart). */
/** The two saved segments every bench studio has: one simple rule, one with a group and a CLV field. */
export function writeBenchSegments(emu: Emulator): void {
  writeRecords(
    emu,
    'segments',
    [
      { id: 'S-0001', name: 'Gamers who came back', rules: 'topic = gaming AND order_count ≥ 2' },
      {
        id: 'S-0002',
        name: 'Big spenders at risk',
        rules: 'total_spend > 20000 AND (lifecycle = lapsing OR churn_risk > 0.5)',
      },
    ],
    'ru',
  );
}

export function runNight(app: ReturnType<typeof loadBundle>, emu: Emulator): void {
  const failures: string[] = [];
  // A step under its time budget (loyalty, the ledger roll-up) may take more than one execution: the night
  // goes on until its progress has passed every step, at most 8 executions a step (scheduled.ts).
  const done = () => {
    const raw = emu.properties.script()['scheduled.night'];
    return !raw || (JSON.parse(raw) as { next: number }).next >= NIGHTLY_STEPS;
  };
  for (let execution = 0; execution < NIGHTLY_STEPS * 8; execution += 1) {
    try {
      app.run(execution === 0 ? 'runNightly' : 'continueNightly', [], { kind: 'trigger' });
    } catch (error) {
      failures.push(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
    }
    if (done()) break;
  }
  if (failures.length > 0) throw new Error(failures.join(' / '));
}

/** analysis, loyalty, campaign results, ledger and Sends roll-ups, client cards (src/server/app/scheduled.ts). */
export const NIGHTLY_STEPS = 6;

export type StudioWorld = ReturnType<typeof studioWorld>;
