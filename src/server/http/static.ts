import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import type { HttpEnv } from './session.js';

/**
 * The built web app (dist/web, from the WEB helper's Vite build) for every path outside /api:
 * files as they are, with their content type; any other path without a file extension gets
 * index.html (the app routes in the browser). Hashed files under /assets are cached for a year;
 * everything else is revalidated. Without a build, a plain page says how to make one.
 *
 * `/respond` is the client's questionnaire page (respond.html, a separate small bundle): its
 * address carries a one-time token in the fragment, so it is never stored (`no-store`), never
 * indexed, and sends no Referer (the fragment never leaves the browser anyway).
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const NO_STORE = 'no-store';

/** Paths of the client's questionnaire page. */
const RESPOND_PATHS = new Set(['/respond', '/respond/', '/respond.html']);

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DocScrib</title></head>
<body><h1>DocScrib</h1>
<p>The web app has not been built yet. Run <code>npm run build</code>, then restart <code>docscrib serve</code>.</p>
<p>The API is available under <a href="/api/health">/api/health</a>.</p>
</body></html>
`;

export function staticFiles(root: string): (c: Context<HttpEnv>) => Promise<Response> {
  const base = resolve(root);
  return async (c) => {
    c.set('routePattern', '(static)');
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      return c.text('Method not allowed', 405, { Allow: 'GET, HEAD' });
    }
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Not found', 404);
    }
    if (path.includes('\0')) return c.text('Not found', 404);
    if (RESPOND_PATHS.has(path)) return respondPage(c, base);
    const file = resolve(join(base, path));
    const inside = file === base || file.startsWith(base + sep);
    if (inside && file !== base) {
      const found = await readIfFile(file);
      if (found) {
        const cache = path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
        return send(c, found, contentType(file), cache);
      }
    }
    // A missing file with an extension is a 404; an app path gets the app.
    if (extname(path) !== '' && extname(path) !== '.html') return c.text('Not found', 404);
    const index = await readIfFile(join(base, 'index.html'));
    if (!index) return c.html(NOT_BUILT, path === '/' ? 200 : 404);
    return send(c, index, TYPES['.html'] ?? 'text/html', REVALIDATE);
  };
}

/** The questionnaire page: never cached, no referrer, not indexed; 404 when not built. */
async function respondPage(c: Context<HttpEnv>, base: string): Promise<Response> {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex, nofollow');
  const page = await readIfFile(join(base, 'respond.html'));
  if (!page) {
    c.header('Cache-Control', NO_STORE);
    return c.html(NOT_BUILT, 404);
  }
  return send(c, page, TYPES['.html'] ?? 'text/html', NO_STORE);
}

function send(c: Context<HttpEnv>, data: Buffer, type: string, cache: string): Response {
  c.header('Content-Type', type);
  c.header('Cache-Control', cache);
  c.header('Content-Length', String(data.length));
  return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(new Uint8Array(data), 200);
}

function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  }
}
