// The Problems list as the sidebar shows it: the first rows, each message in the staff member's language.
import type { ProblemView, ProblemsView } from '../../contract/sidebar-api';
import { quoteCell } from '../../domain/cells';
import type { RowProblem } from '../../domain/schema';
import type { Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { sheetTabNames, type Workbook } from '../../sheets';

const SHOWN = 200;

export function problemsView(
  book: Workbook,
  locale: Locale,
  problems: readonly RowProblem[],
  sheetLabel?: string,
): ProblemsView {
  const tabName = sheetTabNames(book);
  return {
    count: problems.length,
    problems: problems
      .slice(0, SHOWN)
      .map((problem) => problemView(locale, problem, sheetLabel ?? tabName(problem.sheet))),
  };
}

function problemView(locale: Locale, problem: RowProblem, sheet: string): ProblemView {
  return {
    sheet,
    row: problem.row,
    column: problem.column,
    value: problem.value === undefined || problem.value === '' ? '' : quoteCell(problem.value),
    message: translate(locale, problem.code, problem.params ?? {}),
  };
}
