// relabelTable: the add-on's own headers and list words in the other language; nothing else, and idempotent.
import { describe, expect, it } from 'vitest';
import { relabelTable, sheetSpec } from '../../src/domain/schema';

const orders = sheetSpec('orders');

describe('relabelTable', () => {
  const rows = [
    ['ID заказа', 'Статус', 'Моя колонка', 'Заметки'],
    ['O-1', 'Выполнен', 'Выполнен', 'Выполнен в срок'],
    ['O-2', 'в работе', '', ''],
    ['O-3', 'что-то своё', 'x', ''],
    ['O-4', '', 'y', ''],
  ];

  it('ru → en: own headers and known options only; staff column and notes untouched', () => {
    const result = relabelTable(orders, rows, 'en');
    expect(result.rows).toEqual([
      ['Order ID', 'Status', 'Моя колонка', 'Notes'],
      // "в работе" (lower case) is still the option In progress; an unknown word and a blank stay.
      ['O-1', 'Completed', 'Выполнен', 'Выполнен в срок'],
      ['O-2', 'In progress', '', ''],
      ['O-3', 'что-то своё', 'x', ''],
      ['O-4', '', 'y', ''],
    ]);
    expect(result.headerColumns).toEqual([0, 1, 3]);
    expect(result.bodyColumns).toEqual([1]);
    expect(rows[1]?.[1]).toBe('Выполнен'); // the input is not modified
  });

  it('a second run changes nothing; back to ru gives the canonical Russian words', () => {
    const en = relabelTable(orders, rows, 'en').rows;
    const again = relabelTable(orders, en, 'en');
    expect(again.headerColumns).toEqual([]);
    expect(again.bodyColumns).toEqual([]);
    expect(relabelTable(orders, en, 'ru').rows.map((row) => row[1])).toEqual([
      'Статус',
      'Выполнен',
      'В работе',
      'что-то своё',
      '',
    ]);
  });

  it('a header staff renamed (Settings header.orders.status) and a formula cell stay', () => {
    const renamed = [
      ['ID заказа', 'Этап'],
      ['O-1', 'Выполнен'],
      ['O-2', 'Отменён'],
    ];
    const formulas = [
      ['', ''],
      ['', '=IF(TRUE,"Выполнен")'],
      ['', ''],
    ];
    const result = relabelTable(orders, renamed, 'en', { renames: { status: ['Этап'] }, formulas });
    expect(result.rows).toEqual([
      ['Order ID', 'Этап'],
      ['O-1', 'Выполнен'],
      ['O-2', 'Cancelled'],
    ]);
  });
});
