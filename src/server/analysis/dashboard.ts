// What the Dashboard shows, in the staff's language: tiles, monthly blocks, segment sizes, cohorts.
import {
  kpiGoals,
  kpiTileKey,
  kpiTiles,
  lifecycleStageKey,
  previousPeriod,
  rfmSegmentKey,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  type GoalSettings,
  type KpiTile,
  type Period,
  type Segment,
  type SegmentFiveW,
  type StudioAnalysis,
  type TileFormat,
  type TileGoal,
} from '../../domain/analysis';
import { enumLabel } from '../../domain/cells/enums';
import { moneyNumberFormat } from '../../domain/cells/money';
import type { ClvModels } from '../../domain/clv';

import { addDays, clockTime, isoDay } from '../../domain/analysis/dates';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import type { DashboardContent, DashboardGoal, DashboardTable } from '../../sheets/dashboard';
import { daysText } from './words';

/** Each tile's number format; money in the studio's currency, whole units (`5 250 ₽`, `$5,250`). */
function tileFormat(format: TileFormat, currency: string): string {
  const formats: Record<TileFormat, string> = {
    percent: '0.0%',
    money: moneyNumberFormat(currency, 0),
    number: '0.00',
    hours: '0.0',
    score: '0',
  };
  return formats[format];
}

export function dashboardSheetName(locale: Locale): string {
  return translate(locale, 'analysis.dashboard.sheetName');
}

/** The fitted model or the fallback's reason, as one sentence. */
export function clvStatusText(locale: Locale, models: ClvModels, repeatBuyers: number): string {
  if (models.kind === 'fallback') return translate(locale, models.reason, models.params);
  return translate(locale, 'analysis.clv.fitted', { repeatBuyers });
}

/** Staff's segment names as typed; built-in ones are message keys. */
export function segmentName(locale: Locale, segment: Pick<Segment, 'name' | 'builtIn'>): string {
  return segment.builtIn ? translate(locale, segment.name as MessageKey) : segment.name;
}

function periodText(period: Period): [string, string] {
  return [isoDay(period.from), isoDay(addDays(period.to, -1))];
}

export function tileLabel(locale: Locale, tile: KpiTile): string {
  return translate(locale, kpiTileKey(tile.key));
}

/** A goal's value and target as the sheet formats them: a share, hours, or a change on the last period. */
function goalFormat(locale: Locale, goal: TileGoal): string {
  if (goal.rule === 'growthAtLeast' || goal.rule === 'changeAtMost') return '+0.0%;-0.0%;0.0%';
  if (goal.key === 'averageResponseHours') {
    const unit = translate(locale, 'ui.overview.goal.hours', { hours: '' }).trim();
    return `0.0 "${unit}"`;
  }
  return '0.0%';
}

export function goalRows(locale: Locale, goals: readonly TileGoal[]): DashboardGoal[] {
  return goals.map((goal) => ({
    label: translate(locale, `ui.overview.goal.name.${goal.key}` as MessageKey),
    measured: goal.measured,
    target: goal.target,
    numberFormat: goalFormat(locale, goal),
    state: goal.state,
    stateText: goal.state
      ? translate(locale, `ui.overview.goal.state.${goal.state}`)
      : translate(locale, 'ui.overview.goal.noData'),
    trendText: goal.trend ? translate(locale, `ui.overview.goal.trend.${goal.trend}`) : '',
  }));
}

/** One segment's 5W as sentences in the staff language; a question without an answer stays blank. */
export function fiveWCells(locale: Locale, name: string, five: SegmentFiveW): (string | number)[] {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const since = five.when.daysSinceLast;
  const when =
    since === null
      ? ''
      : five.when.rhythmDays === null
        ? t('analysis.dashboard.fiveW.whenOnce', { since: daysText(locale, since) })
        : t('analysis.dashboard.fiveW.when', {
            rhythm: daysText(locale, five.when.rhythmDays),
            since: daysText(locale, since),
          });
  const where = [
    five.where.source ?? '',
    five.where.channel ? enumLabel('requestChannel', five.where.channel, locale) : '',
  ].filter((part) => part !== '');
  return [
    name,
    five.clients,
    five.what.join(', '),
    five.who ? enumLabel('channelTopic', five.who, locale) : '',
    five.why ?? '',
    when,
    where.join(' · '),
  ];
}

export interface DashboardExtras {
  goals: GoalSettings;
  /** Every segment sized by the refresh, with its 5W (built-in ones named by their catalog key). */
  fiveW: ReadonlyArray<{ segment: Segment; summary: SegmentFiveW }>;
}

