import { missingBuild } from '../e2e/harness.js';

/** The crash test runs the BUILT server (dist/cli); `npm test` builds before vitest runs. */
export default function setup(): void {
  const missing = missingBuild({ web: false });
  if (missing.length > 0) {
    throw new Error(
      `The crash-safety test needs the built server, and ${missing.join(' and ')} is missing. ` +
        'Run `npm run build` first (`npm test` does it before the tests).',
    );
  }
}
