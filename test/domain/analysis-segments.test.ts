import { describe, expect, it } from 'vitest';
import { buildClientProfiles } from '../../src/domain/analysis/profiles';
import { builtInSegments } from '../../src/domain/analysis/segments/builtin';
import { compileSegment, segmentMembers } from '../../src/domain/analysis/segments/compile';
import type { SegmentGroup } from '../../src/domain/analysis/segments/model';
import { parseSegmentText } from '../../src/domain/analysis/segments/parse';
import { validateSegment } from '../../src/domain/analysis/segments/validate';
import { translate } from '../../src/i18n';
import { client, day, order } from './analysis-fixtures';

const asOf = day('2026-06-15');
const clients = [
  client('ana', {
    country: 'RU',
    city: 'Moscow',
    topic: 'gaming',
    consentAt: day('2026-01-01'),
    birthday: day('1990-06-20'),
    extra: { 'Favourite emote': 'PogChamp', Discord: '' },
  }),
  client('boris', {
    country: 'ru',
    city: '',
    topic: 'art',
    unsubscribedAt: day('2026-05-01'),
    birthday: day('2000-01-05'),
  }),
  client('chloe', { country: 'GB', city: 'London', topic: 'music', createdAt: day('2026-06-01') }),
  client('dan', { country: 'US', city: 'Austin', topic: 'gaming' }),
];
const orders = [
  // ana: every 30 days, last 5 Jun → repeat; products emotes + stickers.
  order('ana', '2026-04-06', 100),
  order('ana', '2026-05-06', 100, { product: 'stickers' }),
  order('ana', '2026-06-05', 100),
  order('boris', '2026-06-10', 50),
  // dan: 5 orders, quick rhythm then silent since 1 Mar → lapsing (and churn risk 0.9 → churned).
  ...['2026-01-01', '2026-01-16', '2026-02-01', '2026-02-15', '2026-03-01'].map((date) => order('dan', date, 200)),
];
const facts = new Map([['dan', { churnRisk: 0.9, tier: 'vip', points: 500, predictedValue12m: 80 }]]);
const profiles = buildClientProfiles(clients, orders, asOf, { facts });

function members(text: string, extraHeaders: string[] = []): string[] {
  const parsed = parseSegmentText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const result = segmentMembers(parsed.group, profiles, asOf, extraHeaders);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.clientIds;
}

describe('segment evaluation', () => {
  it.each([
    ['order_count ≥ 3 AND (country = "RU" OR topic in [gaming, art])', ['ana', 'dan']],
    ['country = "ru"', ['ana', 'boris']], // text compares case-insensitively
    ['country ≠ "RU"', ['chloe', 'dan']],
    ['days_since_last_order > 30', ['dan']], // the lead has no value, so it does not match
    ['days_since_last_order is empty', ['chloe']],
    ['total_spend between 100 and 300', ['ana']],
    ['average_spend < 100', ['boris']],
    ['products contains "stick"', ['ana']],
    ['products in [emotes]', ['ana', 'boris', 'dan']],
    ['city starts with "lon" OR city is empty', ['boris', 'chloe']],
    ['birthday_this_month = true', ['ana']],
    ['age between 20 and 30', ['boris']], // 26 on 15 Jun 2026
    ['birthday_month = 1', ['boris']],
    ['days_to_birthday ≤ 7', ['ana']],
    ['created_at in last 30 days', ['chloe']],
    ['last_order_date after 2026-06-09', ['boris']], // after the whole day of 9 Jun
    ['last_order_date before 2026-06-05', ['dan']],
    ['last_order_date between 2026-06-05 and 2026-06-10', ['ana', 'boris']], // both end days included
    ['consent = true AND unsubscribed = false', ['ana']],
    ['tier in [VIP] AND points ≥ 500 AND predicted_value > 50', ['dan']],
    ['churn_risk > 0.8', ['dan']],
    ['lifecycle in [churned, lead]', ['chloe', 'dan']],
    ['lifecycle = repeat', ['ana']],
    ['rfm_segment is not empty', ['ana', 'boris', 'dan']],
  ])('%s → %j', (text, expected) => {
    expect(members(text)).toEqual(expected);
  });

  it('tests staff columns by header, case-insensitively', () => {
    expect(members('"favourite emote" starts with "pog"', ['Favourite emote', 'Discord'])).toEqual(['ana']);
    expect(members('Discord is empty', ['Favourite emote', 'Discord'])).toEqual(['ana', 'boris', 'chloe', 'dan']);
  });

  it('runs fast over many clients once compiled', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => profiles[i % profiles.length]!);
    const parsed = parseSegmentText(
      'order_count ≥ 3 AND (country = "RU" OR topic in [gaming, art]) AND products contains "emo"',
    );
    if (!parsed.ok) throw new Error('parse');
    const compiled = compileSegment(parsed.group, asOf);
    if (!compiled.ok) throw new Error('compile');
    const count = many.filter(compiled.matches).length;
    expect(count).toBe(10_000);
  });
});

