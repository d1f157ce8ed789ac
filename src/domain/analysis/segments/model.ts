// The shape of a segment definition: rules over client fields, combined with all/any, nestable.

export type RuleOp =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'between'
  | 'contains'
  | 'starts_with'
  | 'in'
  | 'is_empty'
  | 'is_not_empty'
  | 'in_last_days'
  | 'before'
  | 'after';

export const RULE_OPS: readonly RuleOp[] = [
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'between',
  'contains',
  'starts_with',
  'in',
  'is_empty',
  'is_not_empty',
  'in_last_days',
  'before',
  'after',
];

export type RuleScalar = string | number | boolean | Date;
/** A scalar; `[low, high]` for between; a list for in; nothing for is (not) empty. */
export type RuleValue = RuleScalar | readonly RuleScalar[] | null;

export interface SegmentRule {
  field: string;
  op: RuleOp;
  value?: RuleValue;
}

export type Match = 'all' | 'any';

export interface SegmentGroup {
  match: Match;
  rules: readonly (SegmentRule | SegmentGroup)[];
}

export interface Segment extends SegmentGroup {
  id: string;
  /** Staff's name; for a built-in segment, the i18n key of its name. */
  name: string;
  builtIn?: boolean;
}

export function isGroup(item: SegmentRule | SegmentGroup): item is SegmentGroup {
  return Array.isArray((item as SegmentGroup).rules);
}

/** Kinds of field value; `dynamic` is a staff column whose type is only known per cell. */
export type FieldType = 'number' | 'text' | 'choice' | 'date' | 'boolean' | 'list' | 'dynamic';

export const OPS_BY_TYPE: Readonly<Record<FieldType, readonly RuleOp[]>> = {
  number: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', 'is_empty', 'is_not_empty'],
  text: ['eq', 'ne', 'contains', 'starts_with', 'in', 'is_empty', 'is_not_empty'],
  choice: ['eq', 'ne', 'in', 'is_empty', 'is_not_empty'],
  date: ['before', 'after', 'between', 'in_last_days', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'ne'],
  list: ['contains', 'in', 'is_empty', 'is_not_empty'],
  dynamic: RULE_OPS,
};
