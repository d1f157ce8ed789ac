// Loyalty benchmark: the nightly loyalty run over a demo studio of growing size. ordersPerClient 10 is the
// demo's mean per buying client (≈4 per client overall). The default sizes write the demo into bare sheets
// (Google's default 26 columns each), where 20,000 clients is the largest that fits Google's 10 million
// cells. The Big row sets the workbook up first, as a studio's is (each sheet trimmed to its columns): at
// 50,000 clients / ≈200,000 orders the first night then fits (≈8.9 M cells after it, ≈410,000 ledger
// rows). Roll-ups (src/domain/loyalty/rollup.ts) keep later years from adding to that; they cannot shrink
// the first night, whose entries are all dated that night. The Big rows run the step as the nightly does:
// one execution after another under the step's budget (nightly.loyaltyRowsPerRun, ledgerRollupRowsPerRun).
import { createEmulator } from '../emulator';
import { loadBundle } from '../emulator/bundle';
import { generateDemoStudio } from '../playground/demo-studio';
import { DEMO_AS_OF, writeRecords, writeStudio } from '../playground/seed';
import { sheetSpec } from '../../src/domain/schema';
import { translate } from '../../src/i18n';
import { countedStep, type BenchCase } from './harness';
import { studioWorld } from './studio';

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

/** Runs the nightly's continuation until its step `step` is done (a continuing step, at most 8 executions). */
function untilStepDone(emu: ReturnType<typeof createEmulator>, app: ReturnType<typeof loadBundle>, step: number): void {
  const next = () => (JSON.parse(emu.properties.script()['scheduled.night'] ?? '{"next":99}') as { next: number }).next;
  for (let execution = 0; execution < 8 && next() <= step; execution += 1)
    app.run('continueNightly', [], { kind: 'trigger' });
}

/**
 * The once-a-year night the ledger's boundary moves: the whole ledger moved back two years (every entry
 * before the boundary), then the nightly's fourth step, as its continuations run it.
 */
function rollupStep(emu: ReturnType<typeof createEmulator>, app: ReturnType<typeof loadBundle>, label: string) {
  const sheet = translate('ru', sheetSpec('loyalty').name);
  const values = emu.spreadsheet.values(sheet);
  const column = (values[0] ?? []).indexOf(translate('ru', 'column.loyalty.date'));
  const twoYears = 2 * 365 * 86_400_000;
  const moved = values.slice(1).map((cells) => {
    // Typed as staff would (the host's edit parses text): the day, two years back, in the sheet's zone.
    const date = cells[column] as { getTime?: () => number } | undefined;
    if (typeof date?.getTime !== 'function') return [''];
    const day = new Date(date.getTime() - twoYears);
    return [day.toLocaleDateString('ru-RU', { timeZone: emu.spreadsheet.timeZone() })];
  });
  const letter = String.fromCharCode(65 + column);
  emu.spreadsheet.edit(sheet, `${letter}2:${letter}${values.length}`, moved);
  return countedStep(
    emu,
    () => {
      // '' reads as "never rolled": the studio's own nights rolled up to this boundary already.
      emu.properties.seed('script', {
        'scheduled.night': JSON.stringify({ next: 3, failed: [] }),
        'rollups.ledgerBoundary': '',
      });
      // Each execution rolls up a run of rows within its budget; the step is done once the night moves on.
      untilStepDone(emu, app, 3);
    },
    `${label} / ${(values.length - 1).toLocaleString('en')} ledger rows`,
  );
}

export const cases: BenchCase[] = [
  nightlyCase('Loyalty nightly run (first night)', 1),
  nightlyCase('Loyalty nightly run (second night, no change)', 2),
  {
    // The once-a-year night the ledger's boundary moves: the studio's whole first-night ledger moved back two
    // years (every entry before the boundary), then the nightly's fourth step, as its continuation runs it.
    operation: 'Big: ledger roll-up step (the whole ledger in closed years)',
    sizes: [10_000],
    prepare(size) {
      const { emu, app, label } = studioWorld(size);
      return rollupStep(emu, app, label);
    },
  },
  {
    // The same at 50,000 clients: the first night of the 50,000-client loyalty row below (≈ 410,000 ledger rows).
    operation: 'Big: ledger roll-up step at 50,000 (the first-night ledger in closed years)',
    sizes: [50_000],
    prepare(size) {
      const { emu, app, orders } = loyaltyWorld(size, true);
      app.callFromClient('runLoyaltyNow');
      return rollupStep(emu, app, `${size.toLocaleString('en')} cl / ${orders.toLocaleString('en')} ord`);
    },
  },
  {
    operation: 'Big: Loyalty nightly run (first night, set-up workbook)',
    sizes: [50_000],
    prepare(size) {
      const { emu, app, orders } = loyaltyWorld(size, true);
      // As the nightly runs it (its second step): executions under the step's budget until it is done.
      return countedStep(
        emu,
        () => {
          emu.properties.seed('script', { 'scheduled.night': JSON.stringify({ next: 1, failed: [] }) });
          untilStepDone(emu, app, 1);
        },
        `${size.toLocaleString('en')} cl / ${orders.toLocaleString('en')} ord`,
      );
    },
  },
];
