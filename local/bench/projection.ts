// The 5-year projection: grid cells a 10,000-client studio holds each year, against Google's 10 million
// cells per spreadsheet (every sheet's maxRows × maxColumns counts, empty grid included).
// Measured: the workbook the add-on sets up (trimmed to each sheet's rows + a 100-row margin), two years of
// demo history, one nightly, the two forms created (their response sheets) and one campaign to every client.
// Projected, per year: orders at a given rate; feedback, the ledger and feedback form answers in proportion
// to orders (the demo's ratios); new clients (each a registration form answer) and requests at the demo's
// last-year count; 12 campaigns to every client (one a month; flows not counted), growing with the clients.
// Each new row costs its sheet's grid width. Roll-ups (src/domain/campaigns/rollup.ts,
// src/domain/loyalty/rollup.ts, on by default): Sends hold `sendsAfterMonths` of mailed rows (a finished
// campaign's skips never stay) plus a Send totals row per client and campaign; the ledger holds the current
// year and `ledgerKeepYears` closed ones plus one roll-up entry per client (carried lots expire within
// `expiryMonths`, so not counted). Two studios: the demo's rate (7.7 orders per client a year) and the
// issue's reference studio (10,000 clients, 50,000 orders over 2 years: 2.5 a year), then the order rate at
// which 5 years still fit.
import { sheetSpec, type SheetKey } from '../../src/domain/schema';
import { DEFAULT_ROLLUP_SETTINGS } from '../../src/domain/campaigns/rollup';
import { translate } from '../../src/i18n';
import { DEMO_AS_OF, writeRecords } from '../playground/seed';
import { countedStep, type BenchCase } from './harness';
import { studioWorld } from './studio';

const GOOGLE_CELL_LIMIT = 10_000_000;
const CAMPAIGNS_PER_YEAR = 12;
const YEARS = 5;
const YEAR = 365 * 24 * 3_600_000;
/** The issue's reference studio: 10,000 clients, 50,000 orders in about 2 years of history. */
const REFERENCE_ORDERS_PER_CLIENT = 50_000 / 10_000;
const HISTORY_YEARS = 2;

export interface Report {
  name: string;
  run(log: (line: string) => void): void;
}

const NAME = 'Projection: cells per year, 10,000-client studio, 5 years';

/** What one measured studio holds and adds, each sheet by its grid. */
interface Measured {
  clients: number;
  orders: number;
  grid: Record<string, number>;
  total: number;
  width: (key: SheetKey) => number;
  gridOf: (key: SheetKey) => number;
  ordersLastYear: number;
  /** Per order: feedback rows and ledger rows (the demo's ratios). */
  feedbackPerOrder: number;
  ledgerPerOrder: number;
  requestsPerYear: number;
  newClientsPerYear: number;
  sendsPerCampaign: number;
  mailedPerCampaign: number;
  /** The form response sheets' grid width (what Google counts) and their header's, registration and feedback. */
  answerWidths: { registration: number; feedback: number };
  answerHeaders: { registration: number; feedback: number };
}

/** The settings a variant changes: roll-up retention, and response sheets trimmed to their headers (not built). */
interface Variant {
  label: string;
  sendsAfterMonths: number;
  ledgerKeepYears: number;
  trimmedAnswers: boolean;
}

interface Scenario {
  label: string;
  /** Orders already in the workbook (its history) and orders a year from now on. */
  ordersNow: number;
  ordersPerYear: number;
}

interface YearCells {
  total: number;
  parts: Record<string, number>;
}

const sheetName = (key: SheetKey): string => translate('ru', sheetSpec(key).name);

function measure(clients: number): Measured {
  const { emu, app, studio } = studioWorld(clients);
  const sendsBefore = emu.spreadsheet.size(sheetName('sends')).lastRow;
  app.run('createForms', [], { kind: 'menu' });
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
  const { total, sheets: grid } = emu.spreadsheet.gridCells();
  const size = (key: SheetKey) => emu.spreadsheet.size(sheetName(key));
  const sendsValues = emu.spreadsheet.values(sheetName('sends'));
  const statusColumn = (sendsValues[0] ?? []).indexOf(translate('ru', 'column.sends.status'));
  const skippedLabel = translate('ru', 'enum.sendStatus.skipped');
  const mailedPerCampaign = sendsValues
    .slice(sendsBefore)
    .filter((cells) => cells[statusColumn] !== skippedLabel && cells[statusColumn] !== '').length;
  const lastYear = (date: Date): boolean => date.getTime() > DEMO_AS_OF.getTime() - YEAR;
  const ordersLastYear = studio.orders.filter((order) => lastYear(order.date)).length;
  // Google names them in creation order: registration first, then feedback.
  const answers = emu.spreadsheet.sheetNames().filter((name) => /^Ответы на форму \(\d+\)$/.test(name));
  const answerSize = (index: number) => {
    const name = answers.find((candidate) => candidate.endsWith(`(${index})`));
    return name ? emu.spreadsheet.size(name) : { maxColumns: 0, lastColumn: 0 };
  };
  return {
    clients,
    orders: studio.orders.length,
    grid,
    total,
    width: (key) => size(key).maxColumns,
    gridOf: (key) => grid[sheetName(key)] ?? 0,
    ordersLastYear,
    feedbackPerOrder: studio.feedback.filter((entry) => lastYear(entry.date)).length / ordersLastYear,
    ledgerPerOrder: (size('loyalty').lastRow - 1) / studio.orders.length,
    requestsPerYear: studio.requests.filter((request) => lastYear(request.receivedAt)).length,
    newClientsPerYear: studio.clients.filter((client) => client.createdAt && lastYear(client.createdAt)).length,
    sendsPerCampaign: size('sends').lastRow - sendsBefore,
    mailedPerCampaign,
    answerWidths: { registration: answerSize(1).maxColumns, feedback: answerSize(2).maxColumns },
    answerHeaders: { registration: answerSize(1).lastColumn, feedback: answerSize(2).lastColumn },
  };
}

