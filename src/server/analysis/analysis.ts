// Refreshing the analysis: one read of the studio, CLV fit and scores, profiles, then the derived Clients
// columns, the Segments counts, the Dashboard and the Problems sheet. From the menu and every night.
import {
  analyseStudio,
  builtInSegments,
  expectedNextOrder,
  kpiSettingsOf,
  lastFullMonth,
  lifecycleSettingsOf,
  lifecycleStageKey,
  nextOrderCell,
  rfmSegmentKey,
  segmentFiveW,
  type CampaignKpis,
  type ClientFacts,
  type ClientProfile,
  type Period,
  type Segment,
  type StudioAnalysis,
} from '../../domain/analysis';
import { studioClv, type ClientClvScore, type StudioClv } from '../../domain/clv';
import { isDate, isValidDate, type CellValue } from '../../domain/cells';
import type { ClientId, Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { openWorkbook, updateRows, writeProblems, type RowUpdate, type Workbook } from '../../sheets';
import { writeDashboard, type DashboardLayout } from '../../sheets/dashboard';
import { applyMoneyFormat, MONEY_SHEETS } from '../../sheets/money-formats';
import { moneyNumberFormat } from '../../domain/cells/money';
import { writeDocumentJson } from '../../services/document-state';
import { readStudio, segmentRowProblems, type StudioData } from '../../sheets/studio';
import { campaignKpis as attributedKpis } from '../campaigns/attribution';
import { readCampaignSettings } from '../../sheets/campaigns';
import { clvStatusText, dashboardContent, type DashboardExtras } from './dashboard';
import { asStaff } from '../app/staff';
import { overdueText } from './words';
import { requireCoreColumns } from '../app/schema-check';

/** What the last refresh found about the CLV model, kept for the sidebar (document properties). */
export const LAST_REFRESH_KEY = 'analysis.lastRefresh';

export interface LastRefresh {
  at: string;
  clients: number;
  clv: { kind: 'fitted' | 'fallback'; reason: string | null; params: Record<string, number>; repeatBuyers: number };
}

export interface RefreshOutcome {
  clients: number;
  segments: number;
  clv: LastRefresh['clv'];
  /** The CLV sentence in the workbook's language. */
  clvMessage: string;
  layout: DashboardLayout;
}

/** Every segment analysis sizes: the built-in ones, then the staff's saved ones that parse. */
export function allSegments(data: StudioData): Segment[] {
  return [
    ...builtInSegments({ vipTiers: data.settings.vipTiers }),
    ...data.savedSegments.flatMap((saved) => (saved.ok ? [saved.segment] : [])),
  ];
}

/** Loyalty's facts as stored in the sheet, with this run's CLV facts over them. */
function mergedFacts(data: StudioData, clv: StudioClv | null): Map<ClientId, ClientFacts> {
  const facts = new Map<ClientId, ClientFacts>();
  for (const [id, stored] of data.storedFacts) {
    const fresh = clv?.facts.get(id);
    facts.set(id, clv ? { tier: stored.tier, points: stored.points, ...(fresh ?? {}) } : stored);
  }
  return facts;
}

/** Campaigns mailed in the period, summed as the Campaigns sheet counts them (attribution days, margin from Settings). */
function campaignKpis(data: StudioData, period: Period): CampaignKpis | null {
  if (!data.campaigns) return null;
  const inPeriod = data.sends.filter((send) => send.at !== null && send.at >= period.from && send.at < period.to);
  const mailed = new Set(inPeriod.map((send) => send.campaignId));
  return attributedKpis(
    data.campaigns.filter((campaign) => mailed.has(campaign.id)),
    inPeriod,
    data.orders,
    readCampaignSettings(data.book),
  );
}

/** Profiles, KPIs and segment sizes from data already read; `clv` null means: use the stored CLV columns. */
export function analyse(data: StudioData, asOf: Date, clv: StudioClv | null): StudioAnalysis {
  return analyseStudio(
    {
      clients: data.clients,
      orders: data.orders,
      feedback: data.feedback,
      requests: data.requests,
      facts: mergedFacts(data, clv),
      campaigns: campaignKpis(data, lastFullMonth(asOf)),
      segments: allSegments(data),
      extraHeaders: data.extraHeaders,
    },
    asOf,
    { lifecycle: lifecycleSettingsOf(data.settings), kpi: kpiSettingsOf(data.settings) },
  );
}

const finiteRounded = (value: number | null | undefined, digits: number): number | null => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** The next order as the sheet shows it: the expected day, or "overdue by N days" once that day has passed. */
function nextOrderValue(locale: Locale, due: Date | null, asOf: Date): CellValue {
  if (!due) return null;
  const cell = nextOrderCell(due, asOf);
  return cell.kind === 'expected' ? cell.date : overdueText(locale, cell.days);
}

/** The analysis columns of one client, in the workbook's language; a lead (no orders) gets blanks but the stage. */
export function derivedCells(
  locale: Locale,
  profile: ClientProfile,
  score: ClientClvScore | undefined,
  data: StudioData,
  asOf: Date,
): Record<string, CellValue> {
  const hasOrders = profile.stats.orderCount > 0;
  return {
    lifecycle: translate(locale, lifecycleStageKey(profile.lifecycle)),
    rfmSegment: profile.rfm ? `${translate(locale, rfmSegmentKey(profile.rfm.segment))} (${profile.rfm.code})` : '',
    churnRisk: hasOrders ? finiteRounded(score?.churnRisk, 4) : null,
    predictedValue: hasOrders ? finiteRounded(score?.predictedValue12m, 2) : null,
    nextOrderExpected: hasOrders
      ? nextOrderValue(
          locale,
          expectedNextOrder(profile.stats, profile.facts, lifecycleSettingsOf(data.settings)),
          asOf,
        )
      : null,
  };
}

function assertFinite(updates: readonly RowUpdate[]): void {
  for (const update of updates) {
    for (const [column, value] of Object.entries(update.values)) {
      const bad = (typeof value === 'number' && !Number.isFinite(value)) || (isDate(value) && !isValidDate(value));
      if (bad) throw new Error(`refusing to write ${String(value)} to ${column} of row ${update.rowNumber}`);
    }
  }
}

function writeClientColumns(
  book: Workbook,
  data: StudioData,
  analysis: StudioAnalysis,
  clv: StudioClv,
  asOf: Date,
): void {
  const rowById = new Map(data.clientRows.map((ref) => [ref.id, ref.rowNumber]));
  const updates: RowUpdate[] = analysis.profiles.map((profile) => ({
    rowNumber: rowById.get(profile.client.id) ?? 0,
    identity: { id: profile.client.id },
    values: derivedCells(book.locale, profile, clv.scores.get(profile.client.id), data, asOf),
  }));
  assertFinite(updates);
  updateRows(book, 'clients', updates);
}

function writeSegmentCounts(book: Workbook, data: StudioData, analysis: StudioAnalysis, asOf: Date): void {
  const updates: RowUpdate[] = data.savedSegments.map((saved) => {
    const result = analysis.segments.get(saved.id);
    return {
      rowNumber: saved.row,
      identity: { id: saved.id },
      values: { members: result && result.ok ? result.clientIds.length : null, updatedAt: asOf },
    };
  });
  updateRows(book, 'segments', updates);
}

/** Every segment the refresh sized, in the Segments order, with its members' 5W. */
function segmentsInFiveW(data: StudioData, analysis: StudioAnalysis): DashboardExtras['fiveW'] {
  const profiles = new Map(analysis.profiles.map((profile) => [profile.client.id, profile]));
  return allSegments(data).flatMap((segment) => {
    const result = analysis.segments.get(segment.id);
    if (!result || !result.ok) return [];
    return [{ segment, summary: segmentFiveW(result.clientIds, profiles, data.orders, data.requests) }];
  });
}

/** The whole refresh on an open workbook; the menu item and the nightly step both call it. */
export function refreshStudio(book: Workbook, asOf: Date): RefreshOutcome {
  const data = readStudio(book, { campaigns: true });
  const clv = studioClv(data.orders, asOf, {
    minRepeatBuyers: data.settings.minRepeatBuyers,
    margin: data.settings.marginRate,
    monthlyDiscountRate: data.settings.monthlyDiscountRate,
  });
  const analysis = analyse(data, asOf, clv);
  writeClientColumns(book, data, analysis, clv, asOf);
  applyMoneyFormat(book, MONEY_SHEETS, moneyNumberFormat(data.currency));
  writeSegmentCounts(book, data, analysis, asOf);
  const clvMessage = clvStatusText(book.locale, clv.models, clv.repeatBuyers);
  const saved = data.savedSegments.flatMap((segment) => (segment.ok ? [segment.segment] : []));
  const layout = writeDashboard(
    book,
    dashboardContent(
      book.locale,
      { name: data.studioName, currency: data.currency },
      analysis,
      saved,
      clvMessage,
      asOf,
      { goals: data.settings, fiveW: segmentsInFiveW(data, analysis) },
    ),
  );
  writeProblems(book, [...data.problems, ...segmentRowProblems(data.savedSegments, book.locale)], asOf);
  const status: LastRefresh['clv'] =
    clv.models.kind === 'fallback'
      ? { kind: 'fallback', reason: clv.models.reason, params: clv.models.params, repeatBuyers: clv.repeatBuyers }
      : { kind: 'fitted', reason: null, params: {}, repeatBuyers: clv.repeatBuyers };
  writeDocumentJson(LAST_REFRESH_KEY, {
    at: asOf.toISOString(),
    clients: analysis.profiles.length,
    clv: status,
  } satisfies LastRefresh);
  return { clients: analysis.profiles.length, segments: data.savedSegments.length, clv: status, clvMessage, layout };
}

/** Menu: Refresh analysis. Says what it did in the staff's language, the CLV fallback's reason included. */
export function refreshAnalysis(): string {
  return asStaff((book, locale) => {
    requireCoreColumns(book, locale);
    const outcome = refreshStudio(book, new Date());
    const clv =
      outcome.clv.kind === 'fallback'
        ? translate(locale, outcome.clv.reason as never, outcome.clv.params)
        : translate(locale, 'analysis.clv.fitted', { repeatBuyers: outcome.clv.repeatBuyers });
    const message = translate(locale, 'analysis.refresh.done', {
      clients: outcome.clients,
      segments: outcome.segments,
      clv,
    });
    book.spreadsheet.toast(message, translate(locale, 'analysis.refresh.title'), 10);
    return message;
  });
}

/** Nightly step: the same refresh, before loyalty and mailings read its columns. */
export function runAnalysisNightly(): void {
  refreshStudio(openWorkbook(), new Date());
}
