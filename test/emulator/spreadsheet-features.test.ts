import { describe, expect, it } from 'vitest';
import { makeSpreadsheet } from './spreadsheet-fixture';

describe('merges', () => {
  it('keeps only the top-left value and refuses partial overlaps', () => {
    const { sheet, host } = makeSpreadsheet();
    sheet.getRange('A1:C1').setValues([['title', 'b', 'c']]);
    sheet.getRange('A1:C1').merge();
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['title', '', '']]);
    sheet.getRange('B1').setValue('ignored');
    expect(sheet.getRange('B1').getValue()).toBe('');
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
    expect(
      sheet
        .getRange('A1:D5')
        .getMergedRanges()
        .map((r: any) => r.getA1Notation()),
    ).toEqual(['A1:C1']);
    expect(() => sheet.getRange('B1:D1').merge()).toThrow(
      'You must select all cells in a merged range to merge or unmerge them.',
    );
    expect(host.merges(sheet.getName())).toEqual(['A1:C1']);
    sheet.getRange('A1:C1').breakApart();
    expect(host.merges(sheet.getName())).toEqual([]);
  });
});

describe('data validation', () => {
  it('builds rules, reads them back and rejects bad input when invalid data is not allowed', () => {
    const { SpreadsheetApp, sheet, host } = makeSpreadsheet();
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['new', 'active', 'lost'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a status')
      .build();
    sheet.getRange('A2:A10').setDataValidation(rule);
    expect(sheet.getRange('A5').getDataValidation().getCriteriaType()).toBe(
      SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST,
    );
    expect(sheet.getRange('A5').getDataValidation().getCriteriaValues()).toEqual([['new', 'active', 'lost'], true]);
    sheet.getRange('A2').setValue('active');
    expect(() => sheet.getRange('A3').setValue('unknown')).toThrow(
      'The data you entered in cell A3 violates the data validation rules set on this cell.',
    );
    expect(() => host.edit(sheet.getName(), 'A4', 'nope')).toThrow(/violates the data validation rules/);
    expect(host.validations(sheet.getName()).A2).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      allowInvalid: false,
      helpText: 'Pick a status',
    });
  });

  it('warns only (accepts) by default, and checks numbers, dates and checkboxes', () => {
    const { SpreadsheetApp, sheet } = makeSpreadsheet();
    sheet.getRange('A1').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).build());
    sheet.getRange('A1').setValue(99);
    expect(sheet.getRange('A1').getValue()).toBe(99);
    const strict = (builder: any) => builder.setAllowInvalid(false).build();
    sheet.getRange('B1').setDataValidation(strict(SpreadsheetApp.newDataValidation().requireDate()));
    sheet.getRange('C1').setDataValidation(strict(SpreadsheetApp.newDataValidation().requireCheckbox()));
    sheet.getRange('B1').setValue('24.11.2026');
    expect(() => sheet.getRange('B1').setValue('soon')).toThrow(/cell B1 violates/);
    sheet.getRange('C1').setValue(true);
    expect(() => sheet.getRange('C1').setValue('yes')).toThrow(/cell C1 violates/);
    expect(() => SpreadsheetApp.newDataValidation().requireNumberBetween('1', 5)).toThrow(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireNumberBetween.",
    );
  });
});

describe('conditional formats', () => {
  it('stores gradient and boolean rules with their ranges', () => {
    const { SpreadsheetApp, sheet, host } = makeSpreadsheet();
    const range = sheet.getRange('C2:C100');
    const gradient = SpreadsheetApp.newConditionalFormatRule()
      .setGradientMinpoint('#FFFFFF')
      .setGradientMidpointWithValue('#ffd666', SpreadsheetApp.InterpolationType.PERCENTILE, '50')
      .setGradientMaxpoint('#57bb8a')
      .setRanges([range])
      .build();
    const over = SpreadsheetApp.newConditionalFormatRule()
      .whenNumberGreaterThan(1000)
      .setBackground('red')
      .setRanges([sheet.getRange('D2:D100')])
      .build();
    sheet.setConditionalFormatRules([gradient, over]);
    const rules = host.conditionalFormats(sheet.getName());
    expect(rules[0]).toMatchObject({
      ranges: ['C2:C100'],
      gradient: { min: { color: '#ffffff', type: 'MIN' }, mid: { type: 'PERCENTILE', value: '50' } },
    });
    expect(rules[1]).toMatchObject({
      ranges: ['D2:D100'],
      condition: { type: 'NUMBER_GREATER_THAN', values: [1000] },
      format: { background: '#ff0000' },
    });
    const [read] = sheet.getConditionalFormatRules();
    expect(read.getGradientCondition().getMidValue()).toBe('50');
    expect(read.getRanges()[0].getA1Notation()).toBe('C2:C100');
    sheet.insertRowsBefore(1, 2);
    expect(host.conditionalFormats(sheet.getName())[0]!.ranges).toEqual(['C4:C102']);
  });
});

