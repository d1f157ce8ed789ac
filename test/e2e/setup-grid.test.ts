// Google counts every grid cell, empty ones too, against a workbook's 10 M: setup leaves no empty default
// sheet and no grid beyond each sheet's last row + a margin of 100 empty rows for staff typing; a sheet the
// add-on grows keeps that margin.
import { describe, expect, it } from 'vitest';
import { generateDemoStudio } from '../../local/playground/demo-studio';
import { ANALYSIS_NOW, analysisStudio } from '../support/analysis-studio';
import { writeFixture } from '../support/sheet-fixtures';
import { freshStudio, workbookState } from '../support/studio';

const MARGIN = 100;

describe('setup trims the grid', () => {
  it('removes the empty default sheet and gives each new sheet its header + 100 rows, no spare column', () => {
    const { emu, app } = freshStudio('ru');
    expect(emu.spreadsheet.sheetNames()).toEqual(['Лист1']);
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(emu.spreadsheet.sheetNames()).not.toContain('Лист1');
    // Header widths of the schema; rows: the header + 100.
    const widths: Record<string, number> = {
      Клиенты: 32,
      Заказы: 13,
      Отзывы: 9,
      Обращения: 8,
      // 9 columns and Reason code, the reasons' machine part.
      Баллы: 10,
      Настройки: 3,
      Проблемы: 7,
    };
    for (const [name, width] of Object.entries(widths)) {
      expect(emu.spreadsheet.size(name), name).toMatchObject({ maxRows: 1 + MARGIN, maxColumns: width });
    }
    for (const name of emu.spreadsheet.sheetNames()) {
      const { maxRows, maxColumns, lastRow, lastColumn } = emu.spreadsheet.size(name);
      expect(maxColumns, name).toBe(lastColumn);
      expect(maxRows - lastRow, name).toBeLessThanOrEqual(MARGIN);
    }
    // Clients alone were 1,000 × 32 = 32,000 cells and Лист1 26,000; now Clients is 101 × 32 = 3,232.
    expect(emu.spreadsheet.gridCells().sheets['Клиенты']).toBe(3_232);
    // 13 sheets of at most 101 rows × 32 columns: under 42,016 cells, where one untrimmed sheet was 26,000.
    expect(emu.spreadsheet.gridCells().total).toBeLessThan(13 * 101 * 32);

    const before = workbookState(emu);
    const sizes = emu.spreadsheet.sheetNames().map((name) => emu.spreadsheet.size(name));
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(workbookState(emu)).toEqual(before);
    expect(emu.spreadsheet.sheetNames().map((name) => emu.spreadsheet.size(name))).toEqual(sizes);
  });

  it('keeps a default sheet staff typed into, and staff tabs of their own', () => {
    const { emu, app } = freshStudio('en');
    emu.spreadsheet.edit('Sheet1', 'C7', 'my notes');
    emu.spreadsheet.addSheet('Sheet2');
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(emu.spreadsheet.sheetNames()).toEqual(expect.arrayContaining(['Sheet1', 'Sheet2', 'Clients']));
    // Staff sheets keep their whole grid: 1,000 × 26.
    expect(emu.spreadsheet.size('Sheet1')).toMatchObject({ maxRows: 1000, maxColumns: 26 });
    expect(emu.spreadsheet.size('Sheet2')).toMatchObject({ maxRows: 1000, maxColumns: 26 });
    expect(emu.spreadsheet.values('Sheet1')[6]?.[2]).toBe('my notes');
  });

  it('trims a sheet set up before (1,000 rows, spare columns) on repair, keeping every cell', () => {
    const { emu, app } = freshStudio('ru');
    emu.spreadsheet.addSheet('Клиенты');
    emu.spreadsheet.edit('Клиенты', 'A1:C3', [
      ['ID клиента', 'Имя', 'Email'],
      ['C-0001', 'Анна', 'anna@example.com'],
      ['C-0002', 'Борис', 'boris@example.com'],
    ]);
    app.run('setupDatabase', [], { kind: 'menu' });
    // 3 rows (header + 2 clients) + 100; the 3 staff columns + the 29 appended = 32, none spare.
    expect(emu.spreadsheet.size('Клиенты')).toMatchObject({ maxRows: 103, maxColumns: 32, lastRow: 3 });
    const rows = emu.spreadsheet.values('Клиенты');
    expect(rows[1]?.slice(0, 3)).toEqual(['C-0001', 'Анна', 'anna@example.com']);
    expect(rows[2]?.slice(0, 3)).toEqual(['C-0002', 'Борис', 'boris@example.com']);
  });
});

describe('a sheet the add-on grows keeps its margin', () => {
  it('grows back to 100 empty rows when fewer than 50 would stay, and not before', () => {
    const { emu, app } = freshStudio('ru');
    app.run('setupDatabase', [], { kind: 'menu' });
    writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Анна', email: 'anna@example.com' }], 'ru');
    const logRequest = () =>
      app.callFromClient('logRequest', { clientId: 'C-0001', channel: 'email', summary: 'Нужны бейджи' });
    const requests = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `R-${String(index + 1).padStart(4, '0')}`,
        clientId: 'C-0001',
        channel: 'email',
        summary: 'старое',
        receivedAt: new Date('2026-11-01T10:00:00Z'),
      }));
    // 49 rows under the header: rows 2..50 of 101. The request lands in row 51, leaving 50 empty: no growth.
    writeFixture(emu, 'requests', requests(49), 'ru');
    logRequest();
    expect(emu.spreadsheet.size('Обращения')).toMatchObject({ lastRow: 51, maxRows: 101 });
    // The next one lands in row 52, leaving 49 (< 50): the sheet grows to 52 + 100 = 152 rows.
    logRequest();
    expect(emu.spreadsheet.size('Обращения')).toMatchObject({ lastRow: 52, maxRows: 152 });
    expect(emu.spreadsheet.values('Обращения').at(-1)).toContain('Нужны бейджи');
  });
});

describe('the Dashboard', () => {
  it('keeps only its content and the grid under its charts (rows 1–60, columns 15–20), rebuilt or not', () => {
    const { emu, app } = analysisStudio(generateDemoStudio({ clients: 40, asOf: new Date(ANALYSIS_NOW) }));
    app.run('refreshAnalysis', [], { kind: 'menu' });
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const { maxRows, maxColumns, lastRow, lastColumn } = emu.spreadsheet.size('Дашборд');
    expect(maxRows).toBe(Math.max(lastRow, 60));
    expect(maxColumns).toBe(Math.max(lastColumn, 20));
    expect(emu.spreadsheet.charts('Дашборд')).toHaveLength(3);
  });
});
