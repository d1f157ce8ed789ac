// The 5-year projection: cells a 10,000-client studio adds per year, against Google's 10 million cells per
// spreadsheet. Measured: the workbook after setup, two years of demo history and one nightly (each sheet's
// grid, maxRows × maxColumns, which is what Google counts), and the Sends rows one campaign to every client
// writes. Projected: a year's growth = the demo's last-year orders, feedback and requests, the ledger in
// proportion to orders, new clients of the last year, and 12 campaigns to every client (one a month; flows
// not counted); each new row costs its sheet's width in cells.
// With roll-ups (src/domain/campaigns/rollup.ts, src/domain/loyalty/rollup.ts, on by default): Sends holds
// at most `sendsAfterMonths` of mails (a finished campaign's skips never stay) plus a Send totals row per
// client and campaign; the ledger holds the current year and `ledgerKeepYears` closed ones plus one
// roll-up entry per client (its carried lots are zeroed by expiry within `expiryMonths`, so not counted).
import { sheetSpec, type SheetKey } from '../../src/domain/schema';
import { DEFAULT_ROLLUP_SETTINGS } from '../../src/domain/campaigns/rollup';
import { translate } from '../../src/i18n';
import { DEMO_AS_OF, writeRecords } from '../playground/seed';
import { countedStep, type BenchCase } from './harness';
import { studioWorld } from './studio';

const GOOGLE_CELL_LIMIT = 10_000_000;
const CAMPAIGNS_PER_YEAR = 12;
const YEAR = 365 * 24 * 3_600_000;

interface SheetSize {
  name: string;
  rows: number;
  columns: number;
  grid: number;
}

interface SheetLike {
  getName(): string;
  getMaxRows(): number;
  getMaxColumns(): number;
  getLastRow(): number;
}

function sheetSizes(emu: ReturnType<typeof studioWorld>['emu']): SheetSize[] {
  return emu.rt.internal(() =>
    emu.withContext({ kind: 'test', authMode: 'FULL' }, () => {
      const app = (emu.globals() as { SpreadsheetApp: { getActiveSpreadsheet(): { getSheets(): SheetLike[] } } })
        .SpreadsheetApp;
      return app
        .getActiveSpreadsheet()
        .getSheets()
        .map((sheet) => ({
          name: sheet.getName(),
          rows: sheet.getLastRow(),
          columns: sheet.getMaxColumns(),
          grid: sheet.getMaxRows() * sheet.getMaxColumns(),
        }));
    }),
  );
}

export interface Report {
  name: string;
  run(log: (line: string) => void): void;
}

const NAME = 'Projection: cells per year, 10,000-client studio, 5 years';

