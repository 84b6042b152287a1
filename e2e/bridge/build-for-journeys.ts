import { build as esbuild } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { passwordHashWorkerDefine } from '../../scripts/build-node.mjs';

const VITE_CONFIG = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));
const BACKEND_ENTRY = fileURLToPath(new URL('./backend.ts', import.meta.url));

export interface JourneyBuild {
  /** The renderer, built with its production config (relative base; the CSP comes as a header from static-files.ts). */
  rendererDir: string;
  /** The journey backend (real handlers and stores, the HTTP bridge) as one CommonJS file, like main.cjs. */
  backendModule: string;
  remove(): Promise<void>;
}

/**
 * Builds what the journeys run from the current sources, into a temp
 * directory of their own. Not dist/: that is the packaged app's, and a build
 * there by someone else mid-run (Vite empties the folder first) would pull
 * files from under the journeys.
 *
 * The backend is bundled by esbuild the way scripts/build-node.mjs bundles
 * main.cjs, so the main-process code runs with the module semantics it ships
 * with (named imports from CommonJS packages such as ssh2, which Node's ESM
 * loader refuses), not those of Playwright's own TypeScript loader.
 */
export async function buildForJourneys(): Promise<JourneyBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-journeys-build-'));
  const rendererDir = join(dir, 'renderer');
  const backendModule = join(dir, 'backend.cjs');
  await Promise.all([
    viteBuild({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false } }),
    esbuild({
      entryPoints: [BACKEND_ENTRY],
      outfile: backendModule,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      logLevel: 'warning',
      // As for main.cjs: native add-ons stay out; ssh2 falls back to pure JavaScript without them.
      external: ['electron', 'cpu-features', '*.node'],
      define: await passwordHashWorkerDefine(),
    }),
  ]);
  return { rendererDir, backendModule, remove: () => rm(dir, { recursive: true, force: true }) };
}
