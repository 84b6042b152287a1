import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appFileOf, isAppPage, serveAppRequest } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';

let dir: string;
let root: string;
const warnings: string[] = [];
const log = { warn: (message: string) => void warnings.push(message) };

beforeAll(async () => {
  // The built renderer, and beside it a file the page must never reach.
  dir = await mkdtemp(join(tmpdir(), 'cairn-app-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Cairn</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1);');
  await writeFile(join(dir, 'secret.txt'), 'the key to everything');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (url: string) => serveAppRequest(root, { url, method: 'GET' }, log);

describe('the app:// protocol', () => {
  it('serves the page and its assets with the one CSP header and their types', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Cairn</title>');
    const script = await get('app://cairn/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('console.log(1);');
    expect(await (await get('app://cairn/')).text()).toContain('<title>Cairn</title>');
  });

  it.each([
    ['an encoded slash after ..', 'app://cairn/assets/..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'app://cairn/..%5csecret.txt'],
    ['a NUL byte', 'app://cairn/index.html%00.js'],
    ['a drive letter', 'app://cairn/C:%2fWindows%2fwin.ini'],
    ['a broken escape', 'app://cairn/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses %s, answers 404 and logs it', async (_what, url) => {
    expect(appFileOf(root, url)).toBeNull();
    warnings.length = 0;
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('the key to everything');
    expect(warnings).toEqual([expect.stringMatching(/^app protocol: refused /)]);
  });

  it.each(['app://cairn/assets/../../secret.txt', 'app://cairn/%2e%2e/secret.txt', 'app://cairn/assets/.%2E/%2e%2E/secret.txt'])(
    'keeps %s inside the renderer: the URL parser resolves its dot segments first',
    async (url) => {
      expect(appFileOf(root, url)).toBe(join(root, 'secret.txt'));
      expect((await get(url)).status).toBe(404);
    },
  );

  it('answers a missing file and a folder with 404, and anything but GET and HEAD with 405', async () => {
    expect((await get('app://cairn/missing.js')).status).toBe(404);
    expect((await get('app://cairn/assets')).status).toBe(404);
    expect((await serveAppRequest(root, { url: APP_INDEX_URL, method: 'POST' }, log)).status).toBe(405);
    const head = await serveAppRequest(root, { url: APP_INDEX_URL, method: 'HEAD' }, log);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('which frames may call the main process', () => {
  const from = (url: string, parent: unknown = null) => isAppPage({ senderFrame: { url, parent } });

  it("trusts only the top frame of Cairn's own page", () => {
    expect(from(APP_INDEX_URL)).toBe(true);
    expect(from('app://cairn/index.html#boxes')).toBe(true);
    expect(from(APP_INDEX_URL, { url: APP_INDEX_URL })).toBe(false);
    expect(from('app://evil/index.html')).toBe(false);
    expect(from('file:///opt/Cairn/resources/app.asar/dist/renderer/index.html')).toBe(false);
    expect(from('https://cairn/index.html')).toBe(false);
    expect(from('not a url')).toBe(false);
    expect(isAppPage({ senderFrame: null })).toBe(false);
  });
});
