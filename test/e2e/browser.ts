/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), a screenshot in
 * test/e2e/artifacts/ (gitignored) when a step fails, and the fixture every browser test starts
 * from: the real server on a fresh data dir, with Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  ROOT,
  addUser,
  startServer,
  tempDataDir,
  type RunningServer,
  type TestUser,
} from './harness.js';

export const CHROMIUM = process.env.DOCSCRIB_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');

/** `extraArgs`: more Chromium switches, e.g. the fake microphone of the recording test. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/**
 * Runs `fn`; when it throws, saves a full-page screenshot as `artifacts/<name>.png` (and says
 * where in the error) before rethrowing.
 */
export async function screenshotOnFailure<T>(
  page: Page,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const path = join(ARTIFACTS, `${name}.png`);
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path, fullPage: true, timeout: 10_000 });
      if (e instanceof Error) e.message += `\n(screenshot: ${path.slice(ROOT.length + 1)})`;
    } catch {
      // the page is gone: nothing to show
    }
    throw e;
  }
}

/** Whatever the browser logged as an error or an uncaught exception, for failure messages. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** The server and the browser of `useAppWithBrowser`; reading them before `beforeAll` throws. */
export interface AppWithBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * For the test file: a fresh temporary data dir holding `users` (created with the real
 * `docscrib user add`; none for a first run), the real server on it, and Chromium. Started in
 * `beforeAll`, and stopped and removed in `afterAll`.
 */
export function useAppWithBrowser(
  opts: {
    users?: readonly TestUser[];
    /** More Chromium switches (read when the browser starts, in `beforeAll`). */
    browserArgs?: () => readonly string[];
  } = {},
): AppWithBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const data = await tempDataDir();
    cleanup = data.cleanup;
    for (const user of opts.users ?? []) await addUser(data.dir, user);
    server = await startServer({ dataDir: data.dir });
    browser = await launchBrowser(opts.browserArgs?.() ?? []);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await cleanup?.();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started (read it in a test)`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
