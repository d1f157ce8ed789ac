// The Dashboard sheet: rebuilt whole on each refresh (values, formats, heat map, charts), never appended to.
// It owns the sheet's layout; the content (labels already in the staff's language, numbers) comes from the caller.
import { withLock } from '../services/locks';
import type { Workbook } from './workbook';
import { trimGrid } from './write';

export type DashboardCell = string | number | null;

export interface DashboardTile {
  label: string;
  current: number | null;
  previous: number | null;
  numberFormat: string;
}

export interface DashboardTable {
  title: string;
  headers: string[];
  rows: DashboardCell[][];
  /** One number format per column. */
  numberFormats: string[];
}

export type DashboardGoalState = 'green' | 'amber' | 'red' | null;

/** One KPI against the studio's target: the measured value and the target in one number format, words beside. */
export interface DashboardGoal {
  label: string;
  measured: number | null;
  target: number;
  numberFormat: string;
  state: DashboardGoalState;
  stateText: string;
  trendText: string;
}

export interface DashboardContent {
  /** The tab's name in the workbook's language. */
  sheetName: string;
  title: string;
  subtitle: string;
  /** One line about the lifetime-value model (fitted, or the fallback's reason). */
  status: string;
  tileHeaders: [string, string, string];
  tiles: DashboardTile[];
  /** Month, new clients' revenue, returning clients' revenue. */
  revenue: DashboardTable;
  /** Segment, clients. */
  segments: DashboardTable;
  /** Month, NPS. */
  nps: DashboardTable;
  /** First-order month, size, retention at +0, +1, … months (fractions). */
  cohorts: DashboardTable;
  /** Each KPI against its target, coloured green, amber or red. */
  goals: { title: string; headers: string[]; rows: DashboardGoal[] };
  /** One row per segment: clients, what, who, why, when, where. */
  fiveW: DashboardTable;
}

/** Where each block landed, in A1 notation: what the charts and the heat map read. */
export interface DashboardLayout {
  tiles: string;
  revenue: string;
  segments: string;
  nps: string;
  cohorts: string;
  heatMap: string | null;
  goals: string;
  fiveW: string;
}

const TILE_ROW = 5; // block titles on row 4, headers on row 5, data below
const REVENUE_COLUMN = 5;
const SEGMENTS_COLUMN = 9;
const NPS_COLUMN = 12;
const CHART_COLUMN = 15;
/** The grid under the three charts (rows 1, 21 and 41, each about 20 rows by 6 columns). */
const CHART_ROWS = 60;
const CHART_COLUMNS = 6;
const TEXT = '@';
/** Sheets' own light green, yellow and red fills: what staff know from conditional formatting. */
const GOAL_FILLS: Record<'green' | 'amber' | 'red', string> = { green: '#d9ead3', amber: '#fff2cc', red: '#f4cccc' };
const WHITE = '#ffffff';

interface Block {
  row: number;
  column: number;
  table: DashboardTable;
}

function a1(row: number, column: number, rows: number, columns: number): string {
  const letters = (index: number): string => {
    let name = '';
    for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  };
  const start = `${letters(column)}${row}`;
  return rows === 1 && columns === 1 ? start : `${start}:${letters(column + columns - 1)}${row + rows - 1}`;
}

/** A number that is not finite must never reach a cell: it is a bug upstream, so stop loudly. */
function checked(value: DashboardCell, where: string): string | number {
  if (value === null) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`dashboard: non-finite number at ${where}`);
  return value;
}

