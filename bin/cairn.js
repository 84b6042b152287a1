#!/usr/bin/env node
// The cairn command: runs the bundle dist/cli/cairn.mjs. `npm install` makes
// it (the "prepare" script) and `npm run build` remakes it. When it is missing
// all the same (installed with --ignore-scripts, or dist/ removed), it is built
// here first from the sources beside this file, which takes a second.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/cairn.mjs', import.meta.url);

if (!existsSync(bundle)) {
  try {
    const { buildCli } = await import('../scripts/build-node.mjs');
    await buildCli();
  } catch (error) {
    process.stderr.write(
      `cairn is not built yet (${bundle.pathname} is missing) and could not be built: ${error instanceof Error ? error.message : String(error)}\n` +
        'Run "npm install" (or "npm run build:cli") in the Cairn folder, then try again.\n',
    );
    process.exit(1);
  }
}
await import(bundle.href);
