// Analysis benchmark: the full refresh (read, CLV fit and scoring, RFM, lifecycle, segments, KPIs, derived
// Clients columns, Segments counts, Dashboard with charts) over a demo studio of growing size.
// The issue asks for about 10 orders per client: the demo's ordersPerClient is a mean per *buying* client
// and buyers here stay longer than in the playground's demo: about 10 per client; the label shows the real numbers.
import { createEmulator } from '../emulator';
import { loadBundle } from '../emulator/bundle';
import { generateDemoStudio } from '../playground/demo-studio';
import { DEMO_AS_OF, writeRecords, writeStudio } from '../playground/seed';
import { countedStep, type BenchCase } from './harness';
import { writeBenchSegments } from './studio';

function analysisWorld(clients: number) {
  const emu = createEmulator({ now: DEMO_AS_OF.toISOString(), locale: 'ru' });
  const app = loadBundle(emu);
  // Set up by the add-on, as a studio's workbook is: sheets trimmed to their columns (Google's limit is
  // 10 million cells per spreadsheet).
  emu.spreadsheet.ui.autoAnswer('OK');
  app.run('setupDatabase', [], { kind: 'menu' });
  // At 50,000 clients, ~10 orders each plus their feedback would pass the limit: ~8 each there.
  const studio = generateDemoStudio({
    clients,
    asOf: DEMO_AS_OF,
    ordersPerClient: clients >= 50_000 ? 20 : 28,
    dropout: [0.01, 0.06],
  });
  writeStudio(emu, studio, 'ru');
  writeBenchSegments(emu);
  for (const key of ['settings', 'problems'] as const) writeRecords(emu, key, [], 'ru');
  return { emu, app, orders: studio.orders.length };
}

export const cases: BenchCase[] = [
  {
    operation: 'Refresh analysis (full)',
    sizes: [1_000, 10_000, 50_000],
    prepare(size) {
      const { emu, app, orders } = analysisWorld(size);
      const label = `${size.toLocaleString('en')} cl / ${orders.toLocaleString('en')} ord (${(orders / size).toFixed(1)}/cl)`;
      return countedStep(emu, () => app.run('refreshAnalysis', [], { kind: 'menu' }), label);
    },
  },
];
