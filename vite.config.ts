import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app (web/): built into dist/web, which `docscrib serve` serves beside the API.
 * `npm run dev:web` runs a dev server that proxies /api to a local `docscrib serve` on port 3000
 * (or to DOCSCRIB_DEV_API, e.g. http://127.0.0.1:3999).
 * Two pages: the clinician app (index.html) and the client's questionnaire (respond.html, served
 * at /respond), a bundle of its own that does not load the app.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The CSP allows no inline script: keep every module in its own file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      input: {
        app: fileURLToPath(new URL('web/index.html', import.meta.url)),
        respond: fileURLToPath(new URL('web/respond.html', import.meta.url)),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: process.env['DOCSCRIB_DEV_API'] ?? 'http://127.0.0.1:3000',
        changeOrigin: false,
      },
    },
  },
});
