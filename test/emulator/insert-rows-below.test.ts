// Rows added below a sheet's last row move no row, so the write buffer keeps only the sheet's size for them
// (not a copy of every row); a killed execution's added rows and their cells are still undone, and an
// interleaved execution still sees only committed rows.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';

const SCRIPT = `
function sheet() { return SpreadsheetApp.getActive().getSheets()[0]; }
function fill(rows) {
  var s = sheet();
  var values = [];
  for (var i = 0; i < rows; i++) values.push(['r' + (i + 1)]);
  s.getRange(1, 1, rows, 1).setValues(values);
}
function grow() {
  var s = sheet();
  var last = s.getMaxRows();
  s.insertRowsAfter(last, 3);
  s.getRange(last + 1, 1, 3, 1).setValues([['new1'], ['new2'], ['new3']]);
  s.insertRowAfter(s.getMaxRows());
  s.getRange(s.getMaxRows(), 1).setValue('new4');
}
function size() { return sheet().getMaxRows(); }
`;

function load() {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'en' });
  const app = loadBundleSource(emu, SCRIPT);
  const sheet = emu.spreadsheet.activeSheetName();
  // A new sheet has 1,000 rows: fill them all, so the next rows must be inserted.
  app.run('fill', [1000]);
  return { emu, app, sheet };
}

describe('rows inserted below the last row', () => {
  it('are kept with their cells when the execution ends', () => {
    const { emu, app, sheet } = load();
    app.run('grow');
    const values = emu.spreadsheet.values(sheet);
    // 1,000 filled rows + 3 + 1 inserted and written.
    expect(values).toHaveLength(1004);
    expect(values.slice(1000).map((row) => row[0])).toEqual(['new1', 'new2', 'new3', 'new4']);
    expect(app.run('size')).toBe(1004);
  });

  it('are undone with their cells when the execution is killed at any call', () => {
    const { emu, app, sheet } = load();
    const committed = emu.spreadsheet.values(sheet);
    const committedSize = emu.spreadsheet.size(sheet);
    // grow makes 11 counted calls (getActive, getSheets, getMaxRows, insertRowsAfter, getRange, setValues,
    // getMaxRows, insertRowAfter, getMaxRows, getRange, setValue): a kill after 1…10 cuts it short.
    for (let k = 1; k <= 10; k += 1) {
      emu.rt.killExecutionsAfter(k);
      expect(() => app.run('grow')).toThrow('Exceeded maximum execution time');
      emu.rt.killExecutionsAfter(null);
      expect(emu.spreadsheet.values(sheet)).toEqual(committed);
      expect(emu.spreadsheet.size(sheet)).toEqual(committedSize);
    }
  });
});
