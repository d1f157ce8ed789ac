// `npm run bench`: every feature's benchmark cases (local/bench/<feature>.ts exporting `cases`), one table.
// `npm run bench -- <pattern>` runs only the operations whose name matches.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COST_MODEL_PATH } from './cost-model';
import type { Report } from './projection';
import { formatHeader, measure, type BenchCase } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ? new RegExp(process.argv[2], 'i') : undefined;

const cases: BenchCase[] = [];
const reports: Report[] = [];
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith('.ts') || file === 'run.ts' || file === 'harness.ts' || file === 'cost-model.ts') continue;
  const module = (await import(pathToFileURL(join(here, file)).href)) as { cases?: BenchCase[]; reports?: Report[] };
  cases.push(...(module.cases ?? []));
  reports.push(...(module.reports ?? []));
}

console.log(
  `Studio CRM benchmark — per measured step: CPU time in Node (add-on and emulator), executions, emulated Apps Script calls, ` +
    `cells read and written, and estimated Google seconds by ${COST_MODEL_PATH.replace(/.*\/shared\//, '../shared/')}.\n`,
);
console.log(formatHeader());
console.log('-'.repeat(200));
// "Big:" rows take minutes each; they run only when the filter names them (`npm run bench -- big`).
measure(filter ? cases : cases.filter((benchCase) => !benchCase.operation.startsWith('Big:')), filter);

for (const report of reports) {
  if (filter && !filter.test(report.name)) continue;
  console.log('');
  report.run((line) => console.log(line));
}
