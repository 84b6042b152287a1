import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/**
 * The built index.html carries the CSP as a meta tag (Electron loads it from
 * file://, where no response header applies). Only the build gets it: the dev
 * server's hot reload needs an inline script and injected styles.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'cairn-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// Built into dist/renderer and loaded by Electron from file://, so every URL is relative.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
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
