// The sidebar's first screen and the client card's analysis part. The overview is cached per data version
// (the last refresh plus each sheet's row count), so opening the sidebar twice reads the sheets once.
import type { ClientInsights, ClvStatusView, OverviewView } from '../../contract/sidebar-api';
import {
  buildClientProfiles,
  compileSegment,
  expectedNextOrder,
  kpiGoals,
  kpiTiles,
  lifecycleSettingsOf,
  lifecycleStageKey,
  rfmSegmentKey,
  type ClientProfile,
  type LifecycleSettings,
  type Segment,
} from '../../domain/analysis';
import { addDays, calendarDaysBetween, isoDay } from '../../domain/analysis/dates';
import { CLV_FALLBACK_REASONS, type ClvFallbackReason } from '../../domain/clv';
import type { Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { findSheet, readCoreSettings, type Workbook } from '../../sheets';
import { readCachedJson, readDocumentJson, writeCachedJson } from '../../services/document-state';
import { readStudio, segmentRowProblems } from '../../sheets/studio';
import { allSegments, analyse, LAST_REFRESH_KEY, type LastRefresh } from './analysis';
import { segmentName, tileLabel } from './dashboard';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import { responseTimeView, withWaitsAt } from '../inbox/response-time';

const SAMPLE = 5;

function clvStatus(locale: Locale, last: LastRefresh | null): ClvStatusView | null {
  if (!last) return null;
  const reason = last.clv.reason;
  if (last.clv.kind === 'fallback' && reason && (CLV_FALLBACK_REASONS as readonly string[]).includes(reason)) {
    return { kind: 'fallback', message: translate(locale, reason as ClvFallbackReason, last.clv.params) };
  }
  return { kind: 'fitted', message: translate(locale, 'analysis.clv.fitted', { repeatBuyers: last.clv.repeatBuyers }) };
}

/** Changes whenever a refresh runs or a sheet gains or loses rows (one getLastRow per sheet). */
function dataVersion(book: Workbook, locale: Locale, last: LastRefresh | null): string {
  const rows = (['clients', 'orders', 'feedback', 'requests', 'segments', 'campaigns', 'problems'] as const)
    .map((key) => findSheet(book, key)?.getLastRow() ?? -1)
    .join('.');
  // The currency too: money tiles are shown in it, and changing it adds no row anywhere.
  const currency = readCoreSettings(book).settings.currency;
  return `overview:${locale}:${currency}:${last?.at ?? 'never'}:${rows}`;
}

export function getOverview(): OverviewView {
  return asStaff((book, locale) => {
    const last = readDocumentJson<LastRefresh | null>(LAST_REFRESH_KEY, null);
    const key = dataVersion(book, locale, last);
    const cached = readCachedJson<OverviewView>(key);
    if (cached) return cached.responseTime ? { ...cached, responseTime: withWaitsAt(cached.responseTime) } : cached;
    const asOf = new Date();
    const data = readStudio(book, { campaigns: true });
    const analysis = analyse(data, asOf, null);
    const lapsing = analysis.segments.get('lapsing_regulars');
    const lapsingIds = new Set(lapsing && lapsing.ok ? lapsing.clientIds : []);
    const period = analysis.kpis.current.period;
    const overview: OverviewView = {
      period: { from: isoDay(period.from), to: isoDay(addDays(period.to, -1)) },
      currency: data.currency,
      tiles: kpiTiles(analysis.kpis).map((tile) => ({ ...tile, label: tileLabel(locale, tile) })),
      goals: kpiGoals(analysis.kpis, data.settings),
      attention: {
        lapsingRegulars: lapsingIds.size,
        lapsingSample: analysis.profiles
          .filter((profile) => lapsingIds.has(profile.client.id))
          .slice(0, SAMPLE)
          .map((profile) => ({
            id: profile.client.id,
            name: profile.client.name,
            email: profile.client.email,
            lifecycle: translate(locale, lifecycleStageKey(profile.lifecycle)),
          })),
        unansweredRequests: data.requests.filter((request) => request.answeredAt === null).length,
        pausedCampaigns: data.campaigns
          ? data.campaigns.filter((campaign) => campaign.status === 'paused').length
          : null,
        problems: data.problems.length + segmentRowProblems(data.savedSegments, locale).length,
      },
      clv: clvStatus(locale, last),
      refreshedAt: last?.at ?? null,
      responseTime: responseTimeView(book, data.requests, asOf),
    };
    writeCachedJson(key, overview, 6 * 3600);
    return overview;
  });
}

export function getClientInsights(clientId: string): ClientInsights {
  return asStaff((book, locale) => clientInsightsOf(book, locale, clientId));
}

/** The analysis part of the card, on a workbook already open (the whole card answers it in one execution). */
export function clientInsightsOf(book: Workbook, locale: Locale, clientId: string): ClientInsights {
  const data = readStudio(book);
  const asOf = new Date();
  const settings = lifecycleSettingsOf(data.settings);
  // RFM quintiles need everyone's profile; the CLV columns come from the last refresh.
  const profiles = buildClientProfiles(data.clients, data.orders, asOf, {
    facts: data.storedFacts,
    lifecycle: settings,
  });
  const profile = profiles.find((candidate) => candidate.client.id === clientId);
  if (!profile) throw new UserFacingError('analysis.client.notFound', { id: clientId });
  const segments = allSegments(data).filter((segment) => {
    const compiled = compileSegment(segment, asOf, data.extraHeaders);
    return compiled.ok && compiled.matches(profile);
  });
  return insightsOf(profile, segments, { locale, currency: data.currency, lifecycle: settings, asOf });
}

/** The insights of one profile in the segments it is in (the card's kept figures give both without a whole read). */
export function insightsOf(
  profile: Pick<ClientProfile, 'client' | 'stats' | 'rfm' | 'lifecycle' | 'facts'>,
  segments: readonly Pick<Segment, 'name' | 'builtIn'>[],
  context: { locale: Locale; currency: string; lifecycle: LifecycleSettings; asOf: Date },
): ClientInsights {
  const { locale, asOf } = context;
  const next = profile.stats.orderCount > 0 ? expectedNextOrder(profile.stats, profile.facts, context.lifecycle) : null;
  const finite = (value: number | null | undefined) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
  return {
    clientId: profile.client.id,
    lifecycle: translate(locale, lifecycleStageKey(profile.lifecycle)),
    rfm: profile.rfm ? translate(locale, rfmSegmentKey(profile.rfm.segment)) : '',
    churnRisk: finite(profile.facts.churnRisk),
    predictedValue: finite(profile.facts.predictedValue12m),
    currency: context.currency,
    nextOrderExpected: next ? isoDay(next) : null,
    nextOrderOverdueDays: next && calendarDaysBetween(next, asOf) > 0 ? calendarDaysBetween(next, asOf) : null,
    segments: segments.map((segment) => segmentName(locale, segment)),
  };
}
