import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';
import { RECORD_FUNCTION, recorded } from './recorded';

// onEdit stamps the edited row; the installable handler records what it was given and tries mail.
const SCRIPT = `
${RECORD_FUNCTION}
function onEdit(e) {
  record('seen', { kind: 'simple', a1: e.range.getA1Notation(), sheet: e.range.getSheet().getName(), value: e.value, oldValue: e.oldValue,
    auth: String(e.authMode), hasUid: 'triggerUid' in e, book: e.source.getName(), user: e.user.getEmail() });
  e.range.offset(0, 1).setValue('seen');
}
function onEditInstalled(e) {
  record('seen', { kind: 'installed', a1: e.range.getA1Notation(), value: e.value, oldValue: e.oldValue, auth: String(e.authMode), uid: e.triggerUid, user: e.user.getEmail() });
}
function install() { ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
`;

// A Workspace account: an installable trigger it created and fired by its own edit may show its address.
function load(source = SCRIPT) {
  const emu = createEmulator({
    now: '2026-11-24T09:00:00Z',
    locale: 'ru',
    accounts: [{ email: 'mira@studio.test', kind: 'workspace' }],
  });
  const app = loadBundleSource(emu, source);
  return { emu, app, sheet: emu.spreadsheet.activeSheetName() };
}

describe('user edits run onEdit', () => {
  it('runs the simple onEdit with LIMITED auth, no triggerUid, string values and a hidden user', () => {
    const { emu, sheet } = load();
    emu.spreadsheet.edit(sheet, 'A2', '1 500');
    emu.spreadsheet.edit(sheet, 'A2', '01.12.2026');
    expect(recorded(emu, 'seen')).toEqual([
      { kind: 'simple', a1: 'A2', sheet, value: '1500', auth: 'LIMITED', hasUid: false, book: 'Studio CRM', user: '' },
      {
        kind: 'simple',
        a1: 'A2',
        sheet,
        value: '46357',
        oldValue: '1500',
        auth: 'LIMITED',
        hasUid: false,
        book: 'Studio CRM',
        user: '',
      },
    ]);
    expect(emu.spreadsheet.values(sheet)[1]).toEqual([new Date('2026-11-30T21:00:00Z'), 'seen']);
    expect(emu.triggerRuns.map((r) => [r.handler, r.kind, r.triggerUid])).toEqual([
      ['onEdit', 'edit', ''],
      ['onEdit', 'edit', ''],
    ]);
  });

  it('runs installable on-edit triggers with FULL auth and their triggerUid; multi-cell edits carry no values', () => {
    const { emu, app, sheet } = load();
    app.run('install');
    const uid = emu.triggers.list()[0]!.uid;
    emu.spreadsheet.edit(sheet, 'C1:D1', [['да', 'нет']]);
    const seen = recorded(emu, 'seen');
    expect(seen).toEqual([
      expect.objectContaining({ kind: 'simple', a1: 'C1:D1' }),
      { kind: 'installed', a1: 'C1:D1', auth: 'FULL', uid, user: 'mira@studio.test' },
    ]);
    expect('value' in seen[1]! || 'oldValue' in seen[1]!).toBe(false);
    emu.spreadsheet.edit(sheet, 'F1', 'ИСТИНА');
    expect(recorded(emu, 'seen').at(-1)).toMatchObject({ kind: 'installed', value: 'TRUE', uid });
  });

  it('hides the editor of a consumer account from an installable trigger (the stricter reading of Session)', () => {
    const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'ru', userEmail: 'mira@gmail.example' });
    const app = loadBundleSource(emu, SCRIPT);
    app.run('install');
    emu.spreadsheet.edit(emu.spreadsheet.activeSheetName(), 'C1', 'x');
    expect(recorded(emu, 'seen').at(-1)).toMatchObject({ kind: 'installed', user: '' });
  });

  it('keeps the simple trigger inside its limits: no mail from onEdit', () => {
    const { emu, sheet } = load(`function onEdit(e) { GmailApp.sendEmail('a@b.co', 's', 'b'); }`);
    expect(() => emu.spreadsheet.edit(sheet, 'A1', 'x')).toThrow(
      /You do not have permission to call GmailApp.sendEmail/,
    );
    expect(emu.triggerRuns[0]?.error).toMatch(/permission/);
    expect(emu.mail.outbox).toEqual([]);
  });

  it('runs nothing when the script has no onEdit and no trigger', () => {
    const { emu, sheet } = load('function other() {}');
    emu.spreadsheet.edit(sheet, 'A1', 'x');
    expect(emu.triggerRuns).toEqual([]);
    expect(emu.rt.total()).toBe(0);
  });
});
