// Segments for the sidebar and for campaigns: saved and built-in, live counts, preview, save/rename/delete.
import type { ClientBrief, SegmentPreview, SegmentRuleTree, SegmentView } from '../../contract/sidebar-api';
import { oncePerRequest } from '../../services/action-memo';
import { withLock } from '../../services/locks';
import {
  buildClientProfiles,
  checkSegmentText,
  compileSegment,
  formatSegment,
  lifecycleSettingsOf,
  lifecycleStageKey,
  segmentMembers,
  type ClientProfile,
  type SegmentGroup,
  type SegmentProblem,
} from '../../domain/analysis';
import type { ClientId, Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { readTable, type Workbook } from '../../sheets';
import { deleteSegmentRow, saveSegmentRow } from '../../sheets/segments';
import { readStudio, type ReadTables, type StudioData } from '../../sheets/studio';
import { allSegments } from './analysis';
import { segmentName } from './dashboard';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';

/** Profiles from the sheets as they are, with the last refresh's CLV columns as facts (no model fit: fast). */
function currentProfiles(data: StudioData, asOf: Date): ClientProfile[] {
  return buildClientProfiles(data.clients, data.orders, asOf, {
    facts: data.storedFacts,
    lifecycle: lifecycleSettingsOf(data.settings),
  });
}

/** Members of one segment among the profiles; throws when the segment is unknown or its rules cannot run. */
function membersOf(
  book: Workbook,
  data: StudioData,
  profiles: readonly ClientProfile[],
  segmentId: string,
  asOf: Date,
): ClientId[] {
  const saved = data.savedSegments.find((segment) => segment.id === segmentId);
  if (saved && !saved.ok)
    throw new UserFacingError('analysis.segment.badRow', {
      name: saved.name,
      problem: problemsText(book.locale, saved.problems).join(' '),
    });
  const segment = allSegments(data).find((candidate) => candidate.id === segmentId);
  if (!segment) throw new UserFacingError('analysis.segment.notFound', { id: segmentId });
  const members = segmentMembers(segment, profiles, asOf, data.extraHeaders);
  if (!members.ok)
    throw new UserFacingError('analysis.segment.badRow', {
      name: segment.name,
      problem: problemsText(book.locale, members.problems).join(' '),
    });
  return members.clientIds;
}

/**
 * The ids of the clients in a segment now: built-in (`rfm:champions`, `lifecycle:lapsing`, `vip`, …) or saved.
 * For the campaigns module. Throws when the segment is unknown or its rules cannot run.
 */
export function segmentClientIds(book: Workbook, segmentId: string, asOf: Date): ClientId[] {
  const data = readStudio(book);
  return membersOf(book, data, currentProfiles(data, asOf), segmentId, asOf);
}

/**
 * Which of the given segments each client is in, from one read of the studio however many segments
 * (none read when no segment is asked). Clients and orders already read by the caller are reused.
 * A segment that is unknown or whose rules cannot run is left out with a warning: the caller
 * (a discount) goes on without it.
 */
export function segmentsByClient(
  book: Workbook,
  segmentIds: readonly string[],
  asOf: Date,
  tables: ReadTables = {},
): Map<ClientId, string[]> {
  const membership = new Map<ClientId, string[]>();
  const wanted = [...new Set(segmentIds)];
  if (wanted.length === 0) return membership;
  const data = readStudio(book, { tables });
  const profiles = currentProfiles(data, asOf);
  for (const segmentId of wanted) {
    try {
      for (const clientId of membersOf(book, data, profiles, segmentId, asOf))
        membership.set(clientId, [...(membership.get(clientId) ?? []), segmentId]);
    } catch (error) {
      console.warn(`segment ${segmentId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return membership;
}

function problemsText(locale: Locale, problems: readonly SegmentProblem[]): string[] {
  return problems.map((problem) => translate(locale, problem.key, problem.params));
}

function brief(locale: Locale, profile: ClientProfile): ClientBrief {
  return {
    id: profile.client.id,
    name: profile.client.name,
    email: profile.client.email,
    lifecycle: translate(locale, lifecycleStageKey(profile.lifecycle)),
  };
}

/** Rules from the sidebar: text, or a tree from the builder (turned into text and read back, like a saved row). */
function rulesText(rules: string | SegmentRuleTree): string {
  return typeof rules === 'string' ? rules.trim() : formatSegment(rules as unknown as SegmentGroup);
}

export function listSegments(): SegmentView[] {
  return asStaff((book, locale) => {
    const data = readStudio(book);
    const asOf = new Date();
    const profiles = currentProfiles(data, asOf);
    const count = (group: SegmentGroup) => {
      const compiled = compileSegment(group, asOf, data.extraHeaders);
      return compiled.ok ? profiles.filter(compiled.matches).length : null;
    };
    const builtIns: SegmentView[] = allSegments(data)
      .filter((segment) => segment.builtIn)
      .map((segment) => ({
        id: segment.id,
        name: segmentName(locale, segment),
        rules: formatSegment(segment),
        builtIn: true,
        members: count(segment),
        problems: [],
      }));
    const saved: SegmentView[] = data.savedSegments.map((segment) =>
      segment.ok
        ? {
            id: segment.id,
            name: segment.name,
            rules: segment.rules,
            builtIn: false,
            members: count(segment.segment),
            problems: [],
          }
        : {
            id: segment.id,
            name: segment.name,
            rules: segment.rules,
            builtIn: false,
            members: null,
            problems: problemsText(locale, segment.problems),
          },
    );
    return [...saved, ...builtIns];
  });
}

export function previewSegment(rules: string | SegmentRuleTree): SegmentPreview {
  return asStaff((book, locale) => {
    const text = rulesText(rules);
    const data = readStudio(book);
    const checked = checkSegmentText(text, data.extraHeaders);
    if (!checked.ok)
      return { ok: false, count: 0, sample: [], problems: problemsText(locale, checked.problems), rules: text };
    const asOf = new Date();
    const compiled = compileSegment(checked.group, asOf, data.extraHeaders);
    if (!compiled.ok)
      return { ok: false, count: 0, sample: [], problems: problemsText(locale, compiled.problems), rules: text };
    const members = currentProfiles(data, asOf).filter(compiled.matches);
    return {
      ok: true,
      count: members.length,
      sample: members.slice(0, 10).map((profile) => brief(locale, profile)),
      problems: [],
      rules: formatSegment(checked.group),
    };
  });
}

function segmentView(locale: Locale, book: Workbook, id: string): SegmentView {
  const view = listSegmentsIn(book, locale).find((segment) => segment.id === id);
  if (!view) throw new UserFacingError('analysis.segment.notFound', { id });
  return view;
}

function listSegmentsIn(book: Workbook, locale: Locale): SegmentView[] {
  const data = readStudio(book);
  const asOf = new Date();
  const profiles = currentProfiles(data, asOf);
  return data.savedSegments.map((segment) => {
    if (!segment.ok)
      return {
        id: segment.id,
        name: segment.name,
        rules: segment.rules,
        builtIn: false,
        members: null,
        problems: problemsText(locale, segment.problems),
      };
    const members = segmentMembers(segment.segment, profiles, asOf, data.extraHeaders);
    return {
      id: segment.id,
      name: segment.name,
      rules: segment.rules,
      builtIn: false,
      members: members.ok ? members.clientIds.length : null,
      problems: [],
    };
  });
}

const isBuiltInId = (id: string) =>
  /^(rfm:|lifecycle:)/.test(id) || id === 'vip' || id === 'birthday_this_month' || id === 'lapsing_regulars';

export function saveSegment(segment: {
  id?: string;
  name: string;
  rules: string | SegmentRuleTree;
  pressId?: string;
}): SegmentView {
  return asStaff((book, locale) => {
    const name = segment.name.trim();
    if (!name) throw new UserFacingError('analysis.segment.nameRequired');
    if (segment.id && isBuiltInId(segment.id)) throw new UserFacingError('analysis.segment.builtInReadOnly');
    const text = rulesText(segment.rules);
    const table = readTable(book, 'clients');
    const checked = checkSegmentText(text, table.mapping?.extra.map((column) => column.header) ?? []);
    if (!checked.ok)
      throw new UserFacingError('analysis.segment.badRow', {
        name,
        problem: problemsText(locale, checked.problems).join(' '),
      });
    const rules = formatSegment(checked.group);
    return withLock('database', () =>
      oncePerRequest('saveSegment', segment.pressId, () => {
        const id = saveSegmentRow(book, segment.id || undefined, { name, rules });
        if (id === null) throw new UserFacingError('analysis.segment.notFound', { id: segment.id ?? '' });
        return segmentView(locale, book, id);
      }),
    );
  });
}

export function renameSegment(id: string, name: string): SegmentView {
  return asStaff((book, locale) => {
    const trimmed = name.trim();
    if (!trimmed) throw new UserFacingError('analysis.segment.nameRequired');
    if (isBuiltInId(id)) throw new UserFacingError('analysis.segment.builtInReadOnly');
    if (saveSegmentRow(book, id, { name: trimmed }) === null)
      throw new UserFacingError('analysis.segment.notFound', { id });
    return segmentView(locale, book, id);
  });
}

export function deleteSegment(id: string): { deleted: string } {
  return asStaff((book) => {
    if (isBuiltInId(id)) throw new UserFacingError('analysis.segment.builtInReadOnly');
    if (!deleteSegmentRow(book, id)) throw new UserFacingError('analysis.segment.notFound', { id });
    return { deleted: id };
  });
}
