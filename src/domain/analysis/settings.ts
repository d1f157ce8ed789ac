// Every analysis setting in one object, read from the Settings rows `analysis.<field>`.
import { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpis';
import { DEFAULT_LIFECYCLE_SETTINGS, type LifecycleSettings } from './lifecycle';

export interface AnalysisSettings extends LifecycleSettings, KpiSettings {
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
