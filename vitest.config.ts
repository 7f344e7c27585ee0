import { configDefaults, defineConfig } from 'vitest/config';
import SummaryLineReporter from './test/reporters/summary-line.js';

const shared = { environment: 'node', testTimeout: 30_000 } as const;

export default defineConfig({
  test: {
    // 'default' for people; the summary line last, for CI.
    reporters: ['default', new SummaryLineReporter()],
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            'test/cli/**',
            'test/e2e/**',
            'test/crash/**',
            'test/scale/**',
          ],
          // A throwaway PostgreSQL cluster for the store tests (DOCSCRIB_TEST_SKIP_PG=1 skips it).
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
      {
        // The CLI tests run the built command; their global setup builds it when stale.
        test: {
          ...shared,
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          globalSetup: ['test/cli/global-setup.ts'],
        },
      },
      {
        // Chromium against the real built server (dist/), after the unit and CLI tests (so they do
        // not compete for the 2 cores), one file at a time.
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // SIGKILL the real built server during writes; alone, last.
        test: {
          ...shared,
          name: 'crash',
          include: ['test/crash/**/*.test.ts'],
          globalSetup: ['test/crash/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Several real built servers on one throwaway PostgreSQL database (F15); alone, after the
        // crash test.
        test: {
          ...shared,
          name: 'scale',
          include: ['test/scale/**/*.test.ts'],
          globalSetup: ['test/scale/global-setup.ts', 'test/support/postgres-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
