// The Check installation dialog: asks the server for the report (already in the staff's language) and lists it.
import type { InstallationReport } from '../contract/installation';

type Runner = { getInstallationReport(): void };

function text(tag: string, className: string, value: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = value;
  return element;
}

function render(root: HTMLElement, report: InstallationReport): void {
  root.replaceChildren();
  root.append(text('h1', 'heading', report.title));
  const list = document.createElement('ul');
  for (const check of report.checks) {
    const item = document.createElement('li');
    item.className = 'check';
    item.dataset.status = check.status;
    item.dataset.check = check.id;
    item.append(text('div', 'title', check.title), text('div', 'detail', check.detail));
    if (check.fix) item.append(text('div', 'fix', check.fix));
    list.append(item);
  }
  root.append(list);
  root.setAttribute('aria-busy', 'false');
}

const root = document.getElementById('report');
if (root) {
  const runner = google.script.run
    .withSuccessHandler((report: unknown) => render(root, report as InstallationReport))
    .withFailureHandler((error: Error) => {
      root.replaceChildren(text('p', 'error', error.message));
      root.setAttribute('aria-busy', 'false');
    }) as unknown as Runner;
  runner.getInstallationReport();
}
