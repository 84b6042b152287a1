// Bundles the Node parts (Electron main, preload, the cairn CLI) with esbuild.
// The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const jobs = [
  build({ ...common, entryPoints: ['cli/cairn.ts'], outfile: 'dist/cli/cairn.mjs', format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }),
];
if (existsSync('electron/main.ts')) {
  jobs.push(
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron', 'cpu-features', '*.node'] }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  );
}
await Promise.all(jobs);
