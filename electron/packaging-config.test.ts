import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCliPath } from './cli-launch';

// build/electron-builder.yml, checked with the installed electron-builder's own
// schema (a misspelt fuse or key fails here, not on a release machine).
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const ROOT = join(__dirname, '..');
const config = load(readFileSync(join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
};

describe('the packaging configuration', () => {
  it('is valid for the installed electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses: no Node mode, NODE_OPTIONS or inspector; only the checked app.asar; no file:// extras', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the cairn command wrappers and unpacks the CLI bundle where main.ts imports it from', () => {
    for (const { from } of config.extraResources) expect(existsSync(join(ROOT, from))).toBe(true);
    expect(config.extraResources.map((r) => r.to)).toEqual(['cairn-cli.sh', 'cairn-cli.cmd']);
    expect(config.asarUnpack).toContain('dist/cli/**');
    expect(bundledCliPath('/opt/Cairn/resources/app.asar/dist/electron')).toMatch(/app\.asar\.unpacked\/dist\/cli\//);
  });
});
