import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The CLI tests run the BUILT command (`node bin/docscrib.js`). Build once, before them, when
 * dist/ is missing or older than any source file. A lock directory keeps parallel test runs from
 * building at the same time.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist/cli/main.js');
const LOCK = join(ROOT, 'out/.cli-build.lock');

export default async function setup(): Promise<void> {
  if (!isStale()) return;
  await withLock(() => {
    if (!isStale()) return;
    const started = Date.now();
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (result.status === 0) return;
    // tsc still emits when another module has type errors; the CLI tests can run on that output.
    const emitted = existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= started - 1000;
    if (!emitted) {
      throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
    }
    console.warn('[cli tests] npm run build reported type errors; testing the emitted JavaScript.');
  });
}

function isStale(): boolean {
  if (!existsSync(ENTRY)) return true;
  return newestSource(join(ROOT, 'src')) > statSync(ENTRY).mtimeMs;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

async function withLock(fn: () => void): Promise<void> {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else is building; take over a lock left by a crashed run after two minutes.
      const lockedAt = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (waited > 120_000 || Date.now() - lockedAt > 120_000) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      await sleep(200);
    }
  }
  try {
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
