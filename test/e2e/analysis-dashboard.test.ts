// The Dashboard on a seeded demo studio: KPI cells equal the domain's numbers, charts and heat map exist,
// a rebuild replaces rather than piles up, a user's own sheet is untouched, and calls do not grow with clients.
import { describe, expect, it } from 'vitest';
import { generateDemoStudio } from '../../local/playground/demo-studio';
import { writeRecords } from '../../local/playground/seed';
import { computeKpis, DEFAULT_KPI_SETTINGS, kpiTiles, lastFullMonth } from '../../src/domain/analysis';
import { translate } from '../../src/i18n';
import { ANALYSIS_NOW, analysisStudio } from '../support/analysis-studio';

const asOf = new Date(ANALYSIS_NOW);
const DASHBOARD = 'Дашборд';

function seeded(clients: number) {
  const studio = generateDemoStudio({ clients, asOf });
  const world = analysisStudio(studio);
  writeRecords(world.emu, 'segments', [{ id: 'S-0001', name: 'Gamers', rules: 'topic = gaming' }, { id: 'S-0002', name: 'Broken', rules: 'nonsense ===' }], 'ru');
  return { studio, ...world };
}

describe('Dashboard on the demo studio', () => {
  it('shows the domain KPIs, three charts, a cohort heat map; rebuilds in place; leaves user sheets alone', () => {
    const { studio, emu, app } = seeded(120);
    // A staff sheet of their own, which no refresh may touch.
    emu.withContext({ kind: 'test', authMode: 'FULL' }, () => {
      const sheet = (emu.globals() as any).SpreadsheetApp.getActiveSpreadsheet().insertSheet('Мои заметки');
      sheet.getRange(1, 1, 2, 2).setValues([['idea', 42], ['note', 'keep']]);
    });
    app.run('refreshAnalysis', [], { kind: 'menu' });

    const values = emu.spreadsheet.values(DASHBOARD);
    const expected = kpiTiles(computeKpis(studio, lastFullMonth(asOf), DEFAULT_KPI_SETTINGS));
    for (const tile of expected) {
      const label = translate('ru', `analysis.kpi.${tile.key}`);
      const row = values.find((cells) => cells[0] === label);
      expect(row, label).toBeDefined();
      for (const [cell, number] of [[row![1], tile.current], [row![2], tile.previous]] as const) {
        if (number === null) expect(cell).toBe('');
        else expect(cell as number).toBeCloseTo(number, 9);
      }
    }
    expect(expected.some((tile) => tile.current !== null && tile.current > 0)).toBe(true);

    const charts = emu.spreadsheet.charts(DASHBOARD);
    expect(charts.map((chart) => chart.type).sort()).toEqual(['BAR', 'COLUMN', 'LINE']);
    const revenue = charts.find((chart) => chart.type === 'COLUMN')!;
    expect(revenue.ranges).toHaveLength(1);
    const [start] = revenue.ranges[0]!.split(':');
    expect(start).toBe('E5');
    const rules = emu.spreadsheet.conditionalFormats(DASHBOARD);
    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules[0])).toMatch(/gradient|Gradient/);
    expect(emu.spreadsheet.frozenRows(DASHBOARD)).toBe(3);

    // The saved segment got its count; the broken one is a Problems row, not a crash.
    const segments = emu.spreadsheet.values('Сегменты');
    const gamers = segments.find((row) => row[0] === 'S-0001')!;
    expect(gamers[4]).toBe(studio.clients.filter((client) => client.topic === 'gaming').length);
    const problems = emu.spreadsheet.values('Проблемы').flat().join(' ');
    expect(problems).toContain('Broken');

    const first = JSON.stringify(values);
    app.run('refreshAnalysis', [], { kind: 'menu' });
    expect(emu.spreadsheet.charts(DASHBOARD)).toHaveLength(3);
    expect(emu.spreadsheet.conditionalFormats(DASHBOARD)).toHaveLength(1);
    expect(JSON.stringify(emu.spreadsheet.values(DASHBOARD)).length).toBe(first.length); // rebuilt, not appended
    expect(emu.spreadsheet.values('Мои заметки')).toEqual([['idea', 42], ['note', 'keep']]);
    expect(emu.spreadsheet.sheetNames().filter((name) => name === DASHBOARD)).toHaveLength(1);

    for (const name of emu.spreadsheet.sheetNames()) {
      for (const row of emu.spreadsheet.values(name)) for (const cell of row) if (typeof cell === 'number') expect(Number.isFinite(cell), name).toBe(true);
    }
  });

  it('costs the same Apps Script calls per sheet for 60 and 240 clients', () => {
    const counts = [60, 240].map((clients) => {
      const { emu, app } = seeded(clients);
      app.run('refreshAnalysis', [], { kind: 'menu' }); // first run creates the Dashboard
      emu.rt.resetCounts();
      app.run('refreshAnalysis', [], { kind: 'menu' });
      return emu.rt.snapshotCounts();
    });
    expect(counts[1]).toEqual(counts[0]);
  });

  it('getOverview answers the tiles, attention counts and the CLV status, then from the cache', () => {
    const { emu, app } = seeded(80);
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const overview = app.callFromClient('getOverview') as any;
    expect(overview.tiles.length).toBeGreaterThanOrEqual(10);
    expect(overview.clv.message.length).toBeGreaterThan(10);
    expect(typeof overview.attention.lapsingRegulars).toBe('number');
    expect(overview.attention.problems).toBeGreaterThan(0); // the broken segment
    emu.rt.resetCounts();
    expect(app.callFromClient('getOverview')).toEqual(overview);
    expect(emu.rt.total('Range.getValues')).toBe(1); // Settings only, for the staff's language; a miss reads 7+ sheets

    const insights = app.callFromClient('getClientInsights', 'C-00001') as any;
    expect(insights.clientId).toBe('C-00001');
    expect(typeof insights.lifecycle).toBe('string');
    expect(Array.isArray(insights.segments)).toBe(true);
  });
});
