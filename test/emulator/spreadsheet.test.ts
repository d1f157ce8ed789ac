import { describe, expect, it } from 'vitest';
import { makeSpreadsheet } from './spreadsheet-fixture';

describe('values and typed input', () => {
  it('reads ru-typed numbers, dates, booleans and apostrophes the way Sheets parses them', () => {
    const { sheet } = makeSpreadsheet('ru');
    sheet.getRange(1, 1, 1, 5).setValues([['1 200,50', '24.11.2026', "'007", 'ИСТИНА', '1200.50']]);
    const [row] = sheet.getRange('A1:E1').getValues();
    expect(row[0]).toBe(1200.5);
    expect(Object.prototype.toString.call(row[1])).toBe('[object Date]');
    expect(row[1].toISOString()).toBe('2026-11-23T21:00:00.000Z'); // midnight in Moscow
    expect(row[2]).toBe('007');
    expect(row[3]).toBe(true);
    expect(row[4]).toBe('1200.50'); // not a number and not a date in ru
  });

  it('reads en-typed numbers and dates with en separators', () => {
    const { sheet } = makeSpreadsheet('en', 'UTC');
    sheet.getRange('A1:D1').setValues([['1,200.50', '11/24/2026', '1 200,50', 'true']]);
    const [row] = sheet.getRange('A1:D1').getValues();
    expect(row[0]).toBe(1200.5);
    expect(row[1].toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(row[2]).toBe('1 200,50');
    expect(row[3]).toBe(true);
  });

  it('keeps strings as text in a plain-text (@) column', () => {
    const { sheet } = makeSpreadsheet('ru');
    sheet.getRange('A1:A2').setNumberFormat('@');
    sheet.getRange('A1:A2').setValues([['00123'], ['24.11.2026']]);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['00123'], ['24.11.2026']]);
  });

  it('stores formulas; values of non-constant formulas read #ERROR!', () => {
    const { sheet, host } = makeSpreadsheet();
    sheet.getRange('A1:C1').setValues([['=SUM(B1:B3)', '=42', '-abc']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['#ERROR!', 42, '#ERROR!']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['=SUM(B1:B3)', '=42', '=-abc']]);
    sheet.getRange('D1').setFormula('=TODAY()');
    expect(host.formulas(sheet.getName())[0]![3]).toBe('=TODAY()');
  });

  it('gives a fresh Date on each read and empty cells as empty strings', () => {
    const { sheet } = makeSpreadsheet();
    sheet.getRange('A1').setValue(new Date('2026-01-02T03:04:05Z'));
    const first = sheet.getRange('A1').getValue();
    first.setFullYear(1999);
    expect(sheet.getRange('A1').getValue().toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(sheet.getRange('B1').getValue()).toBe('');
  });

  it('refuses objects and arrays as cell values', () => {
    const { sheet } = makeSpreadsheet();
    expect(() => sheet.getRange('A1').setValues([[{ a: 1 }]])).toThrow(
      "The parameters (Object[][]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => sheet.getRange('A1').setValue([1])).toThrow(
      /don't match the method signature for SpreadsheetApp.Range.setValue/,
    );
  });

  it('refuses a cell over 50,000 characters', () => {
    const { sheet } = makeSpreadsheet();
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50_001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(sheet.getRange('A1').getValue()).toHaveLength(50_000);
  });

  it("throws Google's messages when the data and range shapes differ", () => {
    const { sheet } = makeSpreadsheet();
    expect(() =>
      sheet.getRange(1, 1, 3, 2).setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(() =>
      sheet.getRange(1, 1, 2, 3).setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(sheet.getLastRow()).toBe(0); // nothing was written
  });
});

describe('time-only cells', () => {
  it('hold 30 Dec 1899 at that time in the zone, local mean time included (Moscow then was +2:30:17)', () => {
    const { sheet } = makeSpreadsheet('ru', 'Europe/Moscow');
    const cell = sheet.getRange('A1').setValue('10:30');
    const value = cell.getValue() as Date;
    expect(Object.prototype.toString.call(value)).toBe('[object Date]');
    expect(value.toISOString()).toBe('1899-12-30T07:59:43.000Z');
    expect(cell.getDisplayValue()).toBe('10:30:00');
  });
});

describe('what setValue/setValues/appendRow refuse', () => {
  it('refuses NaN, Infinity, objects, nested arrays and invalid dates, writing nothing', () => {
    const { sheet } = makeSpreadsheet();
    for (const bad of [NaN, Infinity, { a: 1 }, new Date('nope')]) {
      expect(() => sheet.getRange('A1').setValue(bad)).toThrow("don't match the method signature");
      expect(() => sheet.getRange('A1:B1').setValues([[1, bad]])).toThrow("don't match the method signature");
      expect(() => sheet.appendRow([1, bad])).toThrow("don't match the method signature");
    }
    expect(() => sheet.getRange('A1:B1').setValues([[1, [2]]])).toThrow("don't match the method signature");
    expect(sheet.getLastRow()).toBe(0);
  });

  it('clears a cell for null and empty string, and types numbers, booleans and dates as given', () => {
    const { sheet } = makeSpreadsheet();
    sheet.getRange('A1:E1').setValues([[5, 'x', true, new Date('2026-01-02T03:04:05Z'), 'y']]);
    sheet.getRange('B1:C1').setValues([[null, '']]);
    const [row] = sheet.getRange('A1:E1').getValues();
    expect(row.slice(0, 3)).toEqual([5, '', '']);
    expect(Object.prototype.toString.call(row[3])).toBe('[object Date]');
  });
});

describe('empty sheets and trailing formats', () => {
  it('ignore formatting-only cells in getLastRow/getLastColumn; an empty sheet has a data range of A1', () => {
    const { sheet } = makeSpreadsheet();
    expect([sheet.getLastRow(), sheet.getLastColumn(), sheet.getDataRange().getA1Notation()]).toEqual([0, 0, 'A1']);
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    sheet.getRange('B2').setValue(5);
    sheet.getRange('D9').setNumberFormat('0.00').setNote('later');
    expect([sheet.getLastRow(), sheet.getLastColumn(), sheet.getDataRange().getA1Notation()]).toEqual([2, 2, 'A1:B2']);
  });
});

describe('display values and number formats', () => {
  it('formats numbers and dates in the ru locale', () => {
    const { sheet } = makeSpreadsheet('ru');
    sheet
      .getRange('A1:E1')
      .setValues([[1234.5, 1234567, new Date('2026-11-24T12:00:00Z'), new Date('2026-11-24T12:00:00Z'), 0.256]]);
    sheet.getRange('A1:E1').setNumberFormats([['0.00', '#,##0', 'dd.MM.yyyy', 'yyyy-MM-dd', '0.0%']]);
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([
      ['1234,50', '1\u00a0234\u00a0567', '24.11.2026', '2026-11-24', '25,6%'],
    ]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.00');
    expect(sheet.getRange('F1').getNumberFormat()).toBe('0.###############');
  });

  it('formats numbers in the en locale and switches with setSpreadsheetLocale', () => {
    const { sheet, book } = makeSpreadsheet('en', 'UTC');
    sheet.getRange('A1').setValue(1234567.891).setNumberFormat('#,##0.00');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1,234,567.89');
    book.setSpreadsheetLocale('ru_RU');
    expect(book.getSpreadsheetLocale()).toBe('ru_RU');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1\u00a0234\u00a0567,89');
  });

  it('gives a typed date its locale date format', () => {
    const { sheet } = makeSpreadsheet('ru');
    sheet.getRange('A1').setValue('5.3.2026');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('dd.MM.yyyy');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('05.03.2026');
  });
});

describe('getRange and sheet geometry', () => {
  it("throws Google's errors for bad coordinates", () => {
    const { sheet } = makeSpreadsheet();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange('A1:ZZ2')).toThrow('Range not found');
    expect(() => sheet.getRange('1', 2)).toThrow(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  it('starts a sheet at 1000×26 and grows it with appendRow and insertRowsAfter', () => {
    const { sheet } = makeSpreadsheet();
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['grown', 2]);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([['grown', 2]]);
    sheet.insertRowsAfter(1, 5);
    expect(sheet.getMaxRows()).toBe(1006);
    expect(sheet.getRange(1006, 1).getValue()).toBe('grown');
    sheet.deleteRows(2, 5);
    expect(sheet.getRange(1001, 1).getValue()).toBe('grown');
    expect(() => sheet.deleteRows(1000, 5)).toThrow('Those rows are out of bounds.');
  });

  it('reports the data range and last row/column', () => {
    const { sheet } = makeSpreadsheet();
    sheet.getRange('B3').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 2]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B3');
    expect(sheet.getRange('B2:C4').offset(1, 1).getA1Notation()).toBe('C3:D5');
  });

  it('keeps the workbook under ten million cells', () => {
    const { sheet } = makeSpreadsheet();
    expect(() => sheet.insertRowsAfter(1000, 400_000)).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  });

  it('inserts named sheets and refuses a duplicate name', () => {
    const { book } = makeSpreadsheet('ru');
    expect(book.getSheets()[0].getName()).toBe('Лист1');
    const clients = book.insertSheet('Clients');
    expect(book.getActiveSheet().getName()).toBe('Clients');
    expect(() => book.insertSheet('clients')).toThrow(
      'A sheet with the name "clients" already exists. Please enter another name.',
    );
    expect(book.insertSheet().getName()).toBe('Лист3');
    book.insertSheet('First', 0);
    expect(book.getSheets().map((s: any) => s.getName())).toEqual(['First', 'Лист1', 'Clients', 'Лист3']);
    expect(book.getRange("'Clients'!B2").getSheet().getName()).toBe('Clients');
    book.deleteSheet(clients);
    expect(book.getSheetByName('Clients')).toBeNull();
  });
});

describe('call counting and contexts', () => {
  it('counts every emulated call under Google class names', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet.getDataRange().getValues();
    expect(rt.snapshotCounts()).toEqual({
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getDataRange': 1,
      'Sheet.getRange': 1,
    });
  });

  it('has no active spreadsheet in a web app and no Ui in a trigger', () => {
    const { SpreadsheetApp, context, book } = makeSpreadsheet();
    const id = book.getId();
    context.kind = 'webapp';
    expect(SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
    expect(SpreadsheetApp.openById(id).getName()).toBe('CRM');
    expect(() => SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    context.kind = 'trigger';
    expect(() => SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    context.kind = 'simpleTrigger';
    context.authMode = 'LIMITED';
    expect(() => SpreadsheetApp.openById(id)).toThrow(/You do not have permission to call SpreadsheetApp.openById/);
    expect(() => SpreadsheetApp.openById('nope')).toThrow(/permission/);
  });
});
