// Segment rules as staff read them: "Заказов не меньше 2 и Уровень лояльности: VIP", from the same text the
// Segments sheet stores (the text itself stays for the Advanced editor).
import { choiceLabelKey } from '../domain/analysis/segments/format';
import { SEGMENT_FIELDS } from '../domain/analysis/segments/fields';
import { isGroup, type RuleScalar, type SegmentGroup, type SegmentRule } from '../domain/analysis/segments/model';
import { parseSegmentText } from '../domain/analysis/segments/parse';
import type { MessageKey } from '../i18n';
import { formatDate, formatNumber, t } from './text';

export function fieldLabel(name: string): string {
  return SEGMENT_FIELDS.has(name) ? t(`ui.segments.field.${name}` as MessageKey) : name;
}

/** One value in words: a choice by its catalog name, yes/no, a date or number in the staff language. */
export function valueLabel(field: string, value: RuleScalar): string {
  if (typeof value === 'boolean') return t(value ? 'ui.segments.words.yes' : 'ui.segments.words.no');
  if (typeof value === 'number') return formatNumber(value, 2);
  if (value instanceof Date) return formatDate(value.toISOString());
  const key = choiceLabelKey(field, value);
  return key ? t(key as MessageKey) : value;
}

function ruleInWords(rule: SegmentRule): string {
  const field = fieldLabel(rule.field);
  const values = (Array.isArray(rule.value) ? rule.value : rule.value === null ? [] : [rule.value]) as RuleScalar[];
  const words = values.map((value) => valueLabel(rule.field, value));
  const key = `ui.segments.words.${rule.op}` as MessageKey;
  if (rule.op === 'between') return t(key, { field, from: words[0] ?? '', to: words[1] ?? '' });
  return t(key, { field, value: words.join(t('ui.segments.words.or')) });
}

export function groupInWords(group: SegmentGroup, nested = false): string {
  const joiner = t(group.match === 'any' ? 'ui.segments.words.or' : 'ui.segments.words.and');
  const text = group.rules.map((item) => (isGroup(item) ? groupInWords(item, true) : ruleInWords(item))).join(joiner);
  return nested && group.rules.length > 1 ? `(${text})` : text;
}

/** The stored rules text in words; text that does not parse is shown as written (its problems are listed). */
export function segmentInWords(text: string): string {
  const parsed = parseSegmentText(text);
  return parsed.ok ? groupInWords(parsed.group) : text;
}
