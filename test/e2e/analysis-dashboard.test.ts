// The Dashboard: KPI cells equal figures worked out by hand on a five-client studio; on the demo studio
// charts and heat map exist, a rebuild replaces rather than piles up, a user's own sheet is untouched,
// and calls do not grow with clients.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { generateDemoStudio } from '../../local/playground/demo-studio';
import { writeFixture, writeSheet } from '../support/sheet-fixtures';
import type { ClientInsights, OverviewView } from '../../src/contract/sidebar-api';
import { translate, type MessageKey } from '../../src/i18n';
import { ANALYSIS_NOW, analysisStudio } from '../support/analysis-studio';
import { loadBuiltBundle } from '../support/built-bundle';

const asOf = new Date(ANALYSIS_NOW);
const DASHBOARD = 'Дашборд';

function seeded(clients: number) {
  const studio = generateDemoStudio({ clients, asOf });
  const world = analysisStudio(studio);
  writeFixture(
    world.emu,
    'segments',
    [
      { id: 'S-0001', name: 'Gamers', rules: 'topic = gaming' },
      { id: 'S-0002', name: 'Broken', rules: 'nonsense ===' },
    ],
    'ru',
  );
  return { studio, ...world };
}

const at = (iso: string) => new Date(iso);

/**
 * Five clients, literal cells. Now is 2026-11-24 (Moscow), so the Dashboard compares October 2026 with
 * September 2026. Orders at 12:00Z (15:00 in Moscow) of the day:
 *   C-C 2025-10-15 1200 · C-A 2026-08-01 800, 2026-09-20 600, 2026-10-05 2000, 2026-11-10 700 (after October)
 *   C-B 2026-10-10 1500, 2026-10-20 500 · C-E 2026-10-28 1000 · C-D 2026-10-25 4000 cancelled (never counts)
 */
function handStudio() {
  const emu = createEmulator({ now: ANALYSIS_NOW, locale: 'ru' });
  const app = loadBuiltBundle(emu);
  writeSheet(emu, 'Клиенты', [
    ['ID клиента', 'Имя', 'Email'],
    ['C-A', 'Аня', 'a@example.com'],
    ['C-B', 'Боря', 'b@example.com'],
    ['C-C', 'Вера', 'c@example.com'],
    ['C-D', 'Гоша', 'd@example.com'],
    ['C-E', 'Дина', 'e@example.com'],
  ]);
  writeSheet(emu, 'Заказы', [
    ['ID заказа', 'ID клиента', 'Дата', 'Сумма', 'Статус'],
    ['O-1', 'C-C', at('2025-10-15T12:00:00Z'), 1200, 'Выполнен'],
    ['O-2', 'C-A', at('2026-08-01T12:00:00Z'), 800, 'Выполнен'],
    ['O-3', 'C-A', at('2026-09-20T12:00:00Z'), 600, 'Выполнен'],
    ['O-4', 'C-A', at('2026-10-05T12:00:00Z'), 2000, 'Выполнен'],
    ['O-5', 'C-B', at('2026-10-10T12:00:00Z'), 1500, 'Выполнен'],
    ['O-6', 'C-B', at('2026-10-20T12:00:00Z'), 500, 'Выполнен'],
    ['O-7', 'C-E', at('2026-10-28T12:00:00Z'), 1000, 'Выполнен'],
    ['O-8', 'C-D', at('2026-10-25T12:00:00Z'), 4000, 'Отменён'],
    ['O-9', 'C-A', at('2026-11-10T12:00:00Z'), 700, 'Выполнен'],
  ]);
  writeSheet(emu, 'Отзывы', [
    ['ID отзыва', 'Дата', 'ID клиента', 'Оценка', 'NPS'],
    ['F-1', at('2026-09-25T12:00:00Z'), 'C-A', 3, 6],
    ['F-2', at('2026-10-06T12:00:00Z'), 'C-A', 5, 10],
    ['F-3', at('2026-10-12T12:00:00Z'), 'C-B', 4, 9],
    ['F-4', at('2026-10-22T12:00:00Z'), 'C-B', 4, 8],
    ['F-5', at('2026-10-29T12:00:00Z'), 'C-E', 2, 3],
  ]);
  writeSheet(emu, 'Обращения', [
    ['ID обращения', 'ID клиента', 'Получено', 'Отвечено'],
    ['R-1', 'C-A', at('2026-10-02T09:00:00Z'), at('2026-10-02T13:00:00Z')], // 4 h
    ['R-2', 'C-B', at('2026-10-03T10:00:00Z'), at('2026-10-04T10:00:00Z')], // 24 h
    ['R-3', 'C-E', at('2026-10-06T10:00:00Z'), at('2026-10-06T12:00:00Z')], // 2 h
    ['R-4', 'C-E', at('2026-10-07T10:00:00Z'), ''], // unanswered: kept out of the averages
  ]);
  writeSheet(emu, 'Сегменты', [['ID сегмента', 'Название', 'Правила', 'Описание', 'Клиентов', 'Обновлён']]);
  writeSheet(emu, 'Настройки', [['Ключ', 'Значение', 'Описание']]);
  writeSheet(emu, 'Проблемы', [['Когда', 'Лист', 'Строка', 'Столбец', 'Значение', 'Что не так', 'Источник']]);
  return { emu, app };
}

