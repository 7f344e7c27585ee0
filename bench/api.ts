/**
 * API figures for `npm run bench`: the BUILT server (`docscrib serve`, SQLite in a temp dir) on one
 * side, a load generator in its own process (bench/api-load.ts) on the other, so on a 2-core
 * machine each has a core. Measures requests per second and p50/p99 latency of reading a note
 * (GET /api/notes/:id) and saving one (PUT /api/notes/:id) with N keep-alive connections, and the
 * size of the built web app (dist/web/assets, raw and gzip).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ApiClient,
  ROOT,
  addUser,
  expectStatus,
  makeUser,
  missingBuild,
  startServer,
  tempDataDir,
} from '../test/e2e/harness.js';
import type { LoadConfig, LoadResult } from './api-load.js';

export interface BundleSize {
  files: number;
  js: { raw: number; gzip: number };
  css: { raw: number; gzip: number };
}

export interface ApiBenchResult {
  database: 'sqlite';
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** The server's own figures are for a note drafted from this transcript. */
  transcript: string;
  /** 1-minute load average when the measurement started (other processes inflate latency). */
  loadAverageAtStart: number;
  readNote: LoadResult;
  saveNote: LoadResult;
}

export interface ApiBenchReport {
  /** `skipped`: nothing built to measure; `error`: the measurement failed (bench exits 1). */
  api: ApiBenchResult | { skipped: string } | { error: string };
  webBundle: BundleSize | { skipped: string };
}

const TRANSCRIPT = 'examples/cbt-thought-record.txt';

export async function runApiBench(
  opts: { connections?: number; warmupMs?: number; durationMs?: number } = {},
): Promise<ApiBenchReport> {
  const missing = missingBuild({ web: false });
  const api: ApiBenchReport['api'] =
    missing.length > 0
      ? { skipped: `${missing.join(', ')} missing: run npm run build first` }
      : await measureApi({
          connections: opts.connections ?? 8,
          warmupMs: opts.warmupMs ?? 1000,
          durationMs: opts.durationMs ?? 5000,
        }).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  return { api, webBundle: bundleSize() };
}

async function measureApi(opts: {
  connections: number;
  warmupMs: number;
  durationMs: number;
}): Promise<ApiBenchResult> {
  const { dir, cleanup } = await tempDataDir();
  const user = makeUser('clinician');
  try {
    await addUser(dir, user);
    const server = await startServer({ dataDir: dir });
    try {
      const api = new ApiClient(server.url);
      await api.login(user.email, user.password);
      const { client } = expectStatus(
        await api.request<{ client: { id: string } }>('POST', '/api/clients', {
          profile: { name: 'Benchmark Client' },
        }),
        201,
        'create client',
      );
      const text = readFileSync(join(ROOT, TRANSCRIPT), 'utf8');
      const noteIds: string[] = [];
      for (let i = 0; i < opts.connections; i++) {
        const created = expectStatus(
          await api.request<{ note: { id: string } }>(
            'POST',
            `/api/clients/${client.id}/sessions`,
            {
              details: { date: '2025-01-15', consentToRecord: true },
              transcript: { text },
            },
          ),
          201,
          'create session',
        );
        noteIds.push(created.note.id);
      }
      const { cookie, csrfToken } = api.credentials();
      if (!cookie || !csrfToken) throw new Error('signed in, but no session cookie or CSRF token');
      const base = { baseUrl: server.url, cookie, csrfToken, noteIds, ...opts };
      const loadAverageAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
      const readNote = await load({ ...base, scenario: 'read' });
      const saveNote = await load({ ...base, scenario: 'save' });
      return {
        database: 'sqlite',
        ...opts,
        transcript: TRANSCRIPT,
        loadAverageAtStart,
        readNote,
        saveNote,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

function load(config: LoadConfig): Promise<LoadResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/api-load.ts'), JSON.stringify(config)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) {
        fail(new Error(`the load generator failed (exit ${code}):\n${stderr}`));
        return;
      }
      done(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LoadResult);
    });
  });
}

function bundleSize(): BundleSize | { skipped: string } {
  const assets = join(ROOT, 'dist/web/assets');
  if (!existsSync(assets)) return { skipped: 'dist/web/assets missing: run npm run build first' };
  const size: BundleSize = { files: 0, js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 } };
  for (const name of readdirSync(assets)) {
    const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null;
    if (!kind) continue;
    const bytes = readFileSync(join(assets, name));
    size.files++;
    size[kind].raw += bytes.length;
    size[kind].gzip += gzipSync(bytes).length;
  }
  return size;
}

/** Lines in the style of bench/run.ts's table. */
export function formatApiBench(report: ApiBenchReport): string[] {
  const lines: string[] = [''];
  const { api, webBundle } = report;
  if ('skipped' in api) {
    lines.push(`API                      skipped: ${api.skipped}`);
  } else if ('error' in api) {
    lines.push(`API                      FAILED: ${api.error}`);
  } else {
    lines.push(
      `API: built server on SQLite, ${api.connections} keep-alive connections from a separate ` +
        `process, ${api.durationMs / 1000} s per scenario after ${api.warmupMs / 1000} s warm-up ` +
        `(note drafted from ${api.transcript})`,
      '',
      `${'scenario'.padEnd(24)} ${'req/s'.padStart(10)} ${'p50 ms'.padStart(10)} ${'p99 ms'.padStart(10)} ${'errors'.padStart(10)}`,
      ...(
        [
          ['read note (GET)', api.readNote],
          ['save note (PUT)', api.saveNote],
        ] as const
      ).map(
        ([label, r]) =>
          `${label.padEnd(24)} ${r.requestsPerSecond.toFixed(0).padStart(10)} ${r.latencyMs.p50.toFixed(2).padStart(10)} ` +
          `${r.latencyMs.p99.toFixed(2).padStart(10)} ${String(r.errors).padStart(10)}`,
      ),
      ...(api.loadAverageAtStart > cpus().length * 0.5
        ? [
            `warning: load average ${api.loadAverageAtStart.toFixed(1)} on ${cpus().length} cores ` +
              'when the API measurement started: figures are lower bounds for req/s',
          ]
        : []),
    );
  }
  const kb = (b: number): string => `${(b / 1024).toFixed(1)} kB`;
  lines.push(
    'skipped' in webBundle
      ? `web bundle               skipped: ${webBundle.skipped}`
      : `web bundle               js ${kb(webBundle.js.raw)} (gzip ${kb(webBundle.js.gzip)}), ` +
          `css ${kb(webBundle.css.raw)} (gzip ${kb(webBundle.css.gzip)}), ${webBundle.files} files`,
  );
  return lines;
}
