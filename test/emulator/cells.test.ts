// Cell counting: every range read or write notes how many cells it touched, so the bench can price
// calls by Google's per-cell costs. Expected counts are worked out by hand from the A1 boxes.
import { describe, expect, it } from 'vitest';
import { makeSpreadsheet } from './spreadsheet-fixture';

describe('cells read and written per call', () => {
  it('counts a block read as rows × columns', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    sheet.getRange('A1:C4').getValues(); // 4 rows × 3 columns
    expect(rt.snapshotCells()).toEqual({ 'Range.getValues': 12 });
  });

  it('adds up several calls of one method and keeps methods apart', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    sheet.getRange('B2:B11').setValues(Array.from({ length: 10 }, (_, i) => [i])); // 10 × 1
    sheet.getRange(1, 1, 2, 5).setValues([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]); // 2 × 5
    sheet.getRange('D1:E3').getDisplayValues(); // 3 × 2
    expect(rt.snapshotCells()).toEqual({ 'Range.setValues': 20, 'Range.getDisplayValues': 6 });
    expect(rt.snapshotCounts()['Range.setValues']).toBe(2);
  });

  it('counts the data range as the block up to the last row and column with content', () => {
    const { rt, sheet } = makeSpreadsheet();
    sheet.getRange('A1:D1').setValues([['id', 'name', 'email', 'city']]);
    sheet.getRange('A7').setValue('C-7'); // last row 7, last column D: 7 × 4
    rt.resetCounts();
    sheet.getDataRange().getValues();
    expect(rt.snapshotCells()).toEqual({ 'Range.getValues': 28 });
  });

  it('counts setValue on a block as every cell it fills, getValue as one cell', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    sheet.getRange('A1:B3').setValue('x'); // 3 × 2, each set
    sheet.getRange('A1:B3').getValue(); // only the top-left cell is read
    expect(rt.snapshotCells()).toEqual({ 'Range.setValue': 6, 'Range.getValue': 1 });
  });

  it('counts an appended row as the values it holds', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    sheet.appendRow(['C-1', 'Аня', 'anya@example.com']);
    expect(rt.snapshotCells()).toEqual({ 'Sheet.appendRow': 3 });
  });

  it('counts a cleared block and leaves calls that touch no cell out', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    sheet.getRange('A1:J10').clearContent(); // 10 × 10
    sheet.getLastRow();
    sheet.getRange('A1:C3').getNumRows();
    expect(rt.snapshotCells()).toEqual({ 'Range.clearContent': 100 });
  });

  it('counts nothing for a call that fails its checks before touching cells, and resets with the call counts', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    rt.failOn('Range.getValues', 'Service Spreadsheets failed while accessing document', 1);
    expect(() => sheet.getRange('A1:C4').getValues()).toThrow('Service Spreadsheets failed');
    expect(rt.snapshotCells()).toEqual({});
    sheet.getRange('A1:A2').getValues();
    expect(rt.snapshotCells()).toEqual({ 'Range.getValues': 2 });
    rt.resetCounts();
    expect(rt.snapshotCells()).toEqual({});
  });

  it('does not count the emulator’s own reads', () => {
    const { rt, sheet } = makeSpreadsheet();
    rt.resetCounts();
    rt.internal(() => sheet.getRange('A1:C4').getValues());
    expect(rt.snapshotCells()).toEqual({});
  });
});
