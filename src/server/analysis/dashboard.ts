// What the Dashboard shows, in the staff's language: tiles, monthly blocks, segment sizes, cohorts.
import {
  kpiTileKey,
  kpiTiles,
  lifecycleStageKey,
  previousPeriod,
  rfmSegmentKey,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  type KpiTile,
  type Period,
  type Segment,
  type StudioAnalysis,
  type TileFormat,
} from '../../domain/analysis';
import type { ClvModels } from '../../domain/clv';

import { addDays, clockTime, isoDay } from '../../domain/analysis/dates';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import type { DashboardContent } from '../../sheets/dashboard';

const NUMBER_FORMATS: Record<TileFormat, string> = {
  percent: '0.0%',
  money: '#,##0.00',
  number: '0.00',
  hours: '0.0',
  score: '0',
};

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

export function dashboardContent(
  locale: Locale,
  studioName: string,
  analysis: StudioAnalysis,
  savedSegments: readonly Segment[],
  clvStatus: string,
  asOf: Date,
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
    title: t('analysis.dashboard.title', { studio: studioName }),
    subtitle: t('analysis.dashboard.period', { from, to, previousFrom, previousTo, at }),
    status: clvStatus,
    tileHeaders: [t('analysis.dashboard.kpi'), t('analysis.dashboard.current'), t('analysis.dashboard.previous')],
    tiles: kpiTiles(analysis.kpis).map((tile) => ({
      label: tileLabel(locale, tile),
      current: tile.current,
      previous: tile.previous,
      numberFormat: NUMBER_FORMATS[tile.format],
    })),
    revenue: {
      title: t('analysis.dashboard.revenueTitle'),
      headers: [
        t('analysis.dashboard.month'),
        t('analysis.dashboard.newClients'),
        t('analysis.dashboard.returningClients'),
      ],
      rows: analysis.revenueByMonth.map((month) => [month.month, month.newRevenue, month.returningRevenue]),
      numberFormats: ['@', '#,##0', '#,##0'],
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
  };
}