/** The workbook in year `year` (1 = a year from now) under a scenario, with or without roll-ups. */
function cellsInYear(m: Measured, scenario: Scenario, variant: Variant, year: number, rollups: boolean): YearCells {
  const r = scenario.ordersPerYear;
  const history = scenario.ordersNow / m.orders;
  const clientsThen = m.clients + year * m.newClientsPerYear;
  const growth = clientsThen / m.clients;
  const feedbackRows = r * m.feedbackPerOrder;
  // Orders and feedback now, in proportion to the history's orders; the rest of the workbook as measured.
  const ordersNow = (m.gridOf('orders') + m.gridOf('feedback')) * history;
  const other = m.total - m.gridOf('orders') - m.gridOf('feedback') - m.gridOf('loyalty') - m.gridOf('sends');
  const answers = variant.trimmedAnswers ? m.answerHeaders : m.answerWidths;
  const perYear =
    r * m.width('orders') +
    feedbackRows * m.width('feedback') +
    feedbackRows * answers.feedback +
    m.newClientsPerYear * (m.width('clients') + answers.registration) +
    m.requestsPerYear * m.width('requests');
  const ledgerPerYear = r * m.ledgerPerOrder;
  const sendsWidth = m.width('sends');
  let sends: number;
  let ledger: number;
  let totals = 0;
  if (rollups) {
    const campaignsKept = Math.round((CAMPAIGNS_PER_YEAR * variant.sendsAfterMonths) / 12);
    sends = campaignsKept * m.mailedPerCampaign * growth * sendsWidth;
    totals = (clientsThen + year * CAMPAIGNS_PER_YEAR) * sheetSpec('sendTotals').columns.length;
    ledger = ((variant.ledgerKeepYears + 1) * ledgerPerYear + clientsThen) * m.width('loyalty');
  } else {
    // Every campaign's rows stay, each year's to the clients of that year.
    let campaignRows = 0;
    for (let y = 1; y <= year; y += 1)
      campaignRows += CAMPAIGNS_PER_YEAR * m.sendsPerCampaign * ((m.clients + y * m.newClientsPerYear) / m.clients);
    sends = m.gridOf('sends') + campaignRows * sendsWidth;
    ledger = (m.gridOf('loyalty') * scenario.ordersNow) / m.orders + year * ledgerPerYear * m.width('loyalty');
  }
  const rest = other + ordersNow + year * perYear;
  const parts = { 'orders, clients, feedback, requests, form answers and the other sheets': rest, Sends: sends };
  const all: Record<string, number> = rollups ? { ...parts, 'Send totals': totals, ledger } : { ...parts, ledger };
  const total = Object.values(all).reduce((sum, cells) => sum + cells, 0);
  return { total: Math.round(total), parts: all };
}

const n = (value: number): string => Math.round(value).toLocaleString('en');
const verdict = (cells: number): string => (cells <= GOOGLE_CELL_LIMIT ? 'under' : 'OVER');

/** The yearly order rate at which year 5 still fits (with roll-ups; a studio that ran 2 years at it). */
function ordersPerYearThatFit(m: Measured, variant: Variant): number {
  const at = (r: number) =>
    cellsInYear(m, { label: '', ordersNow: HISTORY_YEARS * r, ordersPerYear: r }, variant, YEARS, true).total;
  // Linear in the rate: the cells at 0 orders and what each order a year adds.
  const base = at(0);
  const perOrder = (at(1_000) - base) / 1_000;
  return Math.max(0, (GOOGLE_CELL_LIMIT - base) / perOrder);
}

