// Checks a segment definition before it is saved or run; every problem names the offending rule.
import type { MessageKey } from '../../../i18n';
import { isValidDate } from '../dates';
import { resolveField, type FieldSpec } from './fields';
import { formatRule } from './format';
import { parseSegmentText } from './parse';
import { isGroup, OPS_BY_TYPE, RULE_OPS, type RuleScalar, type SegmentGroup, type SegmentRule } from './model';

export interface SegmentProblem {
  key: MessageKey;
  params: Record<string, string | number>;
  /** Indexes from the top group down to the rule or group at fault. */
  path: number[];
  /** The offending rule as text ('' for a problem with a group). */
  rule: string;
}

type Check = { key: MessageKey; params?: Record<string, string | number> } | null;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string';

function checkScalar(field: FieldSpec, value: unknown): Check {
  const params = { field: field.name };
  switch (field.type) {
    case 'number':
      return isNumber(value) ? null : { key: 'analysis.segment.needsNumber', params };
    case 'boolean':
      return typeof value === 'boolean' ? null : { key: 'analysis.segment.needsBoolean', params };
    case 'date':
      return isValidDate(value) ? null : { key: 'analysis.segment.needsDate', params };
    case 'choice': {
      if (!isText(value)) return { key: 'analysis.segment.needsText', params };
      const known = field.choices?.some((choice) => choice === value.trim().toLowerCase()) ?? true;
      return known
        ? null
        : {
            key: 'analysis.segment.unknownChoice',
            params: { ...params, value, allowed: (field.choices ?? []).join(', ') },
          };
    }
    case 'text':
    case 'list':
      return isText(value) ? null : { key: 'analysis.segment.needsText', params };
    case 'dynamic':
      return isNumber(value) || isText(value) || typeof value === 'boolean' || isValidDate(value)
        ? null
        : { key: 'analysis.segment.needsValue', params };
  }
}

function checkRule(rule: SegmentRule, extraHeaders: readonly string[]): Check {
  const field = resolveField(String(rule.field ?? ''), extraHeaders);
  if (!field) return { key: 'analysis.segment.unknownField', params: { field: String(rule.field ?? '') } };
  const params = { field: field.name };
  if (!RULE_OPS.includes(rule.op) || !OPS_BY_TYPE[field.type].includes(rule.op)) {
    return { key: 'analysis.segment.badOperator', params: { ...params, op: String(rule.op) } };
  }
  const value = rule.value;
  switch (rule.op) {
    case 'is_empty':
    case 'is_not_empty':
      return null;
    case 'in_last_days':
      return isNumber(value) && Number.isInteger(value) && value >= 0
        ? null
        : { key: 'analysis.segment.needsDays', params };
    case 'before':
    case 'after':
      return isValidDate(value) ? null : { key: 'analysis.segment.needsDate', params };
    case 'between': {
      const ends = Array.isArray(value) ? (value as readonly RuleScalar[]) : [];
      const [low, high] = ends;
      const numbers = isNumber(low) && isNumber(high) && field.type !== 'date';
      const dates = isValidDate(low) && isValidDate(high) && (field.type === 'date' || field.type === 'dynamic');
      if (ends.length !== 2 || !(numbers || dates)) return { key: 'analysis.segment.badRange', params };
      return Number(low) <= Number(high) ? null : { key: 'analysis.segment.badRange', params };
    }
    case 'in': {
      if (!Array.isArray(value) || value.length === 0) return { key: 'analysis.segment.needsList', params };
      const itemField: FieldSpec = field.type === 'list' ? { ...field, type: 'text' } : field;
      for (const item of value as readonly RuleScalar[]) {
        const problem = checkScalar(itemField, item);
        if (problem) return problem;
      }
      return null;
    }
    case 'contains':
    case 'starts_with':
      return isText(value) && value !== '' ? null : { key: 'analysis.segment.needsText', params };
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return isNumber(value) ? null : { key: 'analysis.segment.needsNumber', params };
    default:
      return checkScalar(field, value);
  }
}

function checkGroup(
  group: SegmentGroup,
  path: number[],
  extraHeaders: readonly string[],
  problems: SegmentProblem[],
): void {
  if (group.match !== 'all' && group.match !== 'any') {
    problems.push({ key: 'analysis.segment.badMatch', params: { match: String(group.match) }, path, rule: '' });
  }
  if (!Array.isArray(group.rules) || group.rules.length === 0) {
    problems.push({ key: 'analysis.segment.empty', params: {}, path, rule: '' });
    return;
  }
  group.rules.forEach((item, index) => {
    const here = [...path, index];
    if (isGroup(item)) return checkGroup(item, here, extraHeaders, problems);
    const problem = checkRule(item, extraHeaders);
    if (problem) problems.push({ key: problem.key, params: problem.params ?? {}, path: here, rule: formatRule(item) });
  });
}

/** Every problem in the definition; empty when it can be compiled. `extraHeaders` are the staff's own Clients columns. */
export function validateSegment(segment: SegmentGroup, extraHeaders: readonly string[] = []): SegmentProblem[] {
  const problems: SegmentProblem[] = [];
  checkGroup(segment, [], extraHeaders, problems);
  return problems;
}

/** A Segments-sheet cell read and checked in one step; parse errors come back as problems too. */
export function checkSegmentText(
  text: string,
  extraHeaders: readonly string[] = [],
): { ok: true; group: SegmentGroup } | { ok: false; problems: SegmentProblem[] } {
  const parsed = parseSegmentText(text);
  if (!parsed.ok) return { ok: false, problems: [{ ...parsed.error, path: [], rule: text }] };
  const problems = validateSegment(parsed.group, extraHeaders);
  return problems.length === 0 ? { ok: true, group: parsed.group } : { ok: false, problems };
}
