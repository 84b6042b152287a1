/**
 * The one Content-Security-Policy of Cairn's page: the app:// protocol
 * handler (app-protocol.ts) sends it with every file of the built renderer,
 * and the journeys' HTTP bridge (e2e/bridge/static-files.ts) sends the same.
 * As a response header it can hold frame-ancestors, which a meta tag cannot.
 * Vite's dev server sends none: its hot reload needs inline script.
 *
 * No inline script or style, no eval, no remote origin: the page's code, its
 * workers and its requests all come from the app itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
