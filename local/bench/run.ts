// `npm run bench`: every feature's benchmark cases (local/bench/<feature>.ts exporting `cases`), one table.
// `npm run bench -- <pattern>` runs only the operations whose name matches.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatHeader, measure, type BenchCase } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ? new RegExp(process.argv[2], 'i') : undefined;

const cases: BenchCase[] = [];
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith('.ts') || file === 'run.ts' || file === 'harness.ts') continue;
  const module = (await import(pathToFileURL(join(here, file)).href)) as { cases?: BenchCase[] };
  cases.push(...(module.cases ?? []));
}

console.log(`Studio CRM benchmark — CPU time of the measured step (not wall time) and emulated Apps Script calls.\n`);
console.log(formatHeader());
console.log('-'.repeat(120));
measure(cases, filter);
