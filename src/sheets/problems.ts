// The Problems sheet: rebuilt on each run with what could not be read, in the workbook's language.
import { sheetSpec, type RowProblem } from '../domain/schema';
import { translate } from '../i18n';
import { withDocumentLock } from './lock';
import { appendRows } from './write';
import { findSheet, type Workbook } from './workbook';
import { readTable } from './table';
import { quoteCell } from '../domain/cells';

/** Replaces the Problems rows (the header and staff columns stay); `at` stamps every row. */
export function writeProblems(book: Workbook, problems: readonly RowProblem[], at: Date): void {
  withDocumentLock(() => {
    const sheet = findSheet(book, 'problems');
    if (!sheet) throw new Error(`The sheet ${sheetSpec('problems').name[book.locale]} is missing: run Setup first.`);
    const lastRow = sheet.getLastRow();
    if (lastRow > 1) sheet.getRange(2, 1, lastRow - 1, Math.max(sheet.getLastColumn(), 1)).clearContent();
    appendRows(
      book,
      'problems',
      problems.map((problem) => ({
        at,
        sheet: sheetSpec(problem.sheet).name[book.locale],
        row: problem.row > 0 ? problem.row : null,
        column: problem.column,
        value: problem.value === '' || problem.value === undefined ? '' : quoteCell(problem.value),
        message: translate(book.locale, problem.code, problem.params ?? {}),
      })),
    );
  });
}

/** Rewrites Problems only when the list differs from what is there, so a repeat run changes nothing. */
export function writeProblemsIfChanged(book: Workbook, problems: readonly RowProblem[], at: Date): boolean {
  const stored = readTable(book, 'problems').rows.map((row) => [row.values.sheet, row.values.row ?? '', row.values.column, row.values.value, row.values.message].map((cell) => String(cell ?? '')).join('\u0001'));
  const fresh = problems.map((problem) =>
    [sheetSpec(problem.sheet).name[book.locale], problem.row > 0 ? problem.row : '', problem.column, problem.value === '' || problem.value === undefined ? '' : quoteCell(problem.value), translate(book.locale, problem.code, problem.params ?? {})]
      .map((cell) => String(cell ?? '')).join('\u0001'));
  if (stored.length === fresh.length && stored.every((line, index) => line === fresh[index])) return false;
  writeProblems(book, problems, at);
  return true;
}
