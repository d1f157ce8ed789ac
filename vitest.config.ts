import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share one playground server and Chromium; keep files from fighting over the two cores.
    fileParallelism: true,
    maxWorkers: 2,
    // CI reads the JSON report for its summary line.
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest.json' }]],
    // On with --coverage (the unit run of `npm run check`): only tests that import src/ directly are measured;
    // the end-to-end tests run the built bundle in a vm, which v8 does not map back to src/.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'artifacts/coverage',
    },
  },
});
