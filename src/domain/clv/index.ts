// Predicted lifetime value: BG/NBD purchase forecasts, Gamma-Gamma spend, and the small-data fallback.
export { summariseHistory, daysPerUnit } from './history';
export { calendarDay } from '../analysis/dates';
export type { TimeUnit, OrderForClv, ClientHistorySummary } from './history';
export {
  bgNbdLogLikelihood,
  fitBgNbd,
  probabilityAlive,
  expectedPurchases,
  expectedPurchasesUnconditional,
  timeToNextPurchase,
  BGNBD_BOUNDS,
} from './bgnbd';
export type { PurchaseHistory, BgNbdParams, BgNbdFit } from './bgnbd';
export {
  gammaGammaLogLikelihood,
  fitGammaGamma,
  expectedOrderValue,
  discountedValue,
  isSpendInformative,
  GAMMA_GAMMA_BOUNDS,
} from './gamma-gamma';
export type { SpendHistory, GammaGammaParams, GammaGammaFit, LifetimeValueOptions } from './gamma-gamma';
export { fitClvModels, fallbackParams, scoreClients, CDNOW_REFERENCE, CLV_FALLBACK_REASONS } from './score';
export type {
  ClvClientSummary,
  ClvModels,
  ClvFallbackReason,
  FitClvOptions,
  ClientClvScore,
  ScoreClvOptions,
} from './score';
export { studioClv } from './studio';
export type { StudioClv, StudioClvOptions } from './studio';
