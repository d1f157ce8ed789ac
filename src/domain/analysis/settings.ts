// Every analysis setting in one object, read from the Settings rows `analysis.<field>`.
import { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpis';
import { DEFAULT_LIFECYCLE_SETTINGS, type LifecycleSettings } from './lifecycle';

/** The studio's targets (Settings `analysis.goal…`): shares as 0..1, changes against the previous period. */
export interface GoalSettings {
  /** Share of the period's orders that are repeat orders, at least. */
  goalRepeatOrderShare: number;
  /** Growth of revenue from returning clients against the previous period, at least (+0.3 = +30 %). */
  goalReturningRevenueGrowth: number;
  /** Change of marketing cost per returning order against the previous period, at most (−0.2 = −20 %). */
  goalMarketingCostChange: number;
  /** Average first answer to a client request, in hours, at most. */
  goalResponseHours: number;
  /** Clients at the period's start who ordered again by its end, at least. */
  goalRetentionRate: number;
  /** Growth of profit per client against the previous period, at least (0: not below last period). */
  goalProfitPerClientGrowth: number;
}

export const DEFAULT_GOAL_SETTINGS: Readonly<GoalSettings> = {
  goalRepeatOrderShare: 0.6,
  goalReturningRevenueGrowth: 0.3,
  goalMarketingCostChange: -0.2,
  goalResponseHours: 2,
  goalRetentionRate: 0.5,
  goalProfitPerClientGrowth: 0,
};

export interface AnalysisSettings extends LifecycleSettings, KpiSettings, GoalSettings {
  /** Fewer repeat buyers than this: the CLV model is not fitted, the fallback is used. */
  minRepeatBuyers: number;
  /** Discount rate per month for the predicted 12-month value. */
  monthlyDiscountRate: number;
  /** Loyalty tiers that make the built-in VIP segment. */
  vipTiers: string[];
}

export const DEFAULT_ANALYSIS_SETTINGS: Readonly<AnalysisSettings> = {
  ...DEFAULT_LIFECYCLE_SETTINGS,
  ...DEFAULT_KPI_SETTINGS,
  ...DEFAULT_GOAL_SETTINGS,
  minRepeatBuyers: 20,
  monthlyDiscountRate: 0.01,
  vipTiers: ['vip'],
};

export function lifecycleSettingsOf(settings: AnalysisSettings): LifecycleSettings {
  const {
    loyalMinOrders,
    lapsingTolerance,
    minimumGapDays,
    oneOrderLapsingDays,
    churnedAfterDays,
    churnRiskThreshold,
  } = settings;
  return {
    loyalMinOrders,
    lapsingTolerance,
    minimumGapDays,
    oneOrderLapsingDays,
    churnedAfterDays,
    churnRiskThreshold,
  };
}

export function kpiSettingsOf(settings: AnalysisSettings): KpiSettings {
  return { marginRate: settings.marginRate, activeWindowDays: settings.activeWindowDays };
}
