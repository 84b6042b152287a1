#!/usr/bin/env node
// Measures the renderer bundle that Electron loads first against its budget,
// and checks the package catalogue stays out of it (it is loaded lazily).
//   node renderer/bench/bundle-size.mjs [dist/renderer]   after `npm run build:renderer`
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 250 * 1024;
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');

/** A few names from the package catalogue: if all appear in a chunk, the catalogue is in it. */
async function catalogueMarkers() {
  const source = await readFile(join(repo, 'shared/reference/packages.generated.ts'), 'utf8');
  const lines = /PACKAGE_LINES = "([^"]*)"/.exec(source)?.[1]?.split('\\n') ?? [];
  return lines.slice(0, 3).concat(lines.slice(-3));
}

async function chunk(dir, file) {
  const bytes = await readFile(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString('utf8') };
}

/** Sizes of the first-load JS (the entry and what it imports statically) and of the lazy chunks. */
export async function measureBundle(dir = join(repo, 'dist/renderer')) {
  const manifest = JSON.parse(await readFile(join(dir, '.vite/manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entryKey) throw new Error(`${dir}/.vite/manifest.json names no entry chunk.`);
  const initialKeys = new Set();
  const visit = (key) => {
    if (initialKeys.has(key)) return;
    initialKeys.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  visit(entryKey);
  const markers = await catalogueMarkers();
  const js = Object.entries(manifest).filter(([, m]) => m.file.endsWith('.js'));
  const initial = await Promise.all(js.filter(([k]) => initialKeys.has(k)).map(([, m]) => chunk(dir, m.file)));
  const lazy = await Promise.all(js.filter(([k]) => !initialKeys.has(k)).map(([, m]) => chunk(dir, m.file)));
  const holdsCatalogue = (c) => markers.length > 0 && markers.every((name) => c.text.includes(name));
  const strip = ({ text: _text, ...rest }) => rest;
  return {
    budget: BUDGET_GZIP_BYTES,
    initialGzip: initial.reduce((sum, c) => sum + c.gzip, 0),
    initial: initial.map((c) => ({ ...strip(c), catalogue: holdsCatalogue(c) })),
    lazy: lazy.map((c) => ({ ...strip(c), catalogue: holdsCatalogue(c) })),
  };
}

/** Builds the renderer into a scratch folder (leaving dist/ alone) and measures it. */
export async function buildAndMeasure() {
  const { build } = await import('vite');
  const out = await mkdtemp(join(tmpdir(), 'cairn-renderer-'));
  // Under a test runner NODE_ENV is "test", which would bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repo, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true, sourcemap: false } });
    return await measureBundle(out);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(out, { recursive: true, force: true });
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function report(m) {
  const rows = [
    ...m.initial.map((c) => `  first load  ${c.file}: ${kb(c.raw)} raw, ${kb(c.gzip)} gzip${c.catalogue ? '  <- holds the package catalogue' : ''}`),
    ...m.lazy.map((c) => `  lazy        ${c.file}: ${kb(c.raw)} raw, ${kb(c.gzip)} gzip${c.catalogue ? ' (package catalogue)' : ''}`),
  ];
  return [`Renderer JS loaded first: ${kb(m.initialGzip)} gzip of a ${kb(m.budget)} budget`, ...rows].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = await measureBundle(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(report(m));
  if (m.initialGzip > m.budget || m.initial.some((c) => c.catalogue)) {
    console.error('Over budget, or the package catalogue is in the first-load JS.');
    process.exit(1);
  }
}
