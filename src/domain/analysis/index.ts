// Public surface of analysis: what the server, dashboard and other modules may import.
export { analyseStudio, lastFullMonth, type AnalysisInput, type AnalysisOptions, type StudioAnalysis } from './analyse';
export { breakdownBy, type BreakdownDimension, type BreakdownRow } from './breakdowns';
export { feedbackSummary, median, responseTimes, type FeedbackSummary, type ResponseTimes } from './client-care';
export { clientStats, countsAsOrder, firstOrderDates, isCountedOrderAsOf, type ClientStats } from './client-stats';
export type { ClientFacts, ClientFactsById } from './facts';
export {
  computeKpis,
  DEFAULT_KPI_SETTINGS,
  periodKpis,
  previousPeriod,
  type CampaignKpis,
  type KpiInput,
  type KpiReport,
  type KpiSettings,
  type Period,
  type PeriodKpis,
} from './kpis';
export {
  DEFAULT_LIFECYCLE_SETTINGS,
  dueFromOverdueText,
  expectedNextOrder,
  LIFECYCLE_STAGES,
  lifecycleStage,
  lifecycleStageKey,
  lifecycleStages,
  nextOrderCell,
  type LifecycleSettings,
  type LifecycleStage,
  type NextOrderCell,
} from './lifecycle';
export {
  cohortTable,
  npsByMonth,
  revenueByMonth,
  type CohortRow,
  type MonthFeedback,
  type MonthRevenue,
} from './monthly';
export { clientWhen, segmentFiveW, type SegmentFiveW } from './five-w';
export { buildClientProfiles, type ClientProfile, type ProfileOptions } from './profiles';
export {
  quintileScores,
  RFM_SEGMENTS,
  rfmSegment,
  rfmSegmentKey,
  scoreRfm,
  type RfmScore,
  type RfmScoreValue,
  type RfmSegment,
} from './rfm';
export { builtInSegments, type BuiltInOptions } from './segments/builtin';
export { compileSegment, segmentMembers, type ClientPredicate, type CompiledSegment } from './segments/compile';
export { resolveField, SEGMENT_FIELDS, type FieldSpec, type FieldValue } from './segments/fields';
export { formatRule, formatSegment } from './segments/format';
export {
  isGroup,
  OPS_BY_TYPE,
  RULE_OPS,
  type FieldType,
  type Match,
  type RuleOp,
  type RuleScalar,
  type RuleValue,
  type Segment,
  type SegmentGroup,
  type SegmentRule,
} from './segments/model';
export { parseSegmentText, type SegmentTextError, type SegmentTextResult } from './segments/parse';
export { checkSegmentText, validateSegment, type SegmentProblem } from './segments/validate';
export {
  DEFAULT_ANALYSIS_SETTINGS,
  DEFAULT_GOAL_SETTINGS,
  kpiSettingsOf,
  lifecycleSettingsOf,
  type AnalysisSettings,
  type GoalSettings,
} from './settings';
export {
  goalState,
  kpiGoals,
  kpiTileKey,
  kpiTiles,
  type GoalRule,
  type GoalState,
  type KpiTile,
  type KpiTileKey,
  type TileFormat,
  type TileGoal,
} from './tiles';
export { readSavedSegments, type SavedSegment, type SavedSegmentRow } from './segments/saved';