describe('charts', () => {
  it('inserts, reads, modifies and removes an embedded chart', () => {
    const { sheet, Charts, host } = makeSpreadsheet();
    sheet.getRange('A1:B3').setValues([
      ['month', 'revenue'],
      ['Oct', 10],
      ['Nov', 20],
    ]);
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange('A1:B3'))
      .setPosition(5, 4, 10, 0)
      .setOption('title', 'Revenue')
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    const [inserted] = sheet.getCharts();
    expect(inserted.getOptions().get('title')).toBe('Revenue');
    expect(inserted.getRanges()[0].getA1Notation()).toBe('A1:B3');
    expect(inserted.getContainerInfo().getAnchorRow()).toBe(5);
    sheet.updateChart(inserted.modify().asLineChart().setTitle('Revenue by month').build());
    expect(host.charts(sheet.getName())).toEqual([
      {
        chartId: inserted.getChartId(),
        type: 'LINE',
        ranges: ['A1:B3'],
        options: { title: 'Revenue by month' },
        position: { anchorRow: 5, anchorColumn: 4, offsetX: 10, offsetY: 0 },
      },
    ]);
    expect(sheet.newChart().setTitle).toBeUndefined(); // only typed builders have setTitle
    sheet.removeChart(sheet.getCharts()[0]);
    expect(host.charts(sheet.getName())).toEqual([]);
  });
});

describe('Ui', () => {
  it('records menus, sidebars and toasts, and answers alerts from the queue', () => {
    const { SpreadsheetApp, book, host } = makeSpreadsheet();
    const ui = SpreadsheetApp.getUi();
    ui.createMenu('CRM')
      .addItem('Open sidebar', 'openSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Tools').addItem('Rebuild', 'rebuild'))
      .addToUi();
    expect(host.ui.menus()[0]).toMatchObject({
      caption: 'CRM',
      items: [
        { kind: 'item', functionName: 'openSidebar' },
        { kind: 'separator' },
        { kind: 'submenu', items: [{ functionName: 'rebuild' }] },
      ],
    });
    ui.showSidebar({ getContent: () => '<p>hi</p>', getTitle: () => 'Studio' });
    expect(host.ui.sidebars()).toEqual([
      { kind: 'sidebar', title: 'Studio', content: '<p>hi</p>', width: null, height: null },
    ]);
    expect(() => ui.showSidebar('<p>hi</p>')).toThrow(
      /don't match the method signature for SpreadsheetApp.Ui.showSidebar/,
    );
    book.toast('Saved', 'CRM');
    expect(host.ui.toasts()[0]).toMatchObject({ message: 'Saved', title: 'CRM' });

    expect(() => ui.alert('Sure?')).toThrow(/no answer was queued/);
    host.ui.answer({ button: 'YES' });
    expect(ui.alert('Delete', 'Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    host.ui.answer({ button: 'OK', text: 'Mira' });
    const response = ui.prompt('Client name?', ui.ButtonSet.OK_CANCEL);
    expect([response.getResponseText(), response.getSelectedButton()]).toEqual(['Mira', ui.Button.OK]);
    host.ui.answer({ button: 'YES' });
    expect(() => ui.alert('Note', ui.ButtonSet.OK)).toThrow(/not one of its buttons/);
  });
});

describe('host', () => {
  it('types as a user and notifies edit listeners', () => {
    const { host, sheet } = makeSpreadsheet('ru');
    const edits: unknown[] = [];
    host.onEdit((edit) => edits.push(edit));
    host.edit(sheet.getName(), 'A1:B1', [['1 500', '01.12.2026']]);
    expect(host.values(sheet.getName())).toEqual([[1500, new Date('2026-11-30T21:00:00Z')]]);
    expect(host.displayValues(sheet.getName())).toEqual([['1500', '01.12.2026']]);
    expect(edits).toEqual([
      { spreadsheetId: host.active.id, sheetName: 'Лист1', a1: 'A1:B1', oldValue: '', value: 1500 },
    ]);
  });

  it('round-trips its state through JSON', () => {
    const { host, sheet, book, SpreadsheetApp } = makeSpreadsheet();
    sheet
      .getRange('A1:B1')
      .setValues([[new Date('2026-11-24T10:00:00Z'), '=SUM(1)']])
      .setBackground('#abc');
    sheet.getRange('C1').setNote('VIP');
    sheet.setFrozenRows(1);
    const other = host.create('Archive');
    const saved = JSON.parse(JSON.stringify(host.toJSON()));
    sheet.getRange('A1').setValue('changed');
    book.insertSheet('Temp');
    host.restore(saved);
    expect(host.sheetNames()).toEqual(['Лист1']);
    expect(host.values('Лист1')).toEqual([[new Date('2026-11-24T10:00:00Z'), '#ERROR!']]); // a note is not content
    expect(host.notes('Лист1')).toEqual({ C1: 'VIP' });
    expect(host.frozenRows('Лист1')).toBe(1);
    expect(host.styles('Лист1').A1).toEqual({ background: '#aabbcc' });
    expect(SpreadsheetApp.openById(other.id).getName()).toBe('Archive');
  });
});
