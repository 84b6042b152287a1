import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./window-bridge.browser.ts', import.meta.url));

/**
 * The page's bridge script as one self-contained function, for
 * page.addInitScript({ content }). Built from source on each run, so it is
 * always the current createBridge from shared/api.
 */
export async function bundleWindowBridge(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no bridge script.');
  return output.text;
}
