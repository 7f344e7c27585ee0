import type { TestProject } from 'vitest/node';
import { SKIP_PG_ENV, startPostgresCluster } from './postgres.js';

/**
 * Starts one throwaway PostgreSQL cluster for the unit project (about a second) and stops it at
 * the end. Test files reach it through `usePostgres()` (test/support/postgres.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env[SKIP_PG_ENV] === '1') {
    project.provide('postgresUrl', null);
    return () => undefined;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => {
    cluster.stop();
  };
}
