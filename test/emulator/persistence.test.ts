// emu.toJSON() → JSON text → restore() into a fresh emulator: what the playground relies on after a restart.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';
import { RECORD_FUNCTION, recorded } from './recorded';

const SCRIPT = `
${RECORD_FUNCTION}
function build() {
  var book = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = book.insertSheet('Clients');
  sheet.getRange(1, 1, 3, 4).setValues([
    ['Email', 'Since', 'Spent', 'VIP'],
    ['a@x.co', new Date('2024-01-05T09:00:00Z'), 1200.5, true],
    ['b@x.co', new Date('2024-02-10T09:00:00Z'), 80, false],
  ]);
  sheet.getRange('C2:C3').setNumberFormat('#,##0.00');
  sheet.getRange('A1').setNote('client email');
  sheet.getRange('A1:D1').setBackground('#ffeeaa').setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.getRange('E1:F1').merge();
  sheet.getRange('D2:D3').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  sheet.getRange('B2:B3').setDataValidation(
    SpreadsheetApp.newDataValidation().requireDateAfter(new Date('2020-01-01T00:00:00Z')).setAllowInvalid(false).build());
  sheet.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThan(1000).setBackground('#00ff00').setRanges([sheet.getRange('C2:C3')]).build(),
  ]);
  sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:C3')).setPosition(5, 1, 0, 0).build());

  ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(3).create();
  ScriptApp.newTrigger('tick').timeBased().after(60 * 60 * 1000).create();
  PropertiesService.getScriptProperties().setProperty('journal', '[1,2]');
  PropertiesService.getDocumentProperties().setProperty('locale', 'ru');
  PropertiesService.getUserProperties().setProperty('seen', 'yes');
  CacheService.getScriptCache().put('overview', '{"n":2}', 21600);
  GmailApp.sendEmail('a@x.co', 'Hello', 'Plain', { htmlBody: '<b>Hi</b>' });
  GmailApp.createDraft('b@x.co', 'Draft', 'Later', { attachments: [Utilities.newBlob('x,y', 'text/csv', 'list.csv')] });

  var form = FormApp.create('Intake');
  form.setCollectEmail(true);
  form.addTextItem().setTitle('Channel').setRequired(true);
  form.addCheckboxItem().setTitle('Wants').setChoiceValues(['Emotes', 'Badges']);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, book.getId());
  ScriptApp.newTrigger('onIntake').forSpreadsheet(book).onFormSubmit().create();
  return form.getId();
}
function tick(e) { record('ticks', e.triggerUid); }
function onIntake(e) { record('ticks', 'form:' + e.values.join('|')); }
function zone() { return Session.getScriptTimeZone(); }
function askOk() { return String(SpreadsheetApp.getUi().alert('Sure?', SpreadsheetApp.getUi().ButtonSet.OK_CANCEL)); }
function readBack() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Clients');
  var since = sheet.getRange('B2').getValue();
  return {
    since: Object.prototype.toString.call(since) + ' ' + since.toISOString(),
    shown: sheet.getRange('C2').getDisplayValue(),
    rules: sheet.getConditionalFormatRules().length,
    charts: sheet.getCharts().length,
    triggers: ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }),
    journal: PropertiesService.getScriptProperties().getProperty('journal'),
    locale: PropertiesService.getDocumentProperties().getProperty('locale'),
    seen: PropertiesService.getUserProperties().getProperty('seen'),
    cached: CacheService.getScriptCache().get('overview'),
    drafts: GmailApp.getDrafts().map(function (d) { return d.getMessage().getAttachments()[0].getDataAsString(); }),
  };
}
function typeBadDate() {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Clients').getRange('B3').setValue('not a date');
}
`;

function started() {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'ru' });
  const app = loadBundleSource(emu, SCRIPT);
  const formId = app.run('build', [], { kind: 'menu' }) as string;
  emu.forms.submit(formId, { Channel: 'twitch.tv/kotik', Wants: ['Emotes', 'Badges'] }, { email: 'k@x.co' });
  emu.spreadsheet.ui.autoAnswer('OK');
  emu.advance(2 * 3600_000); // the one-off trigger runs and is spent
  return { emu, app, formId };
}

