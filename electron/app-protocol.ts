import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { SenderCheck } from './ipc';
import type { Log } from './log';

// The window loads the built renderer from app://cairn/, not file://: a
// file:// page shares its origin with every file on the disk, while this
// origin holds only dist/renderer, and each response can carry the
// Content-Security-Policy header (a file:// page gets no headers at all).

export const APP_SCHEME = 'app';
export const APP_HOST = 'cairn';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * What protocol.registerSchemesAsPrivileged is told, before the app is ready:
 * standard (relative URLs and an origin of its own), secure (like https, so
 * module scripts and workers load), fetch and CORS like http, V8's code cache.
 * Nothing bypasses the CSP.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } as const;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` an app:// URL names, or null: another scheme or host,
 * a path that does not decode, a NUL, backslash or colon (Windows separators
 * and drive letters), any "." or ".." segment (Chromium removes them before
 * asking, so one here was smuggled in encoded), or anything that would
 * resolve outside `root`.
 */
export function appFileOf(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path === '' || path === '/') path = '/index.html';
  if (!path.startsWith('/') || /[\0\\:]/.test(path)) return null;
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const inside = relative(base, file);
  return inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside) ? null : file;
}

const HEADERS = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };

const notFound = (url: string) => new Response(`Cairn has no file at ${url}.`, { status: 404, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });

/** Answers one app:// request from the built renderer in `root`; anything else is a 404, and a refused path is logged. */
export async function serveAppRequest(root: string, request: { url: string; method: string }, log: Pick<Log, 'warn'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response(`${request.method} is not served here.`, { status: 405, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
  const file = appFileOf(root, request.url);
  if (file === null) {
    log.warn(`app protocol: refused ${JSON.stringify(request.url.slice(0, 300))}: it names nothing inside the built renderer`);
    return notFound(request.url);
  }
  const found = await stat(file).catch(() => null);
  if (found === null || !found.isFile()) return notFound(request.url);
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return new Response(body, { status: 200, headers: { ...HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': String(found.size) } });
}

/**
 * Trusts IPC only from the top frame of a page on app://cairn/, which serves
 * nothing but the built renderer. Replaces the file:// check, which trusted
 * one path on disk.
 */
export const isAppPage: SenderCheck = (event) => {
  const frame = event.senderFrame;
  if (frame === null || (frame.parent !== undefined && frame.parent !== null)) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
};
