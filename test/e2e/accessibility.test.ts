/**
 * Accessibility smoke checks in Chromium on the built app: every form control and button on the
 * main screens has an accessible name (Chromium's own accessibility tree, as a screen reader gets
 * it), the document has a language and one h1, and signing in works with the keyboard alone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotOnFailure, useAppWithBrowser } from './browser.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, ROOT, expectStatus, makeUser, type TestUser } from './harness.js';

/** Roles that must carry a name: what a user operates. */
const NAMED_ROLES = new Set([
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

interface AxNode {
  ignored?: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
}

/** Controls in Chromium's accessibility tree that have no accessible name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const controls = nodes.filter((n) => !n.ignored && NAMED_ROLES.has(String(n.role?.value)));
    expect(controls.length).toBeGreaterThan(0);
    return controls
      .filter((n) => typeof n.name?.value !== 'string' || n.name.value.trim() === '')
      .map((n) => String(n.role?.value));
  } finally {
    await cdp.detach();
  }
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await unnamedControls(page), `${screen}: controls without a name`).toEqual([]);
  expect(await page.locator('h1').count(), `${screen}: one h1`).toBe(1);
}

describe('accessibility smoke (Chromium, built app)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({ users: [clinician] });

  it('signs in with the keyboard alone: Tab to each field and the button, Enter', async () => {
    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'keyboard-sign-in', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      let pressed = false;
      for (let tabs = 0; tabs < 25 && !pressed; tabs++) {
        await page.keyboard.press('Tab');
        const focusedOn = async (selector: string): Promise<boolean> =>
          (await page.locator(`${selector}:focus`).count()) > 0;
        if (await focusedOn('input[type=email]')) {
          await page.keyboard.type(clinician.email);
        } else if (await focusedOn('input[type=password]')) {
          await page.keyboard.type(clinician.password);
        } else if (
          (await page
            .getByRole('button', { name: 'Sign in' })
            .and(page.locator(':focus'))
            .count()) > 0
        ) {
          await page.keyboard.press('Enter');
          pressed = true;
        }
      }
      expect(pressed, 'the Sign in button is reachable with Tab').toBe(true);
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    });
    await page.close();
  });

  it('names every control on the sign-in, clients, client, new-session and note screens', async () => {
    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'accessible-names', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      await expectAccessible(page, 'sign in');

      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await expectAccessible(page, 'clients');

      await page.getByRole('button', { name: 'New client' }).click();
      await page.getByRole('heading', { name: 'New client', level: 1 }).waitFor();
      await expectAccessible(page, 'new client');

      await page.getByLabel('Name', { exact: true }).fill('Ada Example');
      await page.getByRole('button', { name: 'Save client' }).click();
      await page.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
      await expectAccessible(page, 'client page');

      await page.getByRole('button', { name: 'New session' }).click();
      await page.getByLabel('Paste the transcript').waitFor();
      await expectAccessible(page, 'new session');

      // The note editor, for a draft made through the API.
      const api = new ApiClient(app.server.url);
      await api.login(clinician.email, clinician.password);
      const { client } = expectStatus(
        await api.request<{ client: { id: string } }>('POST', '/api/clients', {
          profile: { name: 'Bo Example' },
        }),
        201,
        'create client',
      );
      const { note } = expectStatus(
        await api.request<{ note: { id: string } }>('POST', `/api/clients/${client.id}/sessions`, {
          details: { date: '2025-02-03', consentToRecord: true },
          transcript: { text: readFileSync(join(ROOT, 'examples/cbt-thought-record.txt'), 'utf8') },
        }),
        201,
        'create session',
      );
      await page.goto(`/#/notes/${note.id}`);
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      await page.locator('.transcript li').first().waitFor();
      await expectAccessible(page, 'note editor');
    });
    await page.close();
  });
});
