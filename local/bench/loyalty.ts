// Loyalty benchmark: the nightly loyalty run over a demo studio of growing size. ordersPerClient 10 is the
// demo's mean per buying client (≈4 per client overall): ≈10 per client at 50,000 clients would pass the
// spreadsheet's 10 million cell limit once the ledger is added, so the label shows the real order count.
import { createEmulator } from '../emulator';
import { loadBundle } from '../emulator/bundle';
import { generateDemoStudio } from '../playground/demo-studio';
import { DEMO_AS_OF, writeRecords, writeStudio } from '../playground/seed';
import type { BenchCase } from './harness';

function loyaltyWorld(clients: number) {
  const emu = createEmulator({ now: DEMO_AS_OF.toISOString(), locale: 'ru' });
  const app = loadBundle(emu);
  const studio = generateDemoStudio({ clients, asOf: DEMO_AS_OF, ordersPerClient: 10 });
  writeStudio(emu, studio, 'ru');
  for (const key of ['settings', 'loyalty', 'discountCodes'] as const) writeRecords(emu, key, [], 'ru');
  return { emu, app, orders: studio.orders.length };
}

function nightlyCase(operation: string, runs: 1 | 2): BenchCase {
  return {
    operation,
    sizes: [1_000, 10_000, 50_000],
    prepare(size) {
      const { emu, app, orders } = loyaltyWorld(size);
      // The second-night case measures the idempotent re-run over a ledger the first run filled.
      if (runs === 2) app.callFromClient('runLoyaltyNow');
      return {
        run: () => {
          emu.rt.resetCounts();
          app.callFromClient('runLoyaltyNow');
        },
        calls: () => emu.rt.snapshotCounts(),
        sizeLabel: `${size.toLocaleString('en')} cl / ${orders.toLocaleString('en')} ord`,
      };
    },
  };
}

export const cases: BenchCase[] = [nightlyCase('Loyalty nightly run (first night)', 1), nightlyCase('Loyalty nightly run (second night, no change)', 2)];
