import { missingBuild } from '../e2e/harness.js';

/**
 * The scale tests run several BUILT servers (dist/cli) on one PostgreSQL database (the cluster
 * comes from test/support/postgres-global-setup.ts); `npm test` builds before vitest runs.
 */
export default function setup(): void {
  const missing = missingBuild({ web: false });
  if (missing.length > 0) {
    throw new Error(
      `The multi-process PostgreSQL test needs the built server, and ${missing.join(' and ')} is ` +
        'missing. Run `npm run build` first (`npm test` does it before the tests).',
    );
  }
}