export function writeDashboard(book: Workbook, content: DashboardContent): DashboardLayout {
  const tileTable: DashboardTable = {
    title: '',
    headers: content.tileHeaders,
    rows: content.tiles.map((tile) => [tile.label, tile.current, tile.previous]),
    numberFormats: [TEXT, '0.00', '0.00'],
  };
  const dataRows = Math.max(
    content.tiles.length,
    content.revenue.rows.length,
    content.segments.rows.length,
    content.nps.rows.length,
    1,
  );
  const goalTable: DashboardTable = {
    title: content.goals.title,
    headers: content.goals.headers,
    rows: content.goals.rows.map((goal) => [goal.label, goal.measured, goal.target, goal.stateText, goal.trendText]),
    numberFormats: [TEXT, '0.00', '0.00', TEXT, TEXT],
  };
  // Below the tiles: the goals, the segments' 5W, then the cohorts (a title row and a blank row between blocks).
  const goalRow = TILE_ROW + dataRows + 3;
  const fiveWRow = goalRow + goalTable.rows.length + 3;
  const cohortRow = fiveWRow + content.fiveW.rows.length + 3;
  const blocks: Block[] = [
    { row: TILE_ROW, column: 1, table: tileTable },
    { row: TILE_ROW, column: REVENUE_COLUMN, table: content.revenue },
    { row: TILE_ROW, column: SEGMENTS_COLUMN, table: content.segments },
    { row: TILE_ROW, column: NPS_COLUMN, table: content.nps },
    { row: cohortRow, column: 1, table: content.cohorts },
    { row: goalRow, column: 1, table: goalTable },
    { row: fiveWRow, column: 1, table: content.fiveW },
  ];
  const height = cohortRow + content.cohorts.rows.length;
  const width = Math.max(NPS_COLUMN + 1, content.cohorts.headers.length, content.fiveW.headers.length);

  const values: (string | number)[][] = Array.from({ length: height }, () =>
    new Array<string | number>(width).fill(''),
  );
  const formats: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(TEXT));
  const weights: ('bold' | 'normal')[][] = Array.from({ length: height }, () =>
    new Array<'bold' | 'normal'>(width).fill('normal'),
  );
  const fills: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(WHITE));
  const put = (row: number, column: number, value: DashboardCell, format: string, bold = false) => {
    values[row - 1]![column - 1] = checked(value, a1(row, column, 1, 1));
    formats[row - 1]![column - 1] = format;
    if (bold) weights[row - 1]![column - 1] = 'bold';
  };
  put(1, 1, content.title, TEXT, true);
  put(2, 1, content.subtitle, TEXT);
  put(3, 1, content.status, TEXT);
  for (const block of blocks) {
    if (block.table.title) put(block.row - 1, block.column, block.table.title, TEXT, true);
    block.table.headers.forEach((header, offset) => put(block.row, block.column + offset, header, TEXT, true));
    block.table.rows.forEach((cells, rowOffset) =>
      cells.forEach((cell, offset) =>
        put(block.row + 1 + rowOffset, block.column + offset, cell, block.table.numberFormats[offset] ?? TEXT),
      ),
    );
  }
  content.tiles.forEach((tile, offset) => {
    formats[TILE_ROW + offset]![1] = tile.numberFormat;
    formats[TILE_ROW + offset]![2] = tile.numberFormat;
  });
  content.goals.rows.forEach((goal, offset) => {
    const row = goalRow + offset; // 0-based index of the goal's row: the header is at goalRow - 1
    formats[row]![1] = goal.numberFormat;
    formats[row]![2] = goal.numberFormat;
    if (goal.state)
      for (let column = 0; column < goalTable.headers.length; column++) fills[row]![column] = GOAL_FILLS[goal.state];
  });

  const range = (block: Block, columns = block.table.headers.length) =>
    a1(block.row, block.column, block.table.rows.length + 1, columns);
  const [tiles, revenue, segments, nps, cohorts, goals, fiveW] = blocks as [
    Block,
    Block,
    Block,
    Block,
    Block,
    Block,
    Block,
  ];
  const cohortWidth = cohorts.table.headers.length;
  const layout: DashboardLayout = {
    tiles: range(tiles),
    revenue: range(revenue),
    segments: range(segments),
    nps: range(nps),
    cohorts: range(cohorts),
    heatMap:
      cohorts.table.rows.length > 0 && cohortWidth > 2
        ? a1(cohorts.row + 1, 3, cohorts.table.rows.length, cohortWidth - 2)
        : null,
    goals: range(goals),
    fiveW: range(fiveW),
  };

  withLock('database', () => {
    const sheet = dashboardSheet(book, content);
    for (const chart of sheet.getCharts()) sheet.removeChart(chart); // rebuilt, so charts never pile up
    sheet.clear();
    if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
    if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    const grid = sheet.getRange(1, 1, height, width);
    grid.setNumberFormats(formats); // before the values, so month labels stay text
    grid.setValues(values);
    grid.setFontWeights(weights);
    grid.setBackgrounds(fills);
    sheet.setFrozenRows(3);
    sheet.setColumnWidth(1, 240);
    // Rebuilt whole, so no margin: the rest of the grid goes (Google counts every cell), not the cells under the charts.
    trimGrid(sheet, Math.max(height, CHART_ROWS), Math.max(width, CHART_COLUMN + CHART_COLUMNS - 1), 0);

    const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
    if (layout.heatMap) {
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .setGradientMinpoint('#ffffff')
          .setGradientMaxpoint('#57bb8a')
          .setRanges([sheet.getRange(layout.heatMap)])
          .build(),
      );
    }
    sheet.setConditionalFormatRules(rules);

    const chart = (
      type: GoogleAppsScript.Charts.ChartType,
      block: Block,
      title: string,
      row: number,
      stacked = false,
    ) => {
      if (block.table.rows.length === 0) return;
      let builder = sheet
        .newChart()
        .setChartType(type)
        .addRange(sheet.getRange(range(block)))
        .setNumHeaders(1)
        .setOption('title', title);
      if (stacked) builder = builder.setOption('isStacked', true);
      sheet.insertChart(builder.setPosition(row, CHART_COLUMN, 0, 0).build());
    };
    chart(Charts.ChartType.COLUMN, revenue, content.revenue.title, 1, true);
    chart(Charts.ChartType.BAR, segments, content.segments.title, 21);
    chart(Charts.ChartType.LINE, nps, content.nps.title, 41);
  });
  return layout;
}

/** The Dashboard tab by its exact name, created at the end when missing; no other tab is ever looked at. */
function dashboardSheet(book: Workbook, content: DashboardContent): GoogleAppsScript.Spreadsheet.Sheet {
  const spreadsheet = book.spreadsheet;
  return (
    spreadsheet.getSheetByName(content.sheetName) ??
    spreadsheet.insertSheet(content.sheetName, spreadsheet.getSheets().length)
  );
}
