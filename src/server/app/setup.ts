// Menu "Set up / repair database" and the Problems view: what could not be read, sheet by sheet.
import type { ProblemsView, SetupSummary } from '../../contract/sidebar-api';
import type { RowProblem, SheetKey } from '../../domain/schema';
import { translate } from '../../i18n';
import { readTable, setUpWorkbook, writeProblemsIfChanged, type Workbook } from '../../sheets';
import { ensureTimeTrigger } from '../../services/triggers';
import { problemsView } from './problems-view';
import { asStaff, tell } from './staff';

/** The sheets staff type records into: their unreadable cells are the Problems list. */
const CHECKED: readonly SheetKey[] = ['clients', 'orders', 'feedback', 'requests', 'loyalty'];

/** Creates what is missing, seeds Settings, installs the shared triggers, refreshes Problems; says what it did. */
export function setupDatabase(): SetupSummary {
  return asStaff((book, locale) => {
    const report = setUpWorkbook(book);
    installScheduledTriggers();
    const problems = checkProblems(book);
    const changed = report.sheetsCreated.length + report.columnsAdded + report.settingsAdded + report.idsAssigned > 0;
    const message = changed
      ? translate(locale, 'database.setup.done', {
          sheets: report.sheetsCreated.length,
          columns: report.columnsAdded,
          settings: report.settingsAdded,
          problems: problems.length,
        })
      : translate(locale, 'database.setup.unchanged', { problems: problems.length });
    tell(message, locale);
    return {
      sheetsCreated: report.sheetsCreated,
      columnsAdded: report.columnsAdded,
      settingsAdded: report.settingsAdded,
      problems: problems.length,
      message,
    };
  });
}

/** Reads every checked sheet once and rewrites Problems when the list changed; answers the list. */
export function refreshProblems(): ProblemsView {
  return asStaff((book, locale) => problemsView(book, locale, checkProblems(book)));
}

function checkProblems(book: Workbook): RowProblem[] {
  const problems = CHECKED.flatMap((key) => readTable(book, key).problems);
  writeProblemsIfChanged(book, problems, new Date());
  return problems;
}

/** Installs the nightly and hourly triggers (src/server/app/scheduled.ts) once. */
function installScheduledTriggers(): void {
  ensureTimeTrigger({ handler: 'runNightly', everyDaysAtHour: 3 });
  ensureTimeTrigger({ handler: 'runHourly', everyHours: 1 });
}
