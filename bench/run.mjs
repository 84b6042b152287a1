// `npm run bench`: bundles bench/main.ts with esbuild (CommonJS, packages
// left in node_modules, as the app's main process loads them) and runs it.
// Needs root and the test hosts, like the integration tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(repo, '.tsbuild', 'bench', 'bench.cjs');
await build({
  entryPoints: [path.join(repo, 'bench', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // The only import.meta in the bundled code: the test targets find the repository from it.
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(repo, 'e2e', 'target', 'paths.ts')).href) },
});
const child = spawn(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: repo });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
