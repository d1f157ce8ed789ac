// The KPI tiles staff see on the Dashboard and in the sidebar: one list, so both always agree.
import type { KpiReport, PeriodKpis } from './kpis';

export type TileFormat = 'percent' | 'money' | 'number' | 'hours' | 'score';

export type KpiTileKey =
  | 'repeatOrderRate'
  | 'retentionRate'
  | 'returningRevenueShare'
  | 'profitPerClient'
  | 'averageOrderValue'
  | 'purchaseFrequency'
  | 'averageResponseHours'
  | 'medianResponseHours'
  | 'nps'
  | 'averageRating'
  | 'campaignConversion'
  | 'campaignRoi';

export interface KpiTile {
  key: KpiTileKey;
  format: TileFormat;
  /** Null when the period has nothing to measure (no orders, no answers). */
  current: number | null;
  previous: number | null;
}

const PERIOD_TILES: ReadonlyArray<[KpiTileKey, TileFormat, (kpis: PeriodKpis) => number | null]> = [
  ['repeatOrderRate', 'percent', (k) => k.repeatOrderRate],
  ['retentionRate', 'percent', (k) => k.retentionRate],
  ['returningRevenueShare', 'percent', (k) => k.returningRevenueShare],
  ['profitPerClient', 'money', (k) => k.profitPerClient],
  ['averageOrderValue', 'money', (k) => k.averageOrderValue],
  ['purchaseFrequency', 'number', (k) => k.purchaseFrequency],
  ['averageResponseHours', 'hours', (k) => k.requests.averageHours],
  ['medianResponseHours', 'hours', (k) => k.requests.medianHours],
  ['nps', 'score', (k) => k.feedback.nps],
  ['averageRating', 'number', (k) => k.feedback.averageRating],
];

/** A non-finite number is shown as "no value", never as NaN. */
const finite = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The tiles in display order; campaign tiles only when the studio has campaigns (no previous value). */
export function kpiTiles(report: KpiReport): KpiTile[] {
  const tiles: KpiTile[] = PERIOD_TILES.map(([key, format, read]) => ({
    key,
    format,
    current: finite(read(report.current)),
    previous: finite(read(report.previous)),
  }));
  if (report.campaigns) {
    tiles.push({
      key: 'campaignConversion',
      format: 'percent',
      current: finite(report.campaigns.conversionRate),
      previous: null,
    });
    tiles.push({ key: 'campaignRoi', format: 'percent', current: finite(report.campaigns.roi), previous: null });
  }
  return tiles;
}

/** The i18n key of a tile's label. */
export function kpiTileKey(key: KpiTileKey): `analysis.kpi.${KpiTileKey}` {
  return `analysis.kpi.${key}`;
}
