// A segment as one readable cell for the Segments sheet, e.g.
//   order_count ≥ 3 AND (country = "RU" OR topic in [gaming, art])
// parse.ts reads the same text back.
import { isValidDate, isoDay } from '../dates';
import { resolveField } from './fields';
import { isGroup, type RuleOp, type RuleValue, type SegmentGroup, type SegmentRule } from './model';

/** Words with a meaning in the text; a field or value spelled like one must be quoted. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'between',
  'contains',
  'starts',
  'with',
  'in',
  'last',
  'days',
  'is',
  'not',
  'empty',
  'before',
  'after',
  'true',
  'false',
]);

export const OP_SYMBOLS: Readonly<Partial<Record<RuleOp, string>>> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
};

const BARE_WORD = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function isBare(text: string): boolean {
  return BARE_WORD.test(text) && !KEYWORDS.has(text.toLowerCase());
}

export function quoteText(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function formatScalar(value: unknown, bareWords: boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quoteText(String(value));
  if (typeof value === 'boolean') return String(value);
  if (isValidDate(value)) return isoDay(value);
  const text = value === null || value === undefined ? '' : String(value);
  return bareWords && isBare(text) ? text : quoteText(text);
}

function formatValue(value: RuleValue | undefined, bareWords: boolean): string {
  return Array.isArray(value) ? formatScalar(value[0], bareWords) : formatScalar(value, bareWords);
}

export function formatField(field: string): string {
  return isBare(field) ? field : quoteText(field);
}

/** One rule as text; tolerant of malformed values so validation can quote the offending rule. */
export function formatRule(rule: SegmentRule): string {
  // Values of choice fields (topic, lifecycle…) read best bare; free text is always quoted.
  const name = String(rule.field ?? ''); // a definition from JSON may lack it; validation still quotes the rule
  const bareWords = resolveField(name)?.type === 'choice';
  const field = formatField(name);
  const value = rule.value;
  const list = Array.isArray(value) ? value : [value];
  switch (rule.op) {
    case 'between':
      return `${field} between ${formatScalar(list[0], bareWords)} and ${formatScalar(list[1], bareWords)}`;
    case 'in':
      return `${field} in [${list.map((item) => formatScalar(item, bareWords)).join(', ')}]`;
    case 'contains':
      return `${field} contains ${formatValue(value, bareWords)}`;
    case 'starts_with':
      return `${field} starts with ${formatValue(value, bareWords)}`;
    case 'is_empty':
      return `${field} is empty`;
    case 'is_not_empty':
      return `${field} is not empty`;
    case 'in_last_days':
      return `${field} in last ${formatValue(value, false)} days`;
    case 'before':
    case 'after':
      return `${field} ${rule.op} ${formatValue(value, false)}`;
    default:
      return `${field} ${OP_SYMBOLS[rule.op] ?? String(rule.op)} ${formatValue(value, bareWords)}`;
  }
}

/** A group's rules joined by AND / OR; nested groups in parentheses. */
export function formatSegment(group: SegmentGroup): string {
  const joiner = group.match === 'any' ? ' OR ' : ' AND ';
  return group.rules.map((item) => (isGroup(item) ? `(${formatSegment(item)})` : formatRule(item))).join(joiner);
}

/** Where a choice field's values are named in the catalogs (the key is completed by the value). */
const CHOICE_LABEL_PREFIX: Readonly<Record<string, string>> = {
  topic: 'enum.channelTopic.',
  locale: 'enum.language.',
  rfm_segment: 'analysis.rfm.',
  lifecycle: 'analysis.lifecycle.',
};

/**
 * The catalog key naming a choice value staff see (`lifecycle` + `churned` → `analysis.lifecycle.churned`);
 * null for a field whose values are the studio's own words (tiers, products, columns).
 */
export function choiceLabelKey(field: string, value: string): string | null {
  const prefix = CHOICE_LABEL_PREFIX[field];
  const choices = resolveField(field)?.choices;
  if (!prefix || !choices) return null;
  const known = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  return known ? `${prefix}${known}` : null;
}
