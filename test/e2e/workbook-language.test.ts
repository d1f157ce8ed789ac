// The workbook's language is kept between executions (learning it reads every tab's name, a call each),
// and learnt again as soon as a tab is not found under its name in that language: never left stale.
import { describe, expect, it } from 'vitest';
import { loadBundleSource } from '../../local/emulator/bundle';
import { sheetTitle, type FixtureSheet } from '../support/sheet-fixtures';
import { freshStudio } from '../support/studio';

const HANDS = `
function renameTab(from, to) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName(from).setName(to); }
`;
const OUR_TABS: FixtureSheet[] = [
  'settings',
  'clients',
  'orders',
  'feedback',
  'requests',
  'segments',
  'templates',
  'campaigns',
  'sends',
  'loyalty',
  'discountCodes',
  'problems',
];

describe('the workbook language', () => {
  it('is read from the tabs once, then kept; tabs renamed into English are found and learnt at once', () => {
    const { emu, app } = freshStudio('ru');
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('setupDatabase', [], { kind: 'menu' });
    const before = app.callFromClient('searchClients', '');

    // Setup named the tabs in Russian and kept the language: the next call finds every tab by its name.
    emu.rt.resetCounts();
    app.callFromClient('searchClients', '');
    expect(emu.rt.total('Spreadsheet.getSheets')).toBe(0);

    // Staff rename the add-on's tabs into English by hand.
    const hands = loadBundleSource(emu, HANDS, 'hands.js');
    const names = emu.spreadsheet.sheetNames();
    const renamed = OUR_TABS.filter((key) => names.includes(sheetTitle(key, 'ru')));
    expect(renamed.length).toBeGreaterThanOrEqual(10); // setup made most of them
    for (const key of renamed) hands.run('renameTab', [sheetTitle(key, 'ru'), sheetTitle(key, 'en')], { kind: 'test' });

    // The first call misses "Настройки", reads the names, answers as before and learns English.
    emu.rt.resetCounts();
    expect(app.callFromClient('searchClients', '')).toEqual(before);
    expect(emu.rt.total('Spreadsheet.getSheets')).toBeGreaterThan(0);
    // From then on every tab is found under its English name again: no tab names read.
    emu.rt.resetCounts();
    expect(app.callFromClient('searchClients', '')).toEqual(before);
    expect(emu.rt.total('Spreadsheet.getSheets')).toBe(0);
    expect(emu.rt.total('Sheet.getName')).toBeLessThanOrEqual(2);
  });
});
