// The Problems sheet, in the workbook's language: the sheet check's lines are rebuilt on each check,
// lines from form answers and imports are added once and kept (see domain/schema/problems.ts).
import {
  linesAfterCheck,
  linesToAdd,
  PROBLEM_SOURCE_LABELS,
  problemSourceOf,
  sameLines,
  sheetSpec,
  type ProblemLine,
  type ProblemSource,
  type RowProblem,
} from '../domain/schema';
import { isDate, quoteCell } from '../domain/cells';
import { translate } from '../i18n';
import { withLock } from '../services/locks';
import { readTable } from './table';
import { appendRows } from './write';
import { findSheet, sheetTabNames } from './table';
import type { Workbook } from './workbook';

/** Replaces the sheet check's lines (the header, staff columns, form and import lines stay). */
export function writeProblems(book: Workbook, problems: readonly RowProblem[], at: Date): void {
  withLock('database', () => {
    const stored = storedLines(book);
    rewrite(book, linesAfterCheck(stored, problems.map(problemLineOf(book, 'check', at))));
  });
}

/** The same, but rewrites only when the lines differ, so a repeat run changes nothing. */
export function writeProblemsIfChanged(book: Workbook, problems: readonly RowProblem[], at: Date): boolean {
  return withLock('database', () => {
    const stored = storedLines(book);
    const lines = linesAfterCheck(stored, problems.map(problemLineOf(book, 'check', at)));
    if (sameLines(stored, lines)) return false;
    rewrite(book, lines);
    return true;
  });
}

/** Appends what a form answer or an import could not read, skipping problems already listed; answers how many were added. */
export function addProblems(
  book: Workbook,
  problems: readonly RowProblem[],
  source: Exclude<ProblemSource, 'check'>,
  at: Date,
  sheetLabel?: string,
): number {
  if (problems.length === 0) return 0;
  return withLock('database', () => {
    requireProblemsSheet(book);
    const lines = linesToAdd(storedLines(book), problems.map(problemLineOf(book, source, at, sheetLabel)));
    appendRows(
      book,
      'problems',
      lines.map((line) => rowOf(book, line)),
    );
    return lines.length;
  });
}

/** Problems as lines, each naming its sheet by the tab staff see (a chosen client list by its own name). */
function problemLineOf(
  book: Workbook,
  source: ProblemSource,
  at: Date,
  sheetLabel?: string,
): (problem: RowProblem) => ProblemLine {
  const tabName = sheetTabNames(book);
  return (problem) => ({
    at,
    sheet: sheetLabel ?? tabName(problem.sheet),
    row: problem.row > 0 ? problem.row : null,
    column: problem.column,
    value: problem.value === '' || problem.value === undefined ? '' : quoteCell(problem.value),
    message: translate(book.locale, problem.code, problem.params ?? {}),
    source,
  });
}

function storedLines(book: Workbook): ProblemLine[] {
  return readTable(book, 'problems').rows.map(({ values }) => ({
    at: isDate(values.at) ? values.at : null,
    sheet: String(values.sheet ?? ''),
    row: typeof values.row === 'number' ? values.row : null,
    column: String(values.column ?? ''),
    value: String(values.value ?? ''),
    message: String(values.message ?? ''),
    source: problemSourceOf(values.source),
  }));
}

function rowOf(book: Workbook, line: ProblemLine) {
  return {
    at: line.at,
    sheet: line.sheet,
    row: line.row,
    column: line.column,
    value: line.value,
    message: line.message,
    source: translate(book.locale, PROBLEM_SOURCE_LABELS[line.source]),
  };
}

function rewrite(book: Workbook, lines: readonly ProblemLine[]): void {
  const sheet = requireProblemsSheet(book);
  const lastRow = sheet.getLastRow();
  if (lastRow > 1) sheet.getRange(2, 1, lastRow - 1, Math.max(sheet.getLastColumn(), 1)).clearContent();
  appendRows(
    book,
    'problems',
    lines.map((line) => rowOf(book, line)),
  );
}

function requireProblemsSheet(book: Workbook): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = findSheet(book, 'problems');
  if (!sheet)
    throw new Error(`The sheet ${translate(book.locale, sheetSpec('problems').name)} is missing: run Setup first.`);
  return sheet;
}
