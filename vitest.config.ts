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
          exclude: [...configDefaults.exclude, 'test/cli/**'],
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
    ],
  },
});