function restarted(snapshot: unknown) {
  const emu = createEmulator({ now: '2000-01-01T00:00:00Z', locale: 'en_US', timeZone: 'UTC' });
  emu.restore(JSON.parse(JSON.stringify(snapshot)));
  return { emu, app: loadBundleSource(emu, SCRIPT) };
}

describe('toJSON/restore through JSON text', () => {
  it('gives back the same state, snapshot for snapshot', () => {
    const { emu } = started();
    const text = JSON.stringify(emu.toJSON());
    const { emu: again, app } = restarted(emu.toJSON());
    expect(JSON.stringify(again.toJSON())).toBe(text);
    // Restored over an emulator made with other options: the snapshot's zone and run history win.
    expect(app.run('zone')).toBe('Europe/Moscow');
    expect(again.triggerRuns.map((run) => [run.kind, run.handler])).toEqual([
      ['formSubmit', 'onIntake'],
      ['time', 'tick'],
    ]);
  });

  it('keeps sheets with formats, notes, validations, conditional formats, charts, merges and frozen rows', () => {
    const { emu } = started();
    const before = emu.spreadsheet;
    const after = restarted(emu.toJSON()).emu;
    const sheet = 'Clients';
    for (const read of [
      'values',
      'displayValues',
      'numberFormats',
      'notes',
      'styles',
      'charts',
      'conditionalFormats',
      'validations',
      'merges',
      'frozenRows',
    ] as const) {
      expect([read, after.spreadsheet[read](sheet)]).toEqual([read, before[read](sheet)]);
    }
    expect(after.spreadsheet.sheetNames()).toEqual(before.sheetNames());
    expect(after.spreadsheet.values(before.sheetNames()[0]!)).toEqual(before.values(before.sheetNames()[0]!)); // the response sheet
    const app = loadBundleSource(after, SCRIPT);
    expect(app.run('readBack')).toEqual({
      since: '[object Date] 2024-01-05T09:00:00.000Z',
      shown: '1\u00a0200,50', // ru groups with a no-break space
      rules: 1,
      charts: 1,
      triggers: ['tick', 'tick', 'onIntake'],
      journal: '[1,2]',
      locale: 'ru',
      seen: 'yes',
      cached: '{"n":2}',
      drafts: ['x,y'],
    });
    expect(() => app.run('typeBadDate')).toThrow(); // the rejecting validation came back too
  });

  it('keeps triggers with their next run times, the spent one-off, and runs the daily one on time', () => {
    const { emu } = started();
    const list = emu.triggers.list();
    const { emu: after } = restarted(emu.toJSON());
    const ticksBefore = recorded(after, 'ticks').length; // the restored log keeps the first emulator's
    expect(after.triggers.list()).toEqual(list);
    expect(after.clock.now()).toBe(emu.clock.now());
    const daily = list.find((t) => t.schedule?.kind === 'days')!;
    expect(after.triggers.isSpent(list.find((t) => t.schedule?.kind === 'once')!.uid)).toBe(true);
    after.advance(daily.nextRunAt! - after.clock.now());
    expect(recorded(after, 'ticks', ticksBefore)).toEqual([daily.uid]);
  });

  it('keeps mail outbox, drafts and quota use, forms with responses, and the ui auto-answer', () => {
    const { emu, formId } = started();
    const { emu: after, app } = restarted(emu.toJSON());
    const ticksBefore = recorded(after, 'ticks').length;
    expect(after.mail.outbox).toEqual(emu.mail.outbox);
    expect(after.mail.drafts()).toEqual(emu.mail.drafts());
    expect(after.mail.quotaUsed()).toBe(1);
    expect(after.forms.responses(formId)).toEqual(emu.forms.responses(formId));
    expect(app.run('askOk', [], { kind: 'menu' })).toBe('OK');
    after.forms.submit(formId, { Channel: 'twitch.tv/sova' }, { email: 's@x.co' });
    expect(after.forms.responses(formId)).toHaveLength(2);
    expect(recorded<string>(after, 'ticks', ticksBefore)[0]).toMatch(/^form:.*\|s@x\.co\|twitch\.tv\/sova\|$/);
  });
});
