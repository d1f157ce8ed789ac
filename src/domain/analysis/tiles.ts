// The KPI tiles staff see on the Dashboard and in the sidebar: one list, so both always agree.
import type { KpiReport, PeriodKpis } from './kpis';
import type { GoalSettings } from './settings';

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

export type GoalState = 'green' | 'amber' | 'red';

/**
 * A target: `atLeast`/`atMost` the tile's value; `growthAtLeast`/`changeAtMost` its change against the previous
 * period, (current − previous) / |previous|.
 */
export type GoalRule = 'atLeast' | 'atMost' | 'growthAtLeast' | 'changeAtMost';

export interface TileGoal {
  key: KpiTileKey | 'marketingCostPerReturningOrder' | 'returningRevenue';
  rule: GoalRule;
  target: number;
  /** What the target is compared with: the value, or the change against the previous period; null: no data. */
  measured: number | null;
  /** Null when there is nothing to measure yet. */
  state: GoalState | null;
  /** The value against the previous period, in the direction that is better for the studio. */
  trend: 'better' | 'worse' | 'same' | null;
}

/** How far short of the target is still amber: a fifth of the target, at least 0.1 for a change. */
function amberBand(rule: GoalRule, target: number): number {
  return rule === 'atLeast' || rule === 'atMost' ? Math.abs(target) * 0.2 : Math.max(Math.abs(target), 0.1);
}

export function goalState(rule: GoalRule, target: number, measured: number | null): GoalState | null {
  if (measured === null || !Number.isFinite(measured)) return null;
  const higherIsBetter = rule === 'atLeast' || rule === 'growthAtLeast';
  const shortBy = higherIsBetter ? target - measured : measured - target;
  if (shortBy <= 1e-9) return 'green';
  return shortBy <= amberBand(rule, target) + 1e-9 ? 'amber' : 'red';
}

function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

function trendOf(current: number | null, previous: number | null, higherIsBetter: boolean): TileGoal['trend'] {
  if (current === null || previous === null) return null;
  if (Math.abs(current - previous) <= Math.abs(previous) * 0.005) return 'same';
  return current > previous === higherIsBetter ? 'better' : 'worse';
}

function goal(
  key: TileGoal['key'],
  rule: GoalRule,
  target: number,
  current: number | null,
  previous: number | null,
): TileGoal {
  const higherIsBetter = rule === 'atLeast' || rule === 'growthAtLeast';
  const measured = rule === 'atLeast' || rule === 'atMost' ? current : change(current, previous);
  return {
    key,
    rule,
    target,
    measured,
    state: goalState(rule, target, measured),
    trend: trendOf(current, previous, higherIsBetter),
  };
}

/** Revenue from clients who had ordered before the period: revenue × their share. */
function returningRevenue(kpis: PeriodKpis): number | null {
  return kpis.returningRevenueShare === null ? null : finite(kpis.revenue * kpis.returningRevenueShare);
}

/**
 * Each KPI against the studio's target, in display order. Marketing cost per returning order needs the cost
 * of the previous period's campaigns, which the report carries only for the current one: measured stays null.
 */
export function kpiGoals(report: KpiReport, goals: GoalSettings): TileGoal[] {
  const { current, previous } = report;
  return [
    goal(
      'repeatOrderRate',
      'atLeast',
      goals.goalRepeatOrderShare,
      finite(current.repeatOrderRate),
      finite(previous.repeatOrderRate),
    ),
    goal(
      'returningRevenue',
      'growthAtLeast',
      goals.goalReturningRevenueGrowth,
      returningRevenue(current),
      returningRevenue(previous),
    ),
    goal('marketingCostPerReturningOrder', 'changeAtMost', goals.goalMarketingCostChange, null, null),
    goal(
      'averageResponseHours',
      'atMost',
      goals.goalResponseHours,
      finite(current.requests.averageHours),
      finite(previous.requests.averageHours),
    ),
    goal(
      'retentionRate',
      'atLeast',
      goals.goalRetentionRate,
      finite(current.retentionRate),
      finite(previous.retentionRate),
    ),
    goal(
      'profitPerClient',
      'growthAtLeast',
      goals.goalProfitPerClientGrowth,
      finite(current.profitPerClient),
      finite(previous.profitPerClient),
    ),
  ];
}