export function projectCells(clients: number, log: (line: string) => void): void {
  const { emu, app, studio } = studioWorld(clients);
  const before = sheetSizes(emu);
  const sendsName = translate('ru', sheetSpec('sends').name);
  const sendsBefore = before.find((sheet) => sheet.name === sendsName)?.rows ?? 0;
  emu.mail.setQuota(0);
  app.callFromClient('createCampaign', {
    name: 'To all',
    segmentId: 'all',
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
  const sizes = sheetSizes(emu);
  const width = (key: SheetKey): number =>
    sizes.find((sheet) => sheet.name === translate('ru', sheetSpec(key).name))?.columns ?? 0;
  const rowsOf = (key: SheetKey): number =>
    sizes.find((sheet) => sheet.name === translate('ru', sheetSpec(key).name))?.rows ?? 0;
  const sendsPerCampaign = rowsOf('sends') - sendsBefore;
  const sendsValues = emu.spreadsheet.values(translate('ru', sheetSpec('sends').name));
  const statusColumn = (sendsValues[0] ?? []).indexOf(translate('ru', 'column.sends.status'));
  const skippedLabel = translate('ru', 'enum.sendStatus.skipped');
  const mailedPerCampaign = sendsValues
    .slice(1 + sendsBefore)
    .filter((cells) => cells[statusColumn] !== skippedLabel && cells[statusColumn] !== '').length;
  const lastYear = (date: Date): boolean => date.getTime() > DEMO_AS_OF.getTime() - YEAR;
  const ordersLastYear = studio.orders.filter((order) => lastYear(order.date)).length;
  const perYear: Array<[string, number, SheetKey]> = [
    ['orders (last year of the demo)', ordersLastYear, 'orders'],
    ['feedback (last year)', studio.feedback.filter((entry) => lastYear(entry.date)).length, 'feedback'],
    ['requests (last year)', studio.requests.filter((request) => lastYear(request.receivedAt)).length, 'requests'],
    [
      'new clients (last year)',
      studio.clients.filter((client) => client.createdAt && lastYear(client.createdAt)).length,
      'clients',
    ],
    [
      'loyalty ledger (in proportion to orders)',
      Math.round((rowsOf('loyalty') - 1) * (ordersLastYear / studio.orders.length)),
      'loyalty',
    ],
    [
      `sends (${CAMPAIGNS_PER_YEAR} campaigns × ${sendsPerCampaign.toLocaleString('en')} rows, skipped members included)`,
      CAMPAIGNS_PER_YEAR * sendsPerCampaign,
      'sends',
    ],
  ];
  const now = sizes.reduce((sum, sheet) => sum + sheet.grid, 0);
  log(
    `${NAME} (measured at ${clients.toLocaleString('en')} clients, ${studio.orders.length.toLocaleString('en')} orders over 2 years, after one nightly and one campaign)`,
  );
  log(
    `  workbook now: ${now.toLocaleString('en')} cells (${sizes.map((sheet) => `${sheet.name} ${sheet.grid.toLocaleString('en')}`).join(', ')})`,
  );
  let yearly = 0;
  for (const [what, rows, key] of perYear) {
    const cells = rows * width(key);
    yearly += cells;
    log(
      `  + per year: ${what}: ${rows.toLocaleString('en')} rows × ${width(key)} columns = ${cells.toLocaleString('en')} cells`,
    );
  }
  log(`  cells per year: ${yearly.toLocaleString('en')}`);
  for (let year = 1; year <= 5; year += 1) {
    const total = now + year * yearly;
    log(
      `  year ${year} without roll-ups: ${total.toLocaleString('en')} cells — ${total <= GOOGLE_CELL_LIMIT ? 'under' : 'OVER'} Google's 10,000,000`,
    );
  }

  // With roll-ups: Sends and the ledger stop growing with the years; the rest grows as before.
  const gridOf = (key: SheetKey): number =>
    sizes.find((sheet) => sheet.name === translate('ru', sheetSpec(key).name))?.grid ?? 0;
  const [ledgerPerYear = 0, newClientsPerYear = 0] = [
    perYear.find(([, , key]) => key === 'loyalty')?.[1],
    perYear.find(([, , key]) => key === 'clients')?.[1],
  ];
  const linear = perYear
    .filter(([, , key]) => key !== 'sends' && key !== 'loyalty')
    .reduce((sum, [, rows, key]) => sum + rows * width(key), 0);
  const base = now - gridOf('sends') - gridOf('loyalty');
  const { sendsAfterMonths, ledgerKeepYears } = DEFAULT_ROLLUP_SETTINGS;
  const sendsKept = Math.round((CAMPAIGNS_PER_YEAR * sendsAfterMonths) / 12) * mailedPerCampaign * width('sends');
  const totalsWidth = sheetSpec('sendTotals').columns.length;
  log(
    `  with roll-ups (every ${sendsAfterMonths} months of Sends, ${ledgerKeepYears} closed ledger year kept): ` +
      `Sends ≤ ${Math.round((CAMPAIGNS_PER_YEAR * sendsAfterMonths) / 12)} campaigns × ${mailedPerCampaign.toLocaleString('en')} mailed rows ` +
      `(skips are counted, not kept) = ${sendsKept.toLocaleString('en')} cells; Send totals a row per client and campaign × ${totalsWidth} columns; ` +
      `ledger ≤ ${ledgerKeepYears + 1} years × ${ledgerPerYear.toLocaleString('en')} rows + a roll-up row per client`,
  );
  for (let year = 1; year <= 5; year += 1) {
    const clientsThen = studio.clients.length + year * newClientsPerYear;
    const totals = (clientsThen + year * CAMPAIGNS_PER_YEAR) * totalsWidth;
    const ledger = ((ledgerKeepYears + 1) * ledgerPerYear + clientsThen) * width('loyalty');
    const total = base + year * linear + sendsKept + totals + ledger;
    const rest = base + year * linear;
    log(
      `  year ${year} with roll-ups: ${total.toLocaleString('en')} cells (orders, clients, feedback, requests and the other sheets ${rest.toLocaleString('en')}; ` +
        `Sends ${sendsKept.toLocaleString('en')}; Send totals ${totals.toLocaleString('en')}; ledger ${ledger.toLocaleString('en')}) — ` +
        `${total <= GOOGLE_CELL_LIMIT ? 'under' : 'OVER'} Google's 10,000,000 (target: under for 5 years: ${total <= GOOGLE_CELL_LIMIT ? 'met' : 'MISS'})`,
    );
  }
}

export const reports: Report[] = [{ name: NAME, run: (log) => projectCells(10_000, log) }];

const MONTH = YEAR / 12;

/**
 * The nightly Sends roll-up when a year of campaigns passes the cutoff at once: 12 finished campaigns to
 * every client, 13 to 24 months old (85 % mailed, 15 % skipped), rolled in one step (the nightly's fifth).
 */
export const cases: BenchCase[] = [
  {
    operation: 'Big: Sends roll-up step (12 campaigns, a year past the cutoff)',
    sizes: [10_000],
    prepare(size) {
      const { emu, app, studio, label } = studioWorld(size);
      const campaigns = Array.from({ length: CAMPAIGNS_PER_YEAR }, (_, index) => ({
        id: `K-9${String(index + 1).padStart(3, '0')}`,
        at: new Date(DEMO_AS_OF.getTime() - (24 - index) * MONTH),
      }));
      writeRecords(
        emu,
        'campaigns',
        campaigns.map((campaign) => ({
          id: campaign.id,
          name: campaign.id,
          segmentId: 'all',
          template: 'promo',
          status: 'done',
          cost: 0,
          createdAt: campaign.at,
        })),
        'ru',
      );
      writeRecords(
        emu,
        'sends',
        campaigns.flatMap((campaign) =>
          studio.clients.map((client, index) => ({
            campaignId: campaign.id,
            clientId: client.id,
            email: client.email,
            status: index % 20 < 17 ? 'sent' : 'skipped',
            reason: index % 20 < 17 ? '' : 'noConsent',
            at: campaign.at,
          })),
        ),
        'ru',
      );
      return countedStep(
        emu,
        () => {
          // The night's fifth step (src/server/app/scheduled.ts), run as its continuation would be.
          emu.properties.seed('script', { 'scheduled.night': JSON.stringify({ next: 4, failed: [] }) });
          app.run('continueNightly', [], { kind: 'trigger' });
        },
        `${label} / ${(CAMPAIGNS_PER_YEAR * size).toLocaleString('en')} Sends rows`,
      );
    },
  },
];