export function dashboardContent(
  locale: Locale,
  studio: { name: string; currency: string },
  analysis: StudioAnalysis,
  savedSegments: readonly Segment[],
  clvStatus: string,
  asOf: Date,
  extras: DashboardExtras,
): DashboardContent {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const period = analysis.kpis.current.period;
  const [from, to] = periodText(period);
  const [previousFrom, previousTo] = periodText(previousPeriod(period));
  const at = `${isoDay(asOf)} ${clockTime(asOf)}`;
  const maxOffset = analysis.cohorts.reduce((longest, cohort) => Math.max(longest, cohort.retention.length), 0);
  const sized = (segment: Segment): number => {
    const result = analysis.segments.get(segment.id);
    return result && result.ok ? result.clientIds.length : 0;
  };
  return {
    sheetName: dashboardSheetName(locale),
    title: t('analysis.dashboard.title', { studio: studio.name }),
    subtitle: t('analysis.dashboard.period', { from, to, previousFrom, previousTo, at }),
    status: clvStatus,
    tileHeaders: [t('analysis.dashboard.kpi'), t('analysis.dashboard.current'), t('analysis.dashboard.previous')],
    tiles: kpiTiles(analysis.kpis).map((tile) => ({
      label: tileLabel(locale, tile),
      current: tile.current,
      previous: tile.previous,
      numberFormat: tileFormat(tile.format, studio.currency),
    })),
    revenue: {
      title: t('analysis.dashboard.revenueTitle'),
      headers: [
        t('analysis.dashboard.month'),
        t('analysis.dashboard.newClients'),
        t('analysis.dashboard.returningClients'),
      ],
      rows: analysis.revenueByMonth.map((month) => [month.month, month.newRevenue, month.returningRevenue]),
      numberFormats: ['@', moneyNumberFormat(studio.currency, 0), moneyNumberFormat(studio.currency, 0)],
    },
    segments: {
      title: t('analysis.dashboard.segmentsTitle'),
      headers: [t('analysis.dashboard.segment'), t('analysis.dashboard.clients')],
      rows: [
        ...LIFECYCLE_STAGES.map((stage) => [t(lifecycleStageKey(stage)), analysis.lifecycleCounts[stage]]),
        ...RFM_SEGMENTS.map((segment) => [`RFM: ${t(rfmSegmentKey(segment))}`, analysis.rfmCounts[segment]]),
        ...savedSegments.map((segment) => [segment.name, sized(segment)]),
      ],
      numberFormats: ['@', '0'],
    },
    nps: {
      title: t('analysis.dashboard.npsTitle'),
      headers: [t('analysis.dashboard.month'), 'NPS'],
      rows: analysis.npsByMonth.map((month) => [month.month, month.nps]),
      numberFormats: ['@', '0'],
    },
    cohorts: {
      title: t('analysis.dashboard.cohortTitle'),
      headers: [
        t('analysis.dashboard.cohort'),
        t('analysis.dashboard.clients'),
        ...Array.from({ length: maxOffset }, (_, months) => t('analysis.dashboard.monthOffset', { months })),
      ],
      rows: analysis.cohorts.map((cohort) => [
        cohort.month,
        cohort.size,
        ...Array.from({ length: maxOffset }, (_, k) => cohort.retention[k] ?? null),
      ]),
      numberFormats: ['@', '0', ...new Array<string>(maxOffset).fill('0%')],
    },
    goals: {
      title: t('ui.overview.goals'),
      headers: [
        t('analysis.dashboard.goal'),
        t('analysis.dashboard.current'),
        t('analysis.dashboard.target'),
        t('analysis.dashboard.goalState'),
        t('analysis.dashboard.trend'),
      ],
      rows: goalRows(locale, kpiGoals(analysis.kpis, extras.goals)),
    },
    fiveW: fiveWTable(locale, extras.fiveW),
  };
}

function fiveWTable(locale: Locale, segments: DashboardExtras['fiveW']): DashboardTable {
  const t = (key: MessageKey) => translate(locale, key);
  return {
    title: t('analysis.dashboard.fiveWTitle'),
    headers: [
      t('analysis.dashboard.segment'),
      t('analysis.dashboard.clients'),
      t('ui.clients.fiveW.what'),
      t('ui.clients.fiveW.who'),
      t('ui.clients.fiveW.why'),
      t('ui.clients.fiveW.when'),
      t('ui.clients.fiveW.where'),
    ],
    rows: segments.map(({ segment, summary }) => fiveWCells(locale, segmentName(locale, segment), summary)),
    numberFormats: ['@', '0', '@', '@', '@', '@', '@'],
  };
}
