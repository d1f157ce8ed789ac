// The whole analysis in one call, for the dashboard refresh: profiles, KPIs, monthly views, breakdowns, segment sizes.
import type { Client, ClientId, ClientRequest, Feedback, Order } from '../types';
import { breakdownBy, type BreakdownDimension, type BreakdownRow } from './breakdowns';
import type { ClientFacts } from './facts';
import { monthStart } from './dates';
import {
  computeKpis,
  DEFAULT_KPI_SETTINGS,
  type CampaignKpis,
  type KpiReport,
  type KpiSettings,
  type Period,
} from './kpis';
import { LIFECYCLE_STAGES, type LifecycleSettings, type LifecycleStage } from './lifecycle';
import {
  cohortTable,
  npsByMonth,
  revenueByMonth,
  type CohortRow,
  type MonthFeedback,
  type MonthRevenue,
} from './monthly';
import { buildClientProfiles, type ClientProfile } from './profiles';
import { RFM_SEGMENTS, type RfmSegment } from './rfm';
import { segmentMembers } from './segments/compile';
import type { Segment } from './segments/model';
import type { SegmentProblem } from './segments/validate';

export interface AnalysisInput {
  clients: readonly Client[];
  orders: readonly Order[];
  feedback: readonly Feedback[];
  requests: readonly ClientRequest[];
  /** From the CLV and loyalty modules, when they have run. */
  facts?: ReadonlyMap<ClientId, ClientFacts>;
  campaigns?: CampaignKpis | null;
  /** Segments to size (built-in and staff's). */
  segments?: readonly Segment[];
  /** Staff's own Clients columns, for segment rules. */
  extraHeaders?: readonly string[];
}

export interface AnalysisOptions {
  lifecycle?: LifecycleSettings;
  kpi?: KpiSettings;
  /** Default: the last full calendar month before asOf's month. */
  period?: Period;
  /** Monthly views start here; default: the first order / answer. */
  since?: Date;
}

export interface StudioAnalysis {
  asOf: Date;
  profiles: ClientProfile[];
  kpis: KpiReport;
  cohorts: CohortRow[];
  revenueByMonth: MonthRevenue[];
  npsByMonth: MonthFeedback[];
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
  rfmCounts: Record<RfmSegment, number>;
  lifecycleCounts: Record<LifecycleStage, number>;
  /** Per segment id: its members, or why it cannot run. */
  segments: Map<string, { ok: true; clientIds: ClientId[] } | { ok: false; problems: SegmentProblem[] }>;
}

export function lastFullMonth(asOf: Date): Period {
  return {
    from: monthStart(asOf, -1),
    to: monthStart(asOf),
  };
}

function countBy<K extends string>(keys: readonly K[], values: Iterable<K | null>): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) if (value !== null) counts[value] += 1;
  return counts;
}

export function analyseStudio(input: AnalysisInput, asOf: Date, options: AnalysisOptions = {}): StudioAnalysis {
  const profiles = buildClientProfiles(input.clients, input.orders, asOf, {
    facts: input.facts,
    lifecycle: options.lifecycle,
  });
  const segments = new Map(
    (input.segments ?? []).map(
      (segment) => [segment.id, segmentMembers(segment, profiles, asOf, input.extraHeaders ?? [])] as const,
    ),
  );
  return {
    asOf,
    profiles,
    kpis: computeKpis(input, options.period ?? lastFullMonth(asOf), options.kpi ?? DEFAULT_KPI_SETTINGS),
    cohorts: cohortTable(input.orders, asOf),
    revenueByMonth: revenueByMonth(input.orders, asOf, options.since),
    npsByMonth: npsByMonth(input.feedback, asOf, options.since),
    breakdowns: {
      country: breakdownBy(profiles, 'country'),
      city: breakdownBy(profiles, 'city'),
      topic: breakdownBy(profiles, 'topic'),
    },
    rfmCounts: countBy(
      RFM_SEGMENTS,
      profiles.map((profile) => profile.rfm?.segment ?? null),
    ),
    lifecycleCounts: countBy(
      LIFECYCLE_STAGES,
      profiles.map((profile) => profile.lifecycle),
    ),
    segments,
  };
}
