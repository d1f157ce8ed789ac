import { describe, expect, it } from 'vitest';
import { linesAfterCheck, linesToAdd, problemSourceOf, sameLines, type ProblemLine } from '../../src/domain/schema';

const line = (value: string, source: ProblemLine['source'], at = new Date('2026-11-24T09:00:00Z')): ProblemLine => ({
  at,
  sheet: 'Клиенты',
  row: 2,
  column: 'Email',
  value,
  message: `bad ${value}`,
  source,
});

describe('Problems lines', () => {
  it('a check replaces its own lines, keeps form and import lines, and lists each problem once', () => {
    const stored = [line('a', 'check'), line('b', 'form'), line('c', 'import')];
    const after = linesAfterCheck(stored, [line('d', 'check'), line('b', 'check'), line('d', 'check')]);
    expect(after.map((entry) => [entry.value, entry.source])).toEqual([
      ['b', 'form'],
      ['c', 'import'],
      ['d', 'check'],
    ]);
  });

  it('adds only lines not yet listed, whenever they were found', () => {
    const stored = [line('a', 'form', new Date('2026-01-01T00:00:00Z'))];
    expect(
      linesToAdd(stored, [line('a', 'form'), line('b', 'form'), line('b', 'form')]).map((entry) => entry.value),
    ).toEqual(['b']);
  });

  it('compares lines without their time, and reads source labels in either language', () => {
    expect(sameLines([line('a', 'check', new Date(0))], [line('a', 'check')])).toBe(true);
    expect(sameLines([line('a', 'check')], [line('a', 'form')])).toBe(false);
    expect([
      problemSourceOf('Ответ на форму'),
      problemSourceOf(' import '),
      problemSourceOf(''),
      problemSourceOf('whatever'),
    ]).toEqual(['form', 'import', 'check', 'check']);
  });
});
