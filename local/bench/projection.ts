// The 5-year projection: cells a 10,000-client studio adds per year, against Google's 10 million cells per
// spreadsheet. Measured: the workbook after setup, two years of demo history and one nightly (each sheet's
// grid, maxRows × maxColumns, which is what Google counts), and the Sends rows one campaign to every client
// writes. Projected: a year's growth = the demo's last-year orders, feedback and requests, the ledger in
// proportion to orders, new clients of the last year, and 12 campaigns to every client (one a month; flows
// not counted); each new row costs its sheet's width in cells.
import { sheetSpec, type SheetKey } from '../../src/domain/schema';
import { translate } from '../../src/i18n';
import { DEMO_AS_OF } from '../playground/seed';
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
      `  year ${year}: ${total.toLocaleString('en')} cells — ${total <= GOOGLE_CELL_LIMIT ? 'under' : 'OVER'} Google's 10,000,000 (target: under for 5 years: ${total <= GOOGLE_CELL_LIMIT ? 'met' : 'MISS'})`,
    );
  }
}

export const reports: Report[] = [{ name: NAME, run: (log) => projectCells(10_000, log) }];
