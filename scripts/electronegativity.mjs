// Runs Doyensec's Electronegativity on the built main and preload bundles and
// the renderer page; fails when it finds anything of HIGH severity.
// The tool skips .cjs files, so the bundles are copied under .js names.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const inputs = [
  ['dist/electron/main.cjs', 'main.js'],
  ['dist/electron/preload.cjs', 'preload.js'],
  ['dist/renderer/index.html', 'index.html'],
];
const dir = mkdtempSync(join(tmpdir(), 'cairn-electronegativity-'));
try {
  for (const [from, to] of inputs) {
    if (!existsSync(from)) {
      console.error(`electronegativity: ${from} is missing; run "npm run build" first.`);
      process.exit(1);
    }
    copyFileSync(from, join(dir, to));
  }
  const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
  const csv = join(dir, 'findings.csv');
  const run = spawnSync('npx', ['electronegativity', '-i', dir, '-r', '-v', 'false', '-e', electron, '-o', csv], { encoding: 'utf8', timeout: 300_000 });
  if (!existsSync(csv)) {
    console.error(`electronegativity did not run:\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  for (const row of rows) console.log(`  ${row.split(',').slice(0, 5).join(' ')}`);
  const high = rows.filter((r) => /^[A-Z_]+,"(HIGH|CRITICAL)"/.test(r));
  console.log(`electronegativity (Electron ${electron}): ${rows.length} finding(s), ${high.length} of high severity.`);
  process.exit(high.length > 0 ? 1 : 0);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
