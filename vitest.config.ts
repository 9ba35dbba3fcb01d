import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Ink tests and SQLite writers are CPU-bound; two cores here.
    pool: 'forks',
    maxWorkers: 2,
    // The JSON report feeds .ci/run's "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
  },
});
