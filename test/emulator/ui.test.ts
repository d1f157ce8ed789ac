import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';
import { makeSpreadsheet } from './spreadsheet-fixture';

const SCRIPT = `
function openSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>Clients</p>').setTitle('Studio CRM').setWidth(300));
}
function openFake() { SpreadsheetApp.getUi().showSidebar({ getContent: function () { return 'x'; }, getTitle: function () { return 't'; } }); }
function openDialog() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>Help</p>'), 'Help'); }
function confirmDelete() { var ui = SpreadsheetApp.getUi(); return String(ui.alert('Delete?', ui.ButtonSet.YES_NO)); }
function notify() { return String(SpreadsheetApp.getUi().alert('Done')); }
function askName() { var r = SpreadsheetApp.getUi().prompt('Name?'); return [r.getResponseText(), String(r.getSelectedButton())]; }
`;

function load() {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z' });
  return { emu, app: loadBundleSource(emu, SCRIPT) };
}

describe('Ui dialogs read HtmlOutput uncounted', () => {
  it('counts showSidebar once and no HtmlOutput getter', () => {
    const { emu, app } = load();
    app.run('openSidebar', [], { kind: 'menu' });
    expect(emu.spreadsheet.ui.sidebars()).toEqual([
      { kind: 'sidebar', title: 'Studio CRM', content: '<p>Clients</p>', width: 300, height: null },
    ]);
    expect(emu.rt.counts.get('Ui.showSidebar')).toBe(1);
    expect(emu.rt.counts.get('HtmlOutput.getContent')).toBeUndefined();
    expect(emu.rt.counts.get('HtmlOutput.getTitle')).toBeUndefined();
    app.run('openDialog', [], { kind: 'menu' });
    expect(emu.spreadsheet.ui.dialogs()[1]).toMatchObject({ kind: 'modal', title: 'Help', content: '<p>Help</p>' });
    expect(emu.rt.total('HtmlOutput.get')).toBe(0);
  });

  it('refuses an object that only looks like an HtmlOutput', () => {
    const { app } = load();
    expect(() => app.run('openFake', [], { kind: 'menu' })).toThrow(
      /don't match the method signature for SpreadsheetApp.Ui.showSidebar/,
    );
  });
});

describe('Ui alert answers', () => {
  it('throws on an unanswered alert by default', () => {
    const { app } = load();
    expect(() => app.run('notify', [], { kind: 'menu' })).toThrow(/no answer was queued/);
  });

  it('auto-answers when turned on: the button if offered, else CLOSE; queued answers still win', () => {
    const { emu, app } = load();
    emu.spreadsheet.ui.autoAnswer('OK');
    expect(app.run('notify', [], { kind: 'menu' })).toBe('OK');
    expect(app.run('confirmDelete', [], { kind: 'menu' })).toBe('CLOSE');
    expect(app.run('askName', [], { kind: 'menu' })).toEqual(['', 'OK']);
    emu.spreadsheet.ui.answer({ button: 'YES' });
    expect(app.run('confirmDelete', [], { kind: 'menu' })).toBe('YES');
    expect(emu.spreadsheet.ui.alerts().map((a) => a.answer.button)).toEqual(['OK', 'CLOSE', 'OK', 'YES']);
    emu.spreadsheet.ui.autoAnswer(null);
    expect(() => app.run('notify', [], { kind: 'menu' })).toThrow(/no answer was queued/);
  });

  it('keeps the auto-answer setting through JSON', () => {
    const { host, SpreadsheetApp } = makeSpreadsheet();
    host.ui.autoAnswer('YES');
    const saved = JSON.parse(JSON.stringify(host.toJSON()));
    host.ui.autoAnswer(null);
    host.restore(saved);
    const ui = SpreadsheetApp.getUi();
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
  });
});

describe('enum arguments', () => {
  it('takes only the enum member itself: not its name as a string, not a same-named member of another enum', () => {
    const { SpreadsheetApp, Charts, sheet, host } = makeSpreadsheet();
    host.ui.autoAnswer('OK');
    const ui = SpreadsheetApp.getUi();
    expect(() => ui.alert('Delete?', 'YES_NO')).toThrow("don't match the method signature");
    expect(() => ui.alert('Delete?', ui.Button.OK)).toThrow("don't match the method signature");
    expect(String(ui.alert('Delete?', ui.ButtonSet.OK))).toBe('OK');
    const range = sheet.getRange('A1');
    expect(() => range.setWrapStrategy('CLIP')).toThrow("don't match the method signature");
    range.setWrapStrategy(SpreadsheetApp.WrapStrategy.CLIP);
    expect(String(range.getWrapStrategy())).toBe('CLIP');
    expect(() => sheet.newChart().setChartType('LINE')).toThrow("don't match the method signature");
    expect(() => sheet.newChart().setChartType(Charts.Position.TOP)).toThrow("don't match the method signature");
    expect(() => sheet.newChart().setChartType(Charts.ChartType.LINE)).not.toThrow();
  });
});
