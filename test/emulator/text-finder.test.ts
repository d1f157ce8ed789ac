// TextFinder as Class TextFinder documents it: findAll() "returns all cells matching the search criteria",
// findNext() "the next matching cell, or null"; matchCase(false) (the default) is case-insensitive and
// matchEntireCell(false) (the default) matches part of a cell; cells are matched by their displayed value.
// Each search is priced as every cell of the searched range (cost model: TextFinder.findAll 0.1 s + 6 µs/cell).
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';
import { callSeconds } from '../../local/bench/cost-model';
import { makeSpreadsheet } from './spreadsheet-fixture';

function clientsSheet() {
  const made = makeSpreadsheet('en');
  made.sheet.getRange('A1:C5').setValues([
    ['Id', 'Name', 'Email'],
    ['C-1', 'Anna', 'Anna@Example.com'],
    ['C-2', 'Boris', 'boris@example.com'],
    ['C-3', 'Vera', 'anna@example.com.au'],
    ['C-4', 'Anna Example', 'anna@example.com'],
  ]);
  return made;
}

const a1s = (ranges: Array<{ getA1Notation(): string }>) => ranges.map((r) => r.getA1Notation());

describe('TextFinder on a range', () => {
  it('matches part of a cell, ignoring case, by default', () => {
    const { sheet } = clientsSheet();
    // "anna@example.com" is inside C2 (other case), C4 (a longer text) and C5 (exactly).
    expect(a1s(sheet.getRange('C2:C5').createTextFinder('anna@example.com').findAll())).toEqual(['C2', 'C4', 'C5']);
  });

  it('matchEntireCell(true) keeps only whole cells, still ignoring case', () => {
    const { sheet } = clientsSheet();
    const found = sheet.getRange('C2:C5').createTextFinder('anna@example.com').matchEntireCell(true).findAll();
    // C4 is ".com.au": not the whole cell. C2 differs only in case.
    expect(a1s(found)).toEqual(['C2', 'C5']);
    expect(found.map((r: { getValue(): unknown }) => r.getValue())).toEqual(['Anna@Example.com', 'anna@example.com']);
  });

  it('matchCase(true) with matchEntireCell(true) finds only the exact text', () => {
    const { sheet } = clientsSheet();
    const finder = sheet.getRange('C2:C5').createTextFinder('anna@example.com').matchCase(true).matchEntireCell(true);
    expect(a1s(finder.findAll())).toEqual(['C5']);
  });

  it('searches only its range: the Name column is not looked at', () => {
    const { sheet } = clientsSheet();
    // B2 "Anna" and B5 "Anna Example" hold "anna" but lie outside C1:C5; C2, C4, C5 hold it in the email.
    expect(a1s(sheet.getRange('C1:C5').createTextFinder('anna').findAll())).toEqual(['C2', 'C4', 'C5']);
  });

  it('findNext walks the matches row by row, then answers null; getCurrentMatch follows it', () => {
    const { sheet } = clientsSheet();
    const finder = sheet.getRange('A1:C5').createTextFinder('anna');
    expect(finder.getCurrentMatch()).toBeNull();
    // Row by row, left to right: B2 "Anna", C2, C4, B5 "Anna Example", C5.
    const seen: string[] = [];
    for (let i = 0; i < 5; i += 1) seen.push(finder.findNext().getA1Notation());
    expect(seen).toEqual(['B2', 'C2', 'C4', 'B5', 'C5']);
    expect(finder.getCurrentMatch().getA1Notation()).toBe('C5');
    expect(finder.findNext()).toBeNull();
  });

  it('finds nothing: an empty list and null', () => {
    const { sheet } = clientsSheet();
    const finder = sheet.getRange('C1:C5').createTextFinder('nobody@example.com');
    expect(finder.findAll()).toEqual([]);
    expect(finder.findNext()).toBeNull();
  });

  it('matches the displayed text of numbers, not the stored value', () => {
    const { sheet } = makeSpreadsheet('en');
    sheet.getRange('A1:A2').setValues([[1234.5], [7]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00'); // shows "1,234.50"
    const range = sheet.getRange('A1:A2');
    expect(a1s(range.createTextFinder('1,234.50').matchEntireCell(true).findAll())).toEqual(['A1']);
    expect(range.createTextFinder('1234.5').findAll()).toEqual([]);
    expect(a1s(range.createTextFinder('7').matchEntireCell(true).findAll())).toEqual(['A2']);
  });

  it('sees a write made earlier in the same execution', () => {
    const { sheet } = clientsSheet();
    const finder = sheet.getRange('C1:C6').createTextFinder('new@example.com');
    expect(finder.findAll()).toEqual([]);
    sheet.getRange('C6').setValue('new@example.com');
    // The search runs when findAll is called, on the sheet as it is then.
    expect(a1s(finder.findAll())).toEqual(['C6']);
  });

  it('refuses a non-string or empty text and non-boolean options', () => {
    const { sheet } = clientsSheet();
    const range = sheet.getRange('C1:C5');
    expect(() => range.createTextFinder(5)).toThrow(/don't match the method signature/);
    expect(() => range.createTextFinder('')).toThrow('Invalid argument: findText');
    expect(() => range.createTextFinder('a').matchEntireCell('yes')).toThrow(/don't match the method signature/);
  });
});

describe('TextFinder on a sheet', () => {
  it('searches every cell of the sheet', () => {
    const { sheet } = clientsSheet();
    expect(a1s(sheet.createTextFinder('boris').findAll())).toEqual(['B3', 'C3']);
  });
});

describe('TextFinder counting and price', () => {
  it('counts each search as every cell of the range, whatever it finds', () => {
    const { rt, sheet } = clientsSheet();
    rt.resetCounts();
    const finder = sheet.getRange('C1:C5').createTextFinder('anna').matchEntireCell(false);
    finder.findAll(); // 5 rows × 1 column
    finder.findNext(); // the same 5 cells: Google does not promise to stop at the first match
    finder.findNext();
    expect(rt.snapshotCounts()).toEqual({
      'Range.createTextFinder': 1,
      'Sheet.getRange': 1,
      'TextFinder.findAll': 1,
      'TextFinder.findNext': 2,
      'TextFinder.matchEntireCell': 1,
    });
    expect(rt.snapshotCells()).toEqual({ 'TextFinder.findAll': 5, 'TextFinder.findNext': 10 });
  });

  it("counts a sheet's search as its whole grid, empty rows and columns too", () => {
    const { rt, sheet } = clientsSheet();
    const grid = sheet.getMaxRows() * sheet.getMaxColumns();
    rt.resetCounts();
    sheet.createTextFinder('anna').findAll();
    expect(rt.snapshotCells()).toEqual({ 'TextFinder.findAll': grid });
  });

  it('the bench prices findAll and findNext alike: 0.1 s + 6 µs per cell', () => {
    // 1 findAll over 100,000 cells: 0.1 + 0.6 = 0.7 s; 2 findNext over 50,000 cells in all: 0.2 + 0.3 = 0.5 s.
    const seconds = callSeconds({
      calls: { 'TextFinder.findAll': 1, 'TextFinder.findNext': 2 },
      cells: { 'TextFinder.findAll': 100_000, 'TextFinder.findNext': 50_000 },
    });
    expect(seconds['TextFinder.findAll']).toBeCloseTo(0.7, 9);
    expect(seconds['TextFinder.findNext']).toBeCloseTo(0.5, 9);
  });
});

describe('TextFinder between executions', () => {
  const SCRIPT = `
function sheet() { return SpreadsheetApp.getActive().getSheets()[0]; }
function add(email) { sheet().getRange('A2').setValue(email); sheet().getName(); }
function find(email) {
  return sheet().getRange('A1:A10').createTextFinder(email).matchEntireCell(true).findAll()
    .map(function (r) { return r.getA1Notation(); });
}
`;

  it("does not see another execution's unflushed write", () => {
    const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'en' });
    const app = loadBundleSource(emu, SCRIPT);
    const seen: unknown[] = [];
    // add's calls: getActive, getSheets, getRange, setValue; after the 4th the write is pending, not committed.
    const interleave = emu.rt.interleaveAt(4, () => seen.push(app.run('find', ['x@example.com'])));
    app.run('add', ['x@example.com']);
    expect(interleave.fired).toBe(true);
    expect(seen).toEqual([[]]);
    expect(app.run('find', ['X@example.com'])).toEqual(['A2']);
  });
});
