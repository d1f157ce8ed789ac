// A damaged workbook on dist/Code.js: sidebar calls and menu actions still answer staff with a sentence
// in their language (opening the workbook and reading the language included), never Google's raw text.
import { describe, expect, it } from 'vitest';
import { ClientCallError, loadBundleSource } from '../../local/emulator/bundle';
import { translate } from '../../src/i18n';
import { freshStudio } from '../support/studio';

/** What a user does by hand to the tabs: a small script in the same spreadsheet. */
const HANDS = `
function deleteTab(name) { var book = SpreadsheetApp.getActiveSpreadsheet(); book.deleteSheet(book.getSheetByName(name)); }
function overwriteHeader(name) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name).getRange('A1:C1').setValues([['?', '??', '???']]); }
`;

function damagedStudio() {
  const { emu, app } = freshStudio('ru');
  emu.spreadsheet.ui.autoAnswer('OK');
  app.run('setupDatabase', [], { kind: 'menu' });
  const hands = loadBundleSource(emu, HANDS, 'hands.js');
  return { emu, app, hands };
}

/** The boot data the menu's Open sidebar embeds in the page (the sidebar's first load makes no call). */
function bootAfterOpening(emu: ReturnType<typeof damagedStudio>['emu'], app: ReturnType<typeof damagedStudio>['app']) {
  app.run('openSidebar', [], { kind: 'menu' });
  const html = emu.spreadsheet.ui.sidebars().at(-1)?.content ?? '';
  const json = /window\.STUDIO_CRM_BOOT = (.*?);<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error('no boot data in the sidebar');
  return JSON.parse(json) as Record<string, unknown>;
}

function failureOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ClientCallError);
    return (error as Error).message;
  }
  throw new Error('the call did not fail');
}

describe('a damaged Settings sheet', () => {
  it('deleted: saving a setting says in Russian that the database needs setting up', () => {
    const { emu, app, hands } = damagedStudio();
    hands.run('deleteTab', ['Настройки'], { kind: 'test' });
    expect(failureOf(() => app.callFromClient('saveSetting', 'core.locale', 'en'))).toBe(
      translate('ru', 'ui.setupFirst'),
    );
    expect(bootAfterOpening(emu, app)).toMatchObject({ locale: 'ru', ready: true });
  });

  it('header overwritten: the English override is lost, so a failing call answers in the account language (Russian)', () => {
    const { app, hands } = damagedStudio();
    app.callFromClient('saveSetting', 'core.locale', 'en');
    expect(failureOf(() => app.callFromClient('getClientCard', 'C-404'))).not.toMatch(/[а-я]/i);
    // Switching to English renamed the add-on's tabs: the Settings tab is "Settings" now.
    hands.run('overwriteHeader', ['Settings'], { kind: 'test' });
    const message = failureOf(() => app.callFromClient('getClientCard', 'C-404'));
    expect(message).toMatch(/C-404/);
    expect(message).toMatch(/[а-я]/i);
  });

  it("unreadable: a sidebar call and a menu action fail with a Russian sentence around Google's text", () => {
    const { emu, app } = damagedStudio();
    const google = 'Service Spreadsheets timed out while accessing document with id 1x.';
    emu.rt.failOn('Range.getValues', google, 100);
    const expected = translate('ru', 'error.unexpected', { detail: `Exception: ${google}` });
    expect(failureOf(() => app.callFromClient('listCampaigns'))).toBe(expected);
    expect(() => app.run('refreshAnalysis', [], { kind: 'menu' })).toThrow(expected);
  });

  it('workbook cannot be opened: the menu opener answers in Russian', () => {
    const { emu, app } = damagedStudio();
    const google = 'Service Spreadsheets failed while accessing document with id 1x.';
    // Opening reads the spreadsheet's locale first (the tab names only when the language is not stored).
    emu.rt.failOn('Spreadsheet.getSpreadsheetLocale', google, 100);
    expect(() => app.run('openSidebar', [], { kind: 'menu' })).toThrow(
      translate('ru', 'error.unexpected', { detail: `Exception: ${google}` }),
    );
    expect(emu.spreadsheet.ui.sidebars()).toHaveLength(0);
  });
});

describe('a missing Clients sheet', () => {
  it('importing clients says in Russian to set up the database; a client card says the client is unknown', () => {
    const { emu, app, hands } = damagedStudio();
    hands.run('deleteTab', ['Клиенты'], { kind: 'test' });
    expect(failureOf(() => app.callFromClient('importPasted', 'clients', 'Email\nmia@studio.example'))).toBe(
      translate('ru', 'database.setupFirst'),
    );
    expect(failureOf(() => app.callFromClient('getClientCard', 'C-0001'))).toBe(
      translate('ru', 'database.clients.unknown', { id: 'C-0001' }),
    );
    expect(bootAfterOpening(emu, app)).toMatchObject({ locale: 'ru', ready: false });
  });
});
