// The test suite in two parts that together run every test file once:
//   node scripts/test-suite.mjs unit      the unit tests `npm run check` runs (no build needed), with coverage
//   node scripts/test-suite.mjs coverage  the same tests with coverage per file (text and artifacts/coverage/index.html)
//   node scripts/test-suite.mjs        `npm test`: build, `npm run check`, then every other test, then one report
// Each part writes a vitest blob; merging them gives artifacts/vitest.json (the report CI's summary line counts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';

/** Test folders that need neither a build nor a browser. */
const UNIT_TEST_DIRS = ['test/domain', 'test/ui'];
const BLOB_DIR = 'artifacts/vitest-blobs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

function vitestPart(name, args) {
  return run('npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=blob',
    `--outputFile.blob=${BLOB_DIR}/${name}.json`,
  ]);
}

function unitTests() {
  return vitestPart('unit', [...UNIT_TEST_DIRS, '--coverage']);
}

function otherTests() {
  return vitestPart(
    'rest',
    UNIT_TEST_DIRS.flatMap((dir) => ['--exclude', `${dir}/**`]),
  );
}

/** Replays every part's blob through the config's reporters: one summary and artifacts/vitest.json. */
function mergeReports() {
  if (!existsSync(BLOB_DIR) || readdirSync(BLOB_DIR).length === 0) return 1;
  return run('npx', ['vitest', 'run', `--merge-reports=${BLOB_DIR}`]);
}

function fullSuite() {
  // A blob left by an earlier run would be counted as if it ran now.
  rmSync(BLOB_DIR, { recursive: true, force: true });
  rmSync('artifacts/vitest.json', { force: true });
  const steps = [
    () => run('npm', ['run', 'build']),
    () => run('npm', ['run', 'check']),
    () => run('node', ['scripts/ensure-chromium.mjs']),
    otherTests,
  ];
  let status = 0;
  for (const step of steps) {
    status = step();
    if (status !== 0) break;
  }
  // Merge whatever ran, so a failed run still reports the tests it counted.
  const mergeStatus = existsSync(BLOB_DIR) ? mergeReports() : 0;
  return status || mergeStatus;
}

const part = process.argv[2];
if (part === 'unit') process.exitCode = unitTests();
else if (part === 'coverage')
  process.exitCode = run('npx', [
    'vitest',
    'run',
    ...UNIT_TEST_DIRS,
    '--coverage',
    '--coverage.reporter=text',
    '--coverage.reporter=html',
  ]);
else if (part === undefined) process.exitCode = fullSuite();
else {
  console.error(`Unknown part "${part}": use "unit", "coverage", or nothing for the whole suite.`);
  process.exitCode = 2;
}
