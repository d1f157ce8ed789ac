// One read of everything analysis needs: each sheet read once, rows turned into records, problems kept.
import {
  DEFAULT_ANALYSIS_SETTINGS,
  dueFromOverdueText,
  readSavedSegments,
  type AnalysisSettings,
  type ClientFacts,
  type SavedSegment,
} from '../domain/analysis';
import { isValidDate } from '../domain/cells';
import {
  clientFromRow,
  feedbackFromRow,
  orderFromRow,
  recordsFrom,
  requestFromRow,
  sendFromRow,
  type RowProblem,
  type SchemaProblem,
  type TypedRow,
} from '../domain/schema';
import type { Client, ClientId, ClientRequest, Feedback, Locale, Order, Send } from '../domain/types';
import { translate } from '../i18n';
import { readCoreSettings, readSettingsFor } from './settings';
import { responseTargetHours } from '../domain/analysis/response-target';
import { readTable, settingEntries, type Table } from './table';
import type { Workbook } from './workbook';

export interface ClientRowRef {
  id: ClientId;
  rowNumber: number;
}

export interface CampaignRef {
  id: string;
  status: string;
  cost: number;
}

export interface StudioData {
  book: Workbook;
  clients: Client[];
  clientRows: ClientRowRef[];
  /** What other modules wrote into the Clients sheet: loyalty's tier and points, the last refresh's CLV columns. */
  storedFacts: Map<ClientId, ClientFacts>;
  orders: Order[];
  feedback: Feedback[];
  requests: ClientRequest[];
  /** Staff's own Clients columns, usable in segment rules. */
  extraHeaders: string[];
  savedSegments: SavedSegment[];
  /** Null when the studio has no Campaigns sheet (or no campaigns). */
  campaigns: CampaignRef[] | null;
  sends: Send[];
  settings: AnalysisSettings;
  studioName: string;
  /** ISO code from Settings `core.currency`: every amount staff see is in it. */
  currency: string;
  problems: RowProblem[];
}

const finiteOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const dateOrNull = (value: unknown): Date | null => (isValidDate(value) ? value : null);

function settingsProblems(problems: readonly SchemaProblem[]): RowProblem[] {
  return problems.map((problem) => ({
    sheet: 'settings',
    row: 0,
    column: '',
    value: '',
    code: problem.code,
    params: problem.params,
  }));
}

export function readAnalysisSettings(book: Workbook): { settings: AnalysisSettings; problems: RowProblem[] } {
  const read = readSettingsFor(book, DEFAULT_ANALYSIS_SETTINGS, 'analysis');
  // The answer goal is the one response target: an older sheet's minutes rows count while its row is blank.
  const goalResponseHours = responseTargetHours(settingEntries(book), book.spreadsheetLocale);
  return {
    settings: { ...DEFAULT_ANALYSIS_SETTINGS, ...read.overrides, goalResponseHours },
    problems: settingsProblems(read.problems),
  };
}

/** What other modules wrote into a Clients row (tier, points, the last refresh's CLV columns), as facts. */
export function storedFactsOf(row: TypedRow, readAt: Date): ClientFacts {
  const v = row.values;
  return {
    tier: typeof v.tier === 'string' && v.tier !== '' ? v.tier : null,
    points: finiteOrNull(v.pointsBalance),
    churnRisk: finiteOrNull(v.churnRisk),
    predictedValue12m: finiteOrNull(v.predictedValue),
    // "Overdue by N days" once the day has passed (analysis writes it): still a day in the past.
    expectedNextOrder: dateOrNull(v.nextOrderExpected) ?? dueFromOverdueText(v.nextOrderExpected, readAt),
  };
}

/** Tables a caller has already read this run, used instead of reading them again. */
export type ReadTables = Partial<Record<'clients' | 'orders', Table>>;

export function readStudio(book: Workbook, options: { campaigns?: boolean; tables?: ReadTables } = {}): StudioData {
  const clientsTable = options.tables?.clients ?? readTable(book, 'clients');
  const readAt = new Date();
  const clients: Client[] = [];
  const clientRows: ClientRowRef[] = [];
  const storedFacts = new Map<ClientId, ClientFacts>();
  const idByEmail = new Map<string, string>();
  clientsTable.rows.forEach((row, index) => {
    const client = clientFromRow(row);
    if (client.id === '') return;
    clients.push(client);
    clientRows.push({ id: client.id, rowNumber: clientsTable.rowNumbers[index] ?? 0 });
    if (client.email) idByEmail.set(client.email, client.id);
    storedFacts.set(client.id, storedFactsOf(row, readAt));
  });
  const ordersTable = options.tables?.orders ?? readTable(book, 'orders');
  const feedbackTable = readTable(book, 'feedback');
  const requestsTable = readTable(book, 'requests');
  const segmentsTable = readTable(book, 'segments');
  const extraHeaders = clientsTable.mapping?.extra.map((column) => column.header) ?? [];
  const savedSegments = readSavedSegments(
    segmentsTable.rows
      .map((row, index) => ({
        id: String(row.values.id ?? ''),
        name: String(row.values.name ?? ''),
        rules: String(row.values.rules ?? ''),
        row: segmentsTable.rowNumbers[index] ?? 0,
      }))
      .filter((row) => row.id !== ''),
    extraHeaders,
  );
  let campaigns: CampaignRef[] | null = null;
  let sends: Send[] = [];
  const extraProblems: RowProblem[] = [];
  if (options.campaigns) {
    const campaignsTable = readTable(book, 'campaigns');
    if (campaignsTable.sheetName !== null && campaignsTable.rows.length > 0) {
      campaigns = campaignsTable.rows.map((row) => ({
        id: String(row.values.id ?? ''),
        status: String(row.values.status ?? ''),
        cost: finiteOrNull(row.values.cost) ?? 0,
      }));
      const sendsTable = readTable(book, 'sends');
      sends = recordsFrom(sendsTable.rows, sendFromRow);
      extraProblems.push(...campaignsTable.problems, ...(sendsTable.sheetName === null ? [] : sendsTable.problems));
    }
  }
  const analysisSettings = readAnalysisSettings(book);
  const core = readCoreSettings(book);
  return {
    book,
    clients,
    clientRows,
    storedFacts,
    orders: recordsFrom(ordersTable.rows, (row) => orderFromRow(row, idByEmail)),
    feedback: recordsFrom(feedbackTable.rows, feedbackFromRow),
    requests: recordsFrom(requestsTable.rows, requestFromRow),
    extraHeaders,
    savedSegments,
    campaigns,
    sends,
    settings: analysisSettings.settings,
    studioName: core.settings.studioName,
    currency: core.settings.currency,
    problems: [
      ...clientsTable.problems,
      ...ordersTable.problems,
      ...feedbackTable.problems,
      ...requestsTable.problems,
      ...segmentsTable.problems,
      ...extraProblems,
      ...analysisSettings.problems,
      ...settingsProblems(core.problems),
    ],
  };
}

/** A saved segment that cannot run, as a Problems row, the reason in the workbook's language. */
export function segmentRowProblems(saved: readonly SavedSegment[], locale: Locale): RowProblem[] {
  return saved.flatMap((segment): RowProblem[] =>
    segment.ok
      ? []
      : [
          {
            sheet: 'segments',
            row: segment.row,
            column: '',
            value: segment.rules,
            code: 'analysis.segment.badRow',
            params: {
              name: segment.name,
              problem: segment.problems.map((problem) => translate(locale, problem.key, problem.params)).join(' '),
            },
          },
        ],
  );
}