export function projectCells(clients: number, log: (line: string) => void): void {
  const m = measure(clients);
  const perClient = (orders: number) => (orders / m.clients).toFixed(1);
  log(
    `${NAME} (measured at ${n(clients)} clients, ${n(m.orders)} orders over 2 years, after one nightly, the two forms and one campaign)`,
  );
  log(
    `  workbook now: ${n(m.total)} cells (${Object.entries(m.grid)
      .map(([name, cells]) => `${name} ${n(cells)}`)
      .join(', ')})`,
  );
  log(
    `  assumed, per year: orders at the scenario's rate; feedback ${m.feedbackPerOrder.toFixed(3)} and ledger entries ${m.ledgerPerOrder.toFixed(2)} per order ` +
      `(the demo's ratios), each feedback also a form answer; ${n(m.newClientsPerYear)} new clients (each a registration answer) and ${n(m.requestsPerYear)} requests ` +
      `(the demo's last year); ${CAMPAIGNS_PER_YEAR} campaigns to every client (${n(m.sendsPerCampaign)} Sends rows each now, ${n(m.mailedPerCampaign)} mailed), growing with the clients`,
  );
  log(
    `  grid widths (columns a row costs): Orders ${m.width('orders')}, Feedback ${m.width('feedback')}, Clients ${m.width('clients')}, Requests ${m.width('requests')}, ` +
      `ledger ${m.width('loyalty')}, Sends ${m.width('sends')}, Send totals ${sheetSpec('sendTotals').columns.length}, ` +
      `registration answers ${m.answerWidths.registration}, feedback answers ${m.answerWidths.feedback} ` +
      `(a response sheet keeps a new sheet's 26 columns; their headers are ${m.answerHeaders.registration} and ${m.answerHeaders.feedback})`,
  );
  const defaults = DEFAULT_ROLLUP_SETTINGS;
  const referenceOrders = REFERENCE_ORDERS_PER_CLIENT * m.clients;
  const scenarios: Scenario[] = [
    {
      label: `demo rate: ${n(m.ordersLastYear)} orders a year (${perClient(m.ordersLastYear)} per client), ${n(m.orders)} in the history`,
      ordersNow: m.orders,
      ordersPerYear: m.ordersLastYear,
    },
    {
      label: `reference studio: ${n(referenceOrders / HISTORY_YEARS)} orders a year (${perClient(referenceOrders / HISTORY_YEARS)} per client), ${n(referenceOrders)} in the history`,
      ordersNow: referenceOrders,
      ordersPerYear: referenceOrders / HISTORY_YEARS,
    },
  ];
  const standard: Variant = {
    label: `the defaults (Sends after ${defaults.sendsAfterMonths} months, ${defaults.ledgerKeepYears} closed ledger year kept)`,
    sendsAfterMonths: defaults.sendsAfterMonths,
    ledgerKeepYears: defaults.ledgerKeepYears,
    trimmedAnswers: false,
  };
  const variants: Variant[] = [
    standard,
    { ...standard, label: 'rollups.ledgerKeepYears = 0 (only the current year of ledger detail)', ledgerKeepYears: 0 },
    { ...standard, label: 'rollups.sendsAfterMonths = 3', sendsAfterMonths: 3 },
    {
      ...standard,
      label: 'form response sheets trimmed to their headers (not built: the forms belong to intake)',
      trimmedAnswers: true,
    },
    {
      label: 'all three: Sends after 3 months, ledger 0 closed years, response sheets trimmed',
      sendsAfterMonths: 3,
      ledgerKeepYears: 0,
      trimmedAnswers: true,
    },
  ];
  const [demo] = scenarios;
  if (demo) {
    const years = Array.from({ length: YEARS }, (_, i) => cellsInYear(m, demo, standard, i + 1, false).total);
    log(
      `  without roll-ups, ${demo.label}: ${years.map((cells, i) => `year ${i + 1} ${n(cells)} (${verdict(cells)})`).join(', ')}`,
    );
  }
  for (const variant of variants) {
    log(`  with roll-ups, ${variant.label}:`);
    for (const scenario of scenarios) {
      const years = Array.from({ length: YEARS }, (_, i) => cellsInYear(m, scenario, variant, i + 1, true));
      const last = years[YEARS - 1] as YearCells;
      log(
        `    ${scenario.label}: ${years.map((year, i) => `year ${i + 1} ${n(year.total)}`).join(', ')} — year 5 ${verdict(last.total)} Google's 10,000,000 ` +
          `(target: under for 5 years: ${last.total <= GOOGLE_CELL_LIMIT ? 'met' : 'MISS'}); year 5: ` +
          Object.entries(last.parts)
            .map(([part, cells]) => `${part} ${n(cells)}`)
            .join('; '),
      );
    }
    const fit = ordersPerYearThatFit(m, variant);
    log(
      `    5 years fit up to ${n(fit)} orders a year (${perClient(fit)} per client of today's ${n(m.clients)}), for a studio with 2 years of history at that rate`,
    );
  }
}

// PROJECTION_CLIENTS=1000 for a quick look while changing this file; the figures quoted are at 10,000.
export const reports: Report[] = [
  { name: NAME, run: (log) => projectCells(Number(process.env.PROJECTION_CLIENTS ?? 10_000), log) },
];

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
