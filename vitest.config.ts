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
  },
});
