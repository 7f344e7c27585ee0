import { missingBuild } from './harness.js';

/**
 * The browser tests drive the BUILT app: the server from dist/cli and the web app from dist/web.
 * `npm test` builds before vitest runs; this only checks, so a stale or missing build is named.
 */
export default function setup(): void {
  const missing = missingBuild({ web: true });
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests need the built app, and ${missing.join(' and ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing. Run \`npm run build\` first ` +
        '(`npm test` does it before the tests).',
    );
  }
}