/**
 * October: orders O-4, O-5, O-6, O-7 → 4 orders, revenue 2000+1500+500+1000 = 5000; active A, B, E = 3;
 * new (first order in October) B, E = 2; repeaters (2+ orders by Oct 31) A (3), B (2) = 2.
 * Active within 365 days at Oct 1 (window from 2025-10-01): A, C = 2; at Nov 1 (from 2025-11-01): A, B, E = 3.
 * September: O-3 only → 1 order, 600, active A (not new; 2 orders by Sep 30); at Sep 1 and at Oct 1: A, C = 2.
 * Requests: October 4, 24, 2 h; September none. Feedback: October NPS 10, 9, 8, 3 and ratings 5, 4, 4, 2;
 * September NPS 6, rating 3. Margin 0.5 (the default).
 */
const EXPECTED_TILES: ReadonlyArray<[key: string, current: number, previous: number | '']> = [
  ['repeatOrderRate', 2 / 3, 1], // repeaters / active: 2/3; September 1/1
  ['retentionRate', 0.5, 1], // (at end − new) / at start: (3 − 2) / 2; September (2 − 0) / 2
  ['returningRevenueShare', 0.4, 1], // A's 2000 / 5000; September 600 / 600
  ['profitPerClient', (5000 * 0.5) / 3, 300], // 833.33…; September 600 × 0.5 / 1
  ['averageOrderValue', 1250, 600], // 5000 / 4; September 600 / 1
  ['purchaseFrequency', 4 / 3, 1], // orders / active
  ['averageResponseHours', 10, ''], // (4 + 24 + 2) / 3; September: no requests
  ['medianResponseHours', 4, ''], // middle of 2, 4, 24
  ['nps', 25, -100], // (2 promoters − 1 detractor) / 4 × 100; September (0 − 1) / 1 × 100
  ['averageRating', 3.75, 3], // (5 + 4 + 4 + 2) / 4
];

