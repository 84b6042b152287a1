// Bundles the Node parts (Electron main, preload, the cairn CLI) with esbuild; main and the CLI carry the password-hash worker.
// The renderer is built by Vite (renderer/vite.config.ts).
//   node scripts/build-node.mjs         everything
//   node scripts/build-node.mjs --cli   the CLI only (npm's "prepare", on every npm install)
// bin/cairn.js imports buildCli() to build the CLI on first use when dist/ is missing.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository: paths below are relative to it, wherever the command is run from. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// Bundled CommonJS packages (ssh2) use require and __dirname, which an ES module lacks.
const CJS_IN_ESM = [
  "import { createRequire as __cr } from 'node:module';",
  "import { dirname as __dn } from 'node:path';",
  "import { fileURLToPath as __fu } from 'node:url';",
  'const require = __cr(import.meta.url);',
  'const __filename = __fu(import.meta.url);',
  'const __dirname = __dn(__filename);',
].join(' ');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: ROOT };

/**
 * The password-hashing thread (electron/secrets/password-hash-worker.ts) as
 * one CommonJS script, handed to the bundles that hash as a string constant:
 * password-hash-thread.ts starts it with `new Worker(code, { eval: true })`,
 * so the app finds no worker file at run time (one inside app.asar is a known
 * failure). The journeys' backend bundle takes the same define.
 */
export async function passwordHashWorkerDefine() {
  const result = await build({ ...common, sourcemap: false, entryPoints: ['electron/secrets/password-hash-worker.ts'], format: 'cjs', write: false });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no password-hash worker.');
  return { __CAIRN_PASSWORD_HASH_WORKER__: JSON.stringify(code) };
}

/**
 * dist/cli/cairn.mjs and its map. Written whole under a temporary name and
 * renamed, so a cairn started meanwhile (or a second build at once) never
 * loads half a bundle.
 */
export async function buildCli() {
  const result = await build({
    ...common,
    define: await passwordHashWorkerDefine(),
    entryPoints: ['cli/cairn.ts'],
    outfile: 'dist/cli/cairn.mjs',
    format: 'esm',
    external: ['cpu-features', '*.node'],
    banner: { js: CJS_IN_ESM },
    write: false,
  });
  for (const file of result.outputFiles) {
    await mkdir(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
  }
}

async function buildAll() {
  const jobs = [buildCli()];
  if (existsSync(join(ROOT, 'electron/main.ts'))) {
    const define = await passwordHashWorkerDefine();
    jobs.push(
      build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron', 'cpu-features', '*.node'], define }),
      build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
    );
  }
  await Promise.all(jobs);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await (process.argv.includes('--cli') ? buildCli() : buildAll());
}
