import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';

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

/** The file under `root` that a URL path names, or null when it points outside it. */
export function fileOf(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  const inside = relative(resolve(root), path);
  return inside === '' || inside.startsWith(`..${sep}`) || inside === '..' ? null : path;
}

/**
 * Serves the built renderer as Electron loads it, with the same
 * Content-Security-Policy header the app:// protocol handler sends
 * (electron/csp.ts, the page's only policy).
 */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const path = fileOf(root, urlPath);
  const found = path === null ? null : await stat(path).catch(() => null);
  if (path === null || found === null || !found.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`No file at ${urlPath} in the built renderer.`);
    return;
  }
  const body = await readFile(path);
  response
    .writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': body.length,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(body);
}