describe('Dashboard KPIs on a hand-made studio', () => {
  it('shows October beside September, each KPI as worked out by hand', () => {
    const { emu, app } = handStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const values = emu.spreadsheet.values(DASHBOARD);
    expect(values[1]?.[0]).toMatch(/^2026-10-01 – 2026-10-31, в сравнении с 2026-09-01 – 2026-09-30\./);
    const header = values.findIndex((row) => row[0] === translate('ru', 'analysis.dashboard.kpi'));
    expect(values[header]?.slice(0, 3)).toEqual(['Показатель', 'Этот период', 'Прошлый период']);
    const shown = values.slice(header + 1, header + 1 + EXPECTED_TILES.length).map((row) => row.slice(0, 3));
    const expected = EXPECTED_TILES.map(([key, current, previous]) => [
      translate('ru', `analysis.kpi.${key}` as MessageKey),
      current,
      previous,
    ]);
    expect(shown.map(([label]) => label)).toEqual(expected.map(([label]) => label));
    shown.forEach((row, index) => {
      const [, current, previous] = expected[index]!;
      expect(row[1] as number, String(row[0])).toBeCloseTo(current as number, 9);
      if (previous === '') expect(row[2], String(row[0])).toBe('');
      else expect(row[2] as number, String(row[0])).toBeCloseTo(previous as number, 9);
    });
  });

  it('charts monthly revenue split into new and returning clients', () => {
    const { emu, app } = handStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const values = emu.spreadsheet.values(DASHBOARD);
    const byMonth = new Map(values.map((row) => [row[4], [row[5], row[6]]]));
    // A month's order is "new" when it is the client's first-ever order month.
    expect(byMonth.get('2025-10')).toEqual([1200, 0]); // C's first
    expect(byMonth.get('2026-08')).toEqual([800, 0]); // A's first
    expect(byMonth.get('2026-09')).toEqual([0, 600]); // A again
    expect(byMonth.get('2026-10')).toEqual([1500 + 500 + 1000, 2000]); // B and E new, A returning; D cancelled
    expect(byMonth.get('2026-11')).toEqual([0, 700]);
  });

  it('getOverview answers the same tiles, labelled in the staff language', () => {
    const { app } = handStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const overview = app.callFromClient('getOverview') as OverviewView;
    expect(overview.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const tiles = overview.tiles.slice(0, EXPECTED_TILES.length);
    expect(tiles.map((tile) => tile.key)).toEqual(EXPECTED_TILES.map(([key]) => key));
    tiles.forEach((tile, index) => {
      const [key, current, previous] = EXPECTED_TILES[index]!;
      expect(tile.label).toBe(translate('ru', `analysis.kpi.${key}` as MessageKey));
      expect(tile.current, key).toBeCloseTo(current, 9);
      if (previous === '') expect(tile.previous, key).toBeNull();
      else expect(tile.previous as number, key).toBeCloseTo(previous, 9);
    });
    expect(overview.attention.unansweredRequests).toBe(1);
  });
});

describe('Dashboard on the demo studio', () => {
  it('has three charts and a cohort heat map; rebuilds in place; leaves user sheets alone', () => {
    const { studio, emu, app } = seeded(120);
    // A staff sheet of their own, which no refresh may touch.
    writeSheet(emu, 'Мои заметки', [
      ['idea', 42],
      ['note', 'keep'],
    ]);
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const values = emu.spreadsheet.values(DASHBOARD);

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

    app.run('refreshAnalysis', [], { kind: 'menu' });
    expect(emu.spreadsheet.charts(DASHBOARD)).toHaveLength(3);
    expect(emu.spreadsheet.conditionalFormats(DASHBOARD)).toHaveLength(1);
    // Rebuilt, not appended: the very same cells (the clock does not move between the runs).
    expect(emu.spreadsheet.values(DASHBOARD)).toEqual(values);
    expect(emu.spreadsheet.values('Мои заметки')).toEqual([
      ['idea', 42],
      ['note', 'keep'],
    ]);
    expect(emu.spreadsheet.sheetNames().filter((name) => name === DASHBOARD)).toHaveLength(1);

    for (const name of emu.spreadsheet.sheetNames()) {
      for (const row of emu.spreadsheet.values(name))
        for (const cell of row) if (typeof cell === 'number') expect(Number.isFinite(cell), name).toBe(true);
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

  it('getOverview answers from the cache after a refresh; client insights name the client', () => {
    const { emu, app } = seeded(80);
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const overview = app.callFromClient('getOverview') as OverviewView;
    expect(overview.tiles.map((tile) => tile.key).slice(0, EXPECTED_TILES.length)).toEqual(
      EXPECTED_TILES.map(([key]) => key),
    );
    expect(overview.clv?.message.length).toBeGreaterThan(10);
    expect(overview.attention.problems).toBe(1); // the broken segment
    emu.rt.resetCounts();
    expect(app.callFromClient('getOverview')).toEqual(overview);
    expect(emu.rt.total('Range.getValues')).toBe(1); // Settings only, for the staff's language; a miss reads 7+ sheets

    const insights = app.callFromClient('getClientInsights', 'C-00001') as ClientInsights;
    expect(insights.clientId).toBe('C-00001');
    expect(insights.lifecycle).not.toBe('');
    expect(insights.segments.length).toBeGreaterThan(0);
  });
});
