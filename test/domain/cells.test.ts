import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asTextFromOutside, parseCell, type CellSpec, type CellResult, type CellValue } from '../../src/domain/cells';
import { translate, type MessageKey } from '../../src/i18n';

const ru = { locale: 'ru' as const };
const en = { locale: 'en' as const };
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

function value(result: CellResult<CellValue>): CellValue {
  if (!result.ok) throw new Error(`expected a value, got ${result.problem.code}`);
  return result.value;
}
function problem(result: CellResult<CellValue>): MessageKey {
  if (result.ok) throw new Error(`expected a problem, got ${String(result.value)}`);
  return result.problem.code;
}

const number: CellSpec = { type: 'money' };
describe('numbers', () => {
  it.each<[unknown, 'ru' | 'en', number | null]>([
    ['1 200,50 ₽', 'ru', 1200.5],
    ['1\u00a0200,50', 'ru', 1200.5],
    ['1\u202f200,50 руб.', 'en', 1200.5],
    ['1,200.50', 'en', 1200.5],
    ['1,200.50', 'ru', 1200.5],
    ['1.200,50', 'en', 1200.5],
    ['1,200', 'en', 1200],
    ['1,200', 'ru', 1.2],
    ['1,5', 'en', 1.5],
    ['1 000 000', 'ru', 1_000_000],
    ['$40', 'en', 40],
    ['40 руб.', 'ru', 40],
    ['-5', 'ru', -5],
    ['−5', 'ru', -5],
    ['(40)', 'en', -40],
    ['12%', 'ru', 0.12],
    ['12,5%', 'ru', 0.125],
    [1234.5, 'ru', 1234.5],
    [0, 'ru', 0],
    ['', 'ru', null],
    ['   ', 'ru', null],
  ])('%j (%s) reads as %j', (raw, locale, expected) => {
    expect(value(parseCell(raw, number, { locale }))).toBe(expected);
  });

  it.each<unknown>(['abc', '12abc', '1,2,3', '1.2.3,4,5', '=SUM(A1)', '₽', true, NaN, local(2026, 1, 1)])(
    '%j is not a number',
    (raw) => {
      expect(problem(parseCell(raw, number, ru))).toBe('cells.notANumber');
    },
  );
});

