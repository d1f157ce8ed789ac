import { describe, expect, it } from 'vitest';
import {
  answerKey,
  guessSeparator,
  importedChanges,
  importSpec,
  mapHeaders,
  parseDelimited,
  parseRows,
  readAnswers,
  sameAnswerKey,
  titleMapping,
} from '../../src/domain/schema';

describe('parseDelimited', () => {
  it('keeps separators, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'name,notes\r\n"Smith, Anna","said ""hi""\nthen left"\r\nBob,plain\n';
    expect(parseDelimited(text)).toEqual([
      ['name', 'notes'],
      ['Smith, Anna', 'said "hi"\nthen left'],
      ['Bob', 'plain'],
    ]);
  });

  it('guesses ; and tab from the header line, and a comma stays inside a ; field', () => {
    expect(guessSeparator('Имя;Email;Город\nА;a@x.ru;Казань, центр')).toBe(';');
    expect(parseDelimited('Имя;Сумма\nАнна;1 200,50 ₽')).toEqual([
      ['Имя', 'Сумма'],
      ['Анна', '1 200,50 ₽'],
    ]);
    expect(guessSeparator('a,b\tc\n1,2\t3')).toBe('\t');
    expect(parseDelimited('Имя\tГород\nАнна, Мария\tКазань')).toEqual([
      ['Имя', 'Город'],
      ['Анна, Мария', 'Казань'],
    ]);
  });

  it('drops a byte-order mark so the first header still matches', () => {
    const rows = parseDelimited('\ufeffEmail,Город\nanna@example.com,Казань');
    expect(rows[0]?.[0]).toBe('Email');
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseDelimited('a,,c\n,,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });
});

describe('an order history CSV in Russian, read with the import spec', () => {
  const csv =
    '\ufeffНомер заказа;Почта;Дата заказа;Сумма;Статус\n' +
    'O-1;Anna@Example.com ;24.11.2026;1 200,50 ₽;выполнен\n' +
    'O-2;bob@example.com;2026-11-20;"1 000";новый\n' +
    'O-3;vera@example.com;31.02.2026;abc;выполнен\n';

  const lines = parseDelimited(csv);
  const spec = importSpec('orders');
  const mapping = mapHeaders(spec, lines[0] ?? [], { locale: 'ru', renames: {} });
  const parsed = parseRows(spec, lines, mapping, { locale: 'ru' });

  it('maps Russian headers (aliases included) to columns', () => {
    expect(mapping.missingRequired).toEqual([]);
    expect(Object.keys(mapping.indexes).sort()).toEqual(['amount', 'clientEmail', 'date', 'id', 'status']);
  });

  it('types money with spaces, comma decimals and ₽, and day-first dates', () => {
    const first = parsed.rows[0]?.values;
    expect(first?.amount).toBe(1200.5);
    expect(first?.clientEmail).toBe('anna@example.com');
    const date = first?.date as Date;
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 10, 24]);
    expect(parsed.rows[1]?.values.amount).toBe(1000);
  });

  it('skips the unreadable line and reports each bad cell with its line and header', () => {
    expect(parsed.rows.map((row) => row.values.id)).toEqual(['O-1', 'O-2']);
    expect(parsed.problems.map((problem) => [problem.row, problem.column, problem.value, problem.code])).toEqual([
      [4, 'Дата заказа', '31.02.2026', 'cells.notADate'],
      [4, 'Сумма', 'abc', 'cells.notANumber'],
    ]);
  });
});

describe('importedChanges', () => {
  const untouchable = new Set(['id', 'email', 'pointsBalance']);

  it('takes non-blank values that differ; blanks never erase; identity and derived columns stay', () => {
    const existing = { id: 'C-0001', email: 'a@x.ru', city: 'Казань', name: 'Анна', pointsBalance: 10 };
    const incoming = {
      id: 'C-9999',
      email: 'a@x.ru',
      city: 'Москва',
      name: '',
      country: null,
      pointsBalance: 0,
      twitch: 'anna',
    };
    expect(importedChanges(existing, incoming, untouchable)).toEqual({ city: 'Москва', twitch: 'anna' });
  });

  it('compares dates by time, so the same day read twice is no change', () => {
    const day = () => new Date('2026-11-24T00:00:00Z');
    expect(importedChanges({ birthday: day() }, { birthday: day() }, untouchable)).toEqual({});
    expect(
      Object.keys(importedChanges({ birthday: day() }, { birthday: new Date('2026-11-25T00:00:00Z') }, untouchable)),
    ).toEqual(['birthday']);
  });
});

describe('readAnswers', () => {
  const mapping = titleMapping('registration');

  it('types answers by their column in either language, ticks consent, leaves blanks out', () => {
    const read = readAnswers(
      'registration',
      {
        Имя: 'Анна',
        'Электронная почта': ' Anna@Example.COM ',
        'Birthday (optional)': '24.11.2000',
        Город: '',
        Согласие: ['Я согласна'],
        'Вопрос, которого нет': 'ignored',
      },
      mapping,
      'ru',
    );
    expect(read.consentGiven).toBe(true);
    expect(read.problems).toEqual([]);
    expect(Object.keys(read.fields).sort()).toEqual(['birthday', 'email', 'name']);
    expect(read.fields.email).toBe('anna@example.com');
    expect((read.fields.birthday as Date).getDate()).toBe(24);
  });

  it('reports an impossible date and a malformed email, keeping the readable answers', () => {
    const read = readAnswers(
      'registration',
      { Имя: 'Борис', 'Электронная почта': 'boris@', 'День рождения (необязательно)': '31.02.2026' },
      mapping,
      'ru',
    );
    expect(read.fields).toEqual({ name: 'Борис' });
    expect(read.problems.map((problem) => [problem.column, problem.value, problem.code])).toEqual([
      ['Электронная почта', 'boris@', 'cells.badEmail'],
      ['День рождения (необязательно)', '31.02.2026', 'cells.notADate'],
    ]);
  });
});

describe('answerKey', () => {
  const at = new Date('2026-11-24T09:00:00.700Z');
  const fields = { orderId: 'O-1', rating: 5, date: new Date('2026-11-24T00:00:00Z') };

  it('is the same for the same typed answers in any order, and a second of rounding apart', () => {
    const reordered = { date: new Date('2026-11-24T00:00:00Z'), rating: 5, orderId: 'O-1' };
    expect(answerKey(at, fields)).toBe(answerKey(new Date('2026-11-24T09:00:00.100Z'), reordered));
    expect(sameAnswerKey(answerKey(at, fields), answerKey(new Date('2026-11-24T09:00:01Z'), fields))).toBe(true);
  });

  it('differs when an answer differs or the time is further apart', () => {
    expect(sameAnswerKey(answerKey(at, fields), answerKey(at, { ...fields, rating: 4 }))).toBe(false);
    expect(sameAnswerKey(answerKey(at, fields), answerKey(new Date('2026-11-24T09:00:02.500Z'), fields))).toBe(false);
    expect(sameAnswerKey('2_ABaOnu000001', answerKey(at, fields))).toBe(false);
  });
});
