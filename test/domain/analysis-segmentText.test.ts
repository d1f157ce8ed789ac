import { describe, expect, it } from 'vitest';
import { builtInSegments } from '../../src/domain/analysis/segments/builtin';
import { formatSegment } from '../../src/domain/analysis/segments/format';
import type { SegmentGroup } from '../../src/domain/analysis/segments/model';
import { parseSegmentText } from '../../src/domain/analysis/segments/parse';
import { translate } from '../../src/i18n';
import { day } from './analysis-fixtures';

function parse(text: string): SegmentGroup {
  const result = parseSegmentText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.group;
}

describe('formatSegment', () => {
  it('writes the brief’s example exactly', () => {
    const segment: SegmentGroup = {
      match: 'all',
      rules: [
        { field: 'order_count', op: 'ge', value: 3 },
        {
          match: 'any',
          rules: [
            { field: 'country', op: 'eq', value: 'RU' },
            { field: 'topic', op: 'in', value: ['gaming', 'art'] },
          ],
        },
      ],
    };
    expect(formatSegment(segment)).toBe('order_count ≥ 3 AND (country = "RU" OR topic in [gaming, art])');
  });

  it('quotes headers with spaces, keywords and escapes quotes', () => {
    const segment: SegmentGroup = {
      match: 'any',
      rules: [
        { field: 'Favourite emote', op: 'contains', value: 'say "hi" \\o/' },
        { field: 'in', op: 'is_not_empty' },
        { field: 'lifecycle', op: 'in', value: ['lapsing', 'and'] },
      ],
    };
    expect(formatSegment(segment)).toBe(
      '"Favourite emote" contains "say \\"hi\\" \\\\o/" OR "in" is not empty OR lifecycle in [lapsing, "and"]',
    );
  });
});

describe('parseSegmentText round trip', () => {
  const cases: SegmentGroup[] = [
    {
      match: 'all',
      rules: [
        { field: 'order_count', op: 'ge', value: 3 },
        {
          match: 'any',
          rules: [
            { field: 'country', op: 'eq', value: 'RU' },
            { field: 'topic', op: 'in', value: ['gaming', 'art'] },
          ],
        },
      ],
    },
    {
      match: 'any',
      rules: [
        { field: 'total_spend', op: 'between', value: [-10.5, 2000] },
        { field: 'last_order_date', op: 'between', value: [day('2026-01-01'), day('2026-02-28')] },
        { field: 'created_at', op: 'in_last_days', value: 30 },
        { field: 'birthday', op: 'before', value: day('2000-02-29') },
        { field: 'first_order_date', op: 'after', value: day('2025-12-31') },
        { field: 'city', op: 'starts_with', value: 'Санкт' },
        { field: 'Любимый эмоут', op: 'ne', value: 'Kappa «x»' },
        { field: 'consent', op: 'eq', value: false },
        { field: 'country', op: 'is_empty' },
        { field: 'average_spend', op: 'lt', value: 0.25 },
        {
          match: 'all',
          rules: [
            { field: 'points', op: 'gt', value: 10 },
            {
              match: 'any',
              rules: [
                { field: 'tier', op: 'in', value: ['gold', 'vip', 'silver league'] },
                { field: 'age', op: 'le', value: 18 },
              ],
            },
          ],
        },
      ],
    },
    ...builtInSegments().map(({ match, rules }) => ({ match, rules })),
  ];

  it.each(cases.map((segment) => [formatSegment(segment), segment] as const))('%s', (text, segment) => {
    expect(parse(text)).toEqual(segment);
    expect(formatSegment(parse(text))).toBe(text);
  });

  it('accepts ASCII operators, any keyword case and other quotes', () => {
    expect(
      parse('order_count >= 2 and country != «RU» AND total_spend <= 10 and city == “Kazan” and points <> 3'),
    ).toEqual({
      match: 'all',
      rules: [
        { field: 'order_count', op: 'ge', value: 2 },
        { field: 'country', op: 'ne', value: 'RU' },
        { field: 'total_spend', op: 'le', value: 10 },
        { field: 'city', op: 'eq', value: 'Kazan' },
        { field: 'points', op: 'ne', value: 3 },
      ],
    });
    expect(parse('country IS NOT EMPTY')).toEqual({ match: 'all', rules: [{ field: 'country', op: 'is_not_empty' }] });
  });
});

describe('parseSegmentText errors', () => {
  it.each([
    ['', 'analysis.segment.parse.empty', {}],
    ['   ', 'analysis.segment.parse.empty', {}],
    ['order_count ≥', 'analysis.segment.parse.unexpectedEnd', { position: 14 }],
    ['order_count ≥ 3 country = "RU"', 'analysis.segment.parse.unexpected', { position: 17, found: 'country' }],
    ['order_count ≥ 3 AND country = "RU" OR topic = art', 'analysis.segment.parse.mixedAndOr', { position: 36 }],
    ['country = "RU', 'analysis.segment.parse.unclosedQuote', { position: 11 }],
    ['birthday before 2026-02-30', 'analysis.segment.parse.badDate', { position: 17, found: '2026-02-30' }],
    ['country ~ "RU"', 'analysis.segment.parse.badCharacter', { position: 9, found: '~' }],
    ['= 3', 'analysis.segment.parse.expectedField', { position: 1, found: '=' }],
    ['order_count 3', 'analysis.segment.parse.expectedOperator', { position: 13, found: '3', field: 'order_count' }],
    ['country = and', 'analysis.segment.parse.expectedValue', { position: 11, found: 'and' }],
    ['total_spend between 1 or 5', 'analysis.segment.parse.expectedAnd', { position: 23, found: 'or' }],
    ['city starts "K"', 'analysis.segment.parse.expectedWith', { position: 13, found: '"K"' }],
    ['city is full', 'analysis.segment.parse.expectedEmpty', { position: 9, found: 'full' }],
    ['created_at in last week', 'analysis.segment.parse.expectedDays', { position: 20, found: 'week' }],
    ['topic in gaming', 'analysis.segment.parse.expectedList', { position: 10, found: 'gaming' }],
    ['topic in [gaming art]', 'analysis.segment.parse.expectedList', { position: 18, found: 'art' }],
    ['(country = "RU" OR city = "Kazan"', 'analysis.segment.parse.unexpectedEnd', { position: 34 }],
    ['country = "RU")', 'analysis.segment.parse.unexpected', { position: 15, found: ')' }],
  ])('%j → %s', (text, key, params) => {
    const result = parseSegmentText(text);
    expect(result).toEqual({ ok: false, error: { key, params } });
  });

  it('translates every parse error in both languages with its position', () => {
    const result = parseSegmentText('order_count 3');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(translate('en', result.error.key, result.error.params)).toMatch(/^Position 13: after "order_count"/);
      expect(translate('ru', result.error.key, result.error.params)).toMatch(/^Позиция 13: после «order_count»/);
    }
  });
});
