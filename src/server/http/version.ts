import { createRequire } from 'node:module';

/** The package version (package.json is three levels up from src/server/http and dist/server/http). */
export function packageVersion(): string {
  try {
    const pkg: unknown = createRequire(import.meta.url)('../../../package.json');
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg) return String(pkg.version);
  } catch {
    // fall through
  }
  return 'unknown';
}
