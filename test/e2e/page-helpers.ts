/**
 * Page helpers shared by the browser e2e tests: signing in through the real form, the current
 * code of an authenticator app, and the
 * controls of Chromium's accessibility tree that have no accessible name (what a screen reader
 * user would hear as an unnamed "button" or "edit text").
 */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestUser } from './harness.js';

/** Roles a user operates: each must carry an accessible name. */
export const NAMED_ROLES: ReadonlySet<string> = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'spinbutton',
  'slider',
  'switch',
  'button',
  'link',
  'menuitem',
  'tab',
]);

/** A node of Chromium's accessibility tree (the fields the tests read). */
export interface AxNode {
  ignored?: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
}

/** Chromium's accessibility tree of the page, as a screen reader gets it. */
export async function axTree(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return ((await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] }).nodes;
  } finally {
    await cdp.detach();
  }
}

/**
 * The roles of the page's controls (NAMED_ROLES) that have no accessible name; fails when the
 * page has no controls at all (the check would then prove nothing).
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const nodes = await axTree(page);
  const controls = nodes.filter((n) => !n.ignored && NAMED_ROLES.has(String(n.role?.value)));
  expect(controls.length).toBeGreaterThan(0);
  return controls
    .filter((n) => typeof n.name?.value !== 'string' || n.name.value.trim() === '')
    .map((n) => String(n.role?.value));
}

/**
 * Sign in through the form at `/`. Waits until the Clients screen shows (a clinician's or
 * supervisor's landing page), or, with `until: 'signed-in'`, only until the sign-in form is gone
 * (for users who land elsewhere, e.g. administrators).
 */
export async function signIn(
  page: Page,
  user: TestUser,
  opts: { until?: 'clients' | 'signed-in' } = {},
): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (opts.until === 'signed-in') {
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor({ state: 'detached' });
  } else {
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
  }
}

/** The current code of an authenticator app holding `base32`. */
export function totpNow(base32: string): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(base32),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate();
}