describe('built-in segments', () => {
  const segments = builtInSegments();
  const byId = new Map(segments.map((segment) => [segment.id, segment]));
  const run = (id: string) => {
    const result = segmentMembers(byId.get(id)!, profiles, asOf);
    return result.ok ? result.clientIds : result.problems;
  };

  it('are all valid and named by message keys that translate', () => {
    for (const segment of segments) {
      expect(validateSegment(segment)).toEqual([]);
      expect(translate('ru', segment.name as never)).not.toMatch(/^analysis\./);
      expect(translate('en', segment.name as never)).not.toMatch(/^analysis\./);
    }
    expect(segments).toHaveLength(11 + 6 + 3);
  });

  it('select the expected clients', () => {
    expect(run('vip')).toEqual(['dan']);
    expect(run('birthday_this_month')).toEqual(['ana']);
    expect(run('lifecycle:lead')).toEqual(['chloe']);
    expect(run('lifecycle:churned')).toEqual(['dan']);
  });

  it('lapsing regulars need two orders and a late client', () => {
    const noRisk = buildClientProfiles(clients, orders, asOf, { facts: new Map([['dan', { tier: 'vip' }]]) });
    const result = segmentMembers(byId.get('lapsing_regulars')!, noRisk, asOf);
    // dan: 1 Jan → 1 Mar is 59 days over 4 gaps = 14.75; × 1.5 ≈ 22 days → due 23 Mar, long past. ana is on time.
    expect(result.ok && result.clientIds).toEqual(['dan']);
  });
});

describe('segment validation', () => {
  it('reports every bad rule with its path and text', () => {
    const segment: SegmentGroup = {
      match: 'all',
      rules: [
        { field: 'order_count', op: 'ge', value: 2 },
        { field: 'colour', op: 'eq', value: 'red' },
        { field: 'topic', op: 'lt', value: 3 },
        {
          match: 'any',
          rules: [
            { field: 'topic', op: 'eq', value: 'gamin' },
            { field: 'total_spend', op: 'between', value: [500, 100] },
          ],
        },
        { match: 'any', rules: [] },
        { field: 'country', op: 'in', value: [] },
        { field: 'last_order_date', op: 'in_last_days', value: 2.5 },
        { field: 'order_count', op: 'eq', value: '3' },
      ],
    };
    expect(validateSegment(segment).map(({ key, path, rule, params }) => ({ key, path, rule, params }))).toEqual([
      { key: 'analysis.segment.unknownField', path: [1], rule: 'colour = "red"', params: { field: 'colour' } },
      { key: 'analysis.segment.badOperator', path: [2], rule: 'topic < 3', params: { field: 'topic', op: 'lt' } },
      {
        key: 'analysis.segment.unknownChoice',
        path: [3, 0],
        rule: 'topic = gamin',
        params: { field: 'topic', value: 'gamin', allowed: 'gaming, irl, art, music, just_chatting, education, other' },
      },
      {
        key: 'analysis.segment.badRange',
        path: [3, 1],
        rule: 'total_spend between 500 and 100',
        params: { field: 'total_spend' },
      },
      { key: 'analysis.segment.empty', path: [4], rule: '', params: {} },
      { key: 'analysis.segment.needsList', path: [5], rule: 'country in []', params: { field: 'country' } },
      {
        key: 'analysis.segment.needsDays',
        path: [6],
        rule: 'last_order_date in last 2.5 days',
        params: { field: 'last_order_date' },
      },
      { key: 'analysis.segment.needsNumber', path: [7], rule: 'order_count = "3"', params: { field: 'order_count' } },
    ]);
  });

  it('refuses to compile an invalid segment and yields a readable message', () => {
    const compiled = compileSegment({ match: 'all', rules: [{ field: 'colour', op: 'eq', value: 'red' }] }, asOf);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      const [problem] = compiled.problems;
      expect(translate('en', problem!.key, problem!.params)).toContain('"colour"');
    }
  });

  it('survives a malformed rule from stored JSON', () => {
    const problems = validateSegment({ match: 'all', rules: [{ op: 'eq', value: 1 } as never] });
    expect(problems.map(({ key, rule }) => ({ key, rule }))).toEqual([
      { key: 'analysis.segment.unknownField', rule: '"" = 1' },
    ]);
  });

  it('rejects an empty segment and a bad match word', () => {
    expect(validateSegment({ match: 'all', rules: [] }).map((p) => p.key)).toEqual(['analysis.segment.empty']);
    expect(
      validateSegment({ match: 'some' as never, rules: [{ field: 'consent', op: 'eq', value: true }] }).map(
        (p) => p.key,
      ),
    ).toEqual(['analysis.segment.badMatch']);
  });
});
