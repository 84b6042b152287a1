// Bundles the Node parts (Electron main, preload, the cairn CLI) with esbuild.
// The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// Bundled CommonJS packages (ssh2) use require and __dirname, which an ES module lacks.
const CJS_IN_ESM = [
  "import { createRequire as __cr } from 'node:module';",
  "import { dirname as __dn } from 'node:path';",
  "import { fileURLToPath as __fu } from 'node:url';",
  'const require = __cr(import.meta.url);',
  'const __filename = __fu(import.meta.url);',
  'const __dirname = __dn(__filename);',
].join(' ');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const jobs = [
  build({ ...common, entryPoints: ['cli/cairn.ts'], outfile: 'dist/cli/cairn.mjs', format: 'esm', external: ['cpu-features', '*.node'], banner: { js: CJS_IN_ESM } }),
];
if (existsSync('electron/main.ts')) {
  jobs.push(
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron', 'cpu-features', '*.node'] }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  );
}
await Promise.all(jobs);
