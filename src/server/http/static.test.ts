/**
 * The client's questionnaire page (`/respond`) as the static server gives it: its own page
 * (respond.html, not the app's index.html), never stored, no referrer, not indexed, under the same
 * Content-Security-Policy as the app.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { createApp } from './app.js';
import { CONTENT_SECURITY_POLICY } from './middleware/headers.js';
import { storelessDeps } from './test-helpers.js';

const tempDir = useTempDir('docscrib-static-');

async function webBuild(withRespond = true): Promise<string> {
  const root = join(tempDir(), `web-${Math.random().toString(36).slice(2)}`);
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title><div id="root">');
  if (withRespond) {
    await writeFile(
      join(root, 'respond.html'),
      '<!doctype html><title>Questionnaire</title><div id="root" data-page="respond">',
    );
  }
  return root;
}

describe('the questionnaire page /respond', () => {
  it('is respond.html with no-store, no-referrer, noindex and the app CSP', async () => {
    const app = createApp(storelessDeps({ webRoot: await webBuild() }));
    for (const path of ['/respond', '/respond/', '/respond.html']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('data-page="respond"');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    const head = await app.request('/respond', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('leaves the app paths to index.html (revalidated, not no-store)', async () => {
    const app = createApp(storelessDeps({ webRoot: await webBuild() }));
    const res = await app.request('/responder');
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('is a 404 saying how to build when respond.html is missing, never the app', async () => {
    const app = createApp(storelessDeps({ webRoot: await webBuild(false) }));
    const res = await app.request('/respond');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toContain('npm run build');
    expect(text).not.toContain('<title>app</title>');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
