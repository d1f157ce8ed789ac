// Google counts every cell of every sheet's grid against a workbook's 10 million, empty ones included,
// and no sheet passes column ZZZ (18,278): the emulator refuses what Google refuses, from scripts and staff.
import { describe, expect, it } from 'vitest';
import { makeSpreadsheet } from './spreadsheet-fixture';

const TOO_MANY_CELLS =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

describe('grid cells', () => {
  it('counts each sheet as maxRows × maxColumns, whatever it holds', () => {
    const { host, book, sheet } = makeSpreadsheet();
    // A new spreadsheet: one sheet of 1,000 rows × 26 columns.
    expect(host.gridCells()).toEqual({ total: 26_000, sheets: { Лист1: 26_000 } });
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(host.gridCells().total).toBe(26_000); // values change nothing, the grid does
    const ledger = book.insertSheet('Ledger');
    ledger.deleteColumns(10, 17); // 9 columns left
    ledger.deleteRows(102, 899); // 101 rows left
    // 26,000 + 101 × 9 = 26,909.
    expect(host.gridCells()).toEqual({ total: 26_909, sheets: { Лист1: 26_000, Ledger: 909 } });
    book.deleteSheet(sheet);
    expect(host.gridCells().total).toBe(909);
  });

  it('allows exactly 10,000,000 cells and refuses one row, one sheet or one appended row more', () => {
    const { host, book, sheet } = makeSpreadsheet();
    sheet.deleteColumn(26); // 1,000 × 25
    // 400,000 rows × 25 columns = 10,000,000: exactly the limit.
    sheet.insertRowsAfter(1000, 399_000);
    expect(host.gridCells().total).toBe(10_000_000);
    expect(() => sheet.insertRowsAfter(400_000, 1)).toThrow(TOO_MANY_CELLS);
    expect(() => sheet.insertColumnAfter(25)).toThrow(TOO_MANY_CELLS);
    expect(() => book.insertSheet('More')).toThrow(TOO_MANY_CELLS);
    expect(() => host.addSheet('Staff tab')).toThrow(TOO_MANY_CELLS);
    sheet.getRange(400_000, 1).setValue('last row');
    // appendRow needs row 400,001: 25 more cells.
    expect(() => sheet.appendRow(['one more'])).toThrow(TOO_MANY_CELLS);
    expect(host.gridCells().total).toBe(10_000_000);
    // Deleting rows makes room again: 10,000,000 − 2 × 25 + 25 appended back.
    sheet.deleteRows(399_998, 2);
    sheet.appendRow(['fits']);
    expect(host.gridCells().total).toBe(10_000_000 - 25);
  });

  it('refuses a sheet wider than column ZZZ even with room for the cells', () => {
    const { sheet } = makeSpreadsheet();
    sheet.deleteRows(2, 999); // one row: 26 cells
    sheet.insertColumnsAfter(26, 18_278 - 26);
    expect(sheet.getMaxColumns()).toBe(18_278);
    expect(() => sheet.insertColumnsAfter(18_278, 1)).toThrow('above the limit of 18278 columns');
    const wide = new Array<string>(18_279).fill('x');
    expect(() => sheet.appendRow(wide)).toThrow('above the limit of 18278 columns');
  });
});
