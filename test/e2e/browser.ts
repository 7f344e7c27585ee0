/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and a screenshot in
 * test/e2e/artifacts/ (gitignored) when a step fails.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './harness.js';

export const CHROMIUM = process.env.DOCSCRIB_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');

export function launchBrowser(): Promise<Browser> {
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
