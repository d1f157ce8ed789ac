// Import into Clients or Orders (rows pasted from a sheet, or a CSV file) and the Problems view: what
// the server found, as sentences, each unreadable cell with its row, column and value.
import type { ImportSummary, ProblemView, ProblemsView } from '../../contract/sidebar-api';
import { busy, el, field, option, statusLine } from '../dom';
import { call } from '../server';
import { formatNumber, t } from '../text';

function problemList(view: ProblemsView, withSheet: boolean): HTMLElement {
  const line = (problem: ProblemView): string =>
    t(withSheet ? 'ui.desk.problemSheetLine' : 'ui.desk.problemLine', {
      sheet: problem.sheet,
      row: problem.row,
      column: problem.column,
      value: problem.value,
      message: problem.message,
    });
  return el(
    'ul',
    { className: 'plain problems' },
    ...view.problems.map((problem) => el('li', { text: line(problem), attrs: { 'data-row': problem.row } })),
  );
}

function summaryBlock(summary: ImportSummary): HTMLElement {
  return el(
    'div',
    { className: 'import-summary', attrs: { role: 'status' } },
    el('p', {
      text: t('ui.desk.imported', {
        added: formatNumber(summary.added),
        updated: formatNumber(summary.updated),
        unchanged: formatNumber(summary.unchanged),
        skipped: formatNumber(summary.skipped),
      }),
    }),
    summary.count > 0 ? el('p', { text: t('ui.desk.problemsCount', { count: formatNumber(summary.count) }) }) : null,
    problemList(summary, false),
  );
}

export function importPanel(): HTMLElement {
  const kind = el('select', { attrs: { 'data-part': 'kind' } });
  kind.append(option('clients', t('ui.desk.importClients')), option('orders', t('ui.desk.importOrders')));
  const pasted = el('textarea', { attrs: { rows: 5, 'data-part': 'pasted' } });
  const importPasted = el('button', { className: 'action', text: t('ui.desk.importPasted') });
  const file = el('input', { attrs: { type: 'file', accept: '.csv,text/csv', 'data-part': 'file' } });
  const importFile = el('button', { text: t('ui.desk.importFile') });
  const status = statusLine();
  const result = el('div');
  const show = (summary: ImportSummary | undefined): void => {
    if (summary) result.replaceChildren(summaryBlock(summary));
  };
  importPasted.addEventListener('click', () => {
    const importKind = kind.value as 'clients' | 'orders';
    void busy(importPasted, status, () => call('importPasted', importKind, pasted.value)).then(show);
  });
  importFile.addEventListener('click', () => {
    const chosen = file.files?.[0];
    if (!chosen) {
      status.show('error', t('ui.desk.noFile'));
      return;
    }
    const importKind = kind.value as 'clients' | 'orders';
    void busy(importFile, status, async () => call('importCsv', importKind, await chosen.text())).then(show);
  });
  return el(
    'div',
    { className: 'card import-panel' },
    el('h3', { text: t('ui.desk.import') }),
    field(t('ui.desk.importKind'), kind),
    field(t('ui.desk.paste'), pasted),
    importPasted,
    field(t('ui.desk.file'), file),
    el('div', { className: 'inline' }, importFile, status),
    result,
  );
}

/** The Problems sheet checked again on demand. */
export function problemsPanel(): HTMLElement {
  const refresh = el('button', { className: 'action', text: t('ui.desk.refreshProblems') });
  const status = statusLine();
  const result = el('div', { className: 'problems-result' });
  refresh.addEventListener('click', () => {
    void busy(refresh, status, () => call('refreshProblems')).then((view) => {
      if (!view) return;
      result.replaceChildren(
        el('p', {
          text:
            view.count === 0
              ? t('ui.desk.noProblems')
              : t('ui.desk.problemsCount', { count: formatNumber(view.count) }),
        }),
        problemList(view, true),
      );
    });
  });
  return el(
    'div',
    { className: 'card problems-panel' },
    el('h3', { text: t('ui.desk.problems') }),
    el('div', { className: 'inline' }, refresh, status),
    result,
  );
}
