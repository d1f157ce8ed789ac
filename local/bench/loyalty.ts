// Loyalty benchmark: the nightly loyalty run over a demo studio of growing size. ordersPerClient 10 is the
// demo's mean per buying client (≈4 per client overall). The default sizes write the demo into bare sheets
// (Google's default 26 columns each), where 20,000 clients is the largest that fits Google's 10 million
// cells. The Big row sets the workbook up first, as a studio's is (each sheet trimmed to its columns): at
// 50,000 clients / ≈200,000 orders the first night then fits (≈8.9 M cells after it, ≈410,000 ledger
// rows). Roll-ups (src/domain/loyalty/rollup.ts) keep later years from adding to that; they cannot shrink
// the first night, whose entries are all dated that night.
import { createEmulator } from '../emulator';
import { loadBundle } from '../emulator/bundle';
import { generateDemoStudio } from '../playground/demo-studio';
import { DEMO_AS_OF, writeRecords, writeStudio } from '../playground/seed';
import { countedStep, type BenchCase } from './harness';

function loyaltyWorld(clients: number, setUp = false) {
  const emu = createEmulator({ now: DEMO_AS_OF.toISOString(), locale: 'ru' });
  const app = loadBundle(emu);
  if (setUp) {
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('setupDatabase', [], { kind: 'menu' });
  }
  const studio = generateDemoStudio({ clients, asOf: DEMO_AS_OF, ordersPerClient: 10 });
  writeStudio(emu, studio, 'ru');
  for (const key of ['settings', 'loyalty', 'discountCodes'] as const) writeRecords(emu, key, [], 'ru');
  return { emu, app, orders: studio.orders.length };
}

function nightlyCase(operation: string, runs: 1 | 2): BenchCase {
  return {
    operation,
    sizes: [1_000, 10_000, 20_000],
    prepare(size) {
      const { emu, app, orders } = loyaltyWorld(size);
      // The second-night case measures the idempotent re-run over a ledger the first run filled.
      if (runs === 2) app.callFromClient('runLoyaltyNow');
      return countedStep(
        emu,
        () => app.callFromClient('runLoyaltyNow'),
        `${size.toLocaleString('en')} cl / ${orders.toLocaleString('en')} ord`,
      );
    },
  };
}

export const cases: BenchCase[] = [
  nightlyCase('Loyalty nightly run (first night)', 1),
  nightlyCase('Loyalty nightly run (second night, no change)', 2),
  {
    operation: 'Big: Loyalty nightly run (first night, set-up workbook)',
    sizes: [50_000],
    prepare(size) {
      const { emu, app, orders } = loyaltyWorld(size, true);
      return countedStep(
        emu,
        () => app.callFromClient('runLoyaltyNow'),
        `${size.toLocaleString('en')} cl / ${orders.toLocaleString('en')} ord`,
      );
    },
  },
];
