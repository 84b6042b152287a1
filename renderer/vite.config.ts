import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/renderer. Electron serves it from app://cairn/ and the
// journeys over HTTP, both with the one Content-Security-Policy header of
// electron/csp.ts; the page carries no policy of its own, so the dev server
// (whose hot reload needs inline script) runs without one. URLs stay relative.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  // Module workers (the answer-file parser), so a worker's code splits into chunks like the page's.
  worker: { format: 'es' },
  build: {
    outDir: `${import.meta.dirname}/../dist/renderer`,
    emptyOutDir: true,
    // Electron 41's Chromium; no polyfills needed.
    target: 'chrome130',
    modulePreload: { polyfill: false },
    // A manifest lets bench/bundle-size.mjs tell the first chunk from lazy ones.
    manifest: true,
    sourcemap: true,
  },
});