const date: CellSpec = { type: 'date' };
describe('dates', () => {
  it.each<[unknown, 'ru' | 'en', Date]>([
    ['24.11.2026', 'ru', local(2026, 11, 24)],
    ['24.11.26', 'ru', local(2026, 11, 24)],
    ['24.11.2026 10:30', 'ru', local(2026, 11, 24, 10, 30)],
    ['2026-11-24', 'en', local(2026, 11, 24)],
    ['2026-11-24T10:00', 'en', local(2026, 11, 24, 10)],
    ['2026-11-24 10:00', 'ru', local(2026, 11, 24, 10)],
    ['11/24/2026', 'en', local(2026, 11, 24)],
    ['24/11/2026', 'ru', local(2026, 11, 24)],
    ['24/11/2026', 'en', local(2026, 11, 24)],
    ['24 ноября 2026', 'ru', local(2026, 11, 24)],
    ['1 мая 2026 г.', 'ru', local(2026, 5, 1)],
    ['3 марта 2026', 'en', local(2026, 3, 3)],
    ['24 November 2026', 'en', local(2026, 11, 24)],
    ['Nov 24, 2026', 'en', local(2026, 11, 24)],
  ])('%j (%s) reads as the date', (raw, locale, expected) => {
    expect((value(parseCell(raw, date, { locale })) as Date).getTime()).toBe(expected.getTime());
  });

  it('keeps an instant written with a zone', () => {
    expect((value(parseCell('2026-11-24T10:00:00Z', date, en)) as Date).toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('passes a Date cell from another realm through', () => {
    const foreign = { [Symbol.toStringTag]: 'Date' } as unknown;
    // A look-alike object is not a date; a real Date is kept as the same object.
    expect(problem(parseCell(foreign, date, ru))).toBe('cells.notADate');
    const cell: unknown = runInNewContext('new Date(2026, 0, 2)');
    expect(cell instanceof Date).toBe(false);
    expect(value(parseCell(cell, date, ru))).toBe(cell);
  });

  it('reports day/month ambiguity outside en instead of guessing', () => {
    expect(problem(parseCell('03/04/2026', date, ru))).toBe('cells.dateAmbiguous');
    expect((value(parseCell('03/04/2026', date, en)) as Date).getTime()).toBe(local(2026, 3, 4).getTime());
  });

  it.each<unknown>(['31.02.2026', '24.13.2026', 'завтра', '24 брумера 2026', '2026-11-24T25:00', 45000, new Date(NaN)])(
    '%j is not a date',
    (raw) => {
      expect(problem(parseCell(raw, date, ru))).toBe('cells.notADate');
    },
  );
});

describe('booleans', () => {
  const yesNo: CellSpec = { type: 'boolean' };
  it.each<[unknown, boolean | null]>([
    ['Да', true],
    ['нет', false],
    ['yes', true],
    ['No', false],
    ['TRUE', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
    ['✓', true],
    [true, true],
    [false, false],
    ['', null],
  ])('%j reads as %j', (raw, expected) => {
    expect(value(parseCell(raw, yesNo, ru))).toBe(expected);
  });
  it.each<unknown>(['может быть', 2, 'yess'])('%j is a problem', (raw) => {
    expect(problem(parseCell(raw, yesNo, ru))).toBe('cells.notABoolean');
  });
});

describe('emails', () => {
  const email: CellSpec = { type: 'email' };
  it.each<[unknown, string]>([
    ['  Anna@Example.COM ', 'anna@example.com'],
    ['mailto:anna@example.com', 'anna@example.com'],
    ['Anna <Anna@Example.com>', 'anna@example.com'],
    ['иван@почта.рф', 'иван@почта.рф'],
    ['', ''],
  ])('%j normalises to %j', (raw, expected) => {
    expect(value(parseCell(raw, email, ru))).toBe(expected);
  });
  it.each<unknown>([
    'anna',
    'anna@',
    '@example.com',
    'anna@example',
    'an na@example.com',
    'a@b@c.com',
    'anna@example..com',
    '=HYPERLINK("x")',
    42,
  ])('%j is malformed', (raw) => {
    expect(problem(parseCell(raw, email, ru))).toBe('cells.badEmail');
  });
});

describe('enumerations', () => {
  const status: CellSpec = { type: 'enum', enumKey: 'orderStatus' };
  const topic: CellSpec = { type: 'enum', enumKey: 'channelTopic' };
  const channel: CellSpec = { type: 'enum', enumKey: 'requestChannel' };
  it.each<[unknown, CellSpec, string]>([
    ['Выполнен', status, 'completed'],
    ['completed', status, 'completed'],
    ['In Progress', status, 'in_progress'],
    ['in_progress', status, 'in_progress'],
    ['Отменён', status, 'cancelled'],
    ['отменен', status, 'cancelled'],
    ['Just chatting', topic, 'just_chatting'],
    ['Игры', topic, 'gaming'],
    ['Телеграм', channel, 'telegram'],
    ['E-mail', channel, 'email'],
    ['', channel, ''],
  ])('%j reads as %j', (raw, spec, expected) => {
    expect(value(parseCell(raw, spec, ru))).toBe(expected);
  });
  it('lists the allowed labels in the sheet language', () => {
    const result = parseCell('shipped', status, ru);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(translate('ru', result.problem.code, result.problem.params)).toContain(
        'Новый, В работе, Выполнен, Отменён',
      );
  });
});

describe('text and ids', () => {
  it('trims text and reports huge text instead of cutting it', () => {
    expect(value(parseCell('  hello  ', { type: 'text' }, ru))).toBe('hello');
    const huge = 'x'.repeat(6000);
    const result = parseCell(huge, { type: 'text' }, ru);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('cells.textTooLong');
      expect(result.problem.value).toBe(huge);
      expect(result.problem.params).toEqual({ length: 6000, max: 5000 });
    }
  });
  it('reads a formula-looking value as the text it is', () => {
    expect(value(parseCell('=1+1', { type: 'text' }, ru))).toBe('=1+1');
  });
  it('reads whole-number ids without a decimal point and rejects multi-line ids', () => {
    expect(value(parseCell(12, { type: 'id' }, ru))).toBe('12');
    expect(problem(parseCell(1.5, { type: 'id' }, ru))).toBe('cells.notAnId');
    expect(problem(parseCell('C-1\nC-2', { type: 'id' }, ru))).toBe('cells.notAnId');
  });
});

describe('asTextFromOutside', () => {
  it.each<[string, string]>([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ['+7 999 123-45-67', "'+7 999 123-45-67"],
    ['-5', "'-5"],
    ['@anna', "'@anna"],
    ['  =1+1', "'  =1+1"],
    ['\t=1', "'\t=1"],
    ['\rcmd', "'\rcmd"],
    ['Анна', 'Анна'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (raw, expected) => {
    expect(asTextFromOutside(raw)).toBe(expected);
  });
});
