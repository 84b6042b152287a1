import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstallerOracle } from '../../e2e/target/installer-oracle';
import fc from 'fast-check';
import { TEMPLATES, type Profile } from '../profile';
import { validProfile } from '../profile/arbitrary.test-support';
import { needsNetwork, treeProblems } from './expected-tree.test-support';
import { parse, render } from '.';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const RUNS = path.resolve(import.meta.dirname, '../../../shared/alpine/setup-alpine-runs');

const answersIn = (dir: string, label: string): Array<[string, string]> =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.answers'))
    .map((f) => [`${label}${f}`, readFileSync(path.join(dir, f), 'utf8')]);

/** Answer files that the real setup-alpine completes: Cairn's golden files, files in the styles people publish, alpine-conf's template, and the real run that succeeded. */
const COMPLETABLE: Array<[string, string]> = [
  ...answersIn(FIXTURES, ''),
  ...answersIn(path.join(FIXTURES, 'imported'), 'imported/'),
  ['setup-alpine-runs/ok', readFileSync(path.join(RUNS, 'ok', 'answers'), 'utf8')],
  // Every variable unset: each helper asks, and takes its default unattended.
  ['a file that sets nothing', '# nothing set\n'],
  ['a file that sets only LBU media', 'LBUOPTS=usb\n'],
];

let oracle: InstallerOracle;
beforeAll(async () => {
  oracle = await InstallerOracle.start();
});
afterAll(() => oracle?.stop());

describe('an imported answer file, written again by Cairn, installs the same box', () => {
  it.each(COMPLETABLE)('%s', async (_name, text) => {
    const original = await oracle.run(text);
    expect(original.code).toBe(0);
    const again = await oracle.run(render(parse(text).profile));
    expect(again.code).toBe(0);
    expect(again.tree).toEqual(original.tree);
    expect(again.disk).toEqual(original.disk);
  });

  it('tells apart boxes that differ in what an import used to drop', async () => {
    const text = readFileSync(path.join(FIXTURES, 'imported', 'vm-options.answers'), 'utf8');
    const [as, noUnlock, noTzdata, quiet] = await Promise.all([
      oracle.run(text),
      oracle.run(text.replace('-a -u -g', '-a -g')),
      oracle.run(text.replace('-i Europe/London', 'Europe/London')),
      oracle.run(text.replace('-v -s 0', '-s 0')),
    ]);
    expect(as.tree.users[0]?.password).toBe('empty');
    expect(noUnlock.tree.users[0]?.password).toBe('locked');
    expect([as.tree.zone, noTzdata.tree.zone]).toEqual(['/usr/share/zoneinfo/Europe/London', '/etc/zoneinfo/Europe/London']);
    expect(as.disk).toEqual(['-m sys', '-s 0', '-v', '/dev/vda', 'BOOT_SIZE=512', 'DISKLABEL=gpt', 'ERASE_DISKS=/dev/vda']);
    expect(quiet.disk).not.toContain('-v');
    const bridge = readFileSync(path.join(FIXTURES, 'imported', 'pre-user-era.answers'), 'utf8');
    const [dhcpName, noName] = await Promise.all([oracle.run(bridge), oracle.run(bridge.replace('    hostname gateway\n', ''))]);
    expect(dhcpName.tree.interfaces).not.toEqual(noName.tree.interfaces);
  });
});

describe('the real installer builds the box the profile describes', () => {
  const check = async (p: Profile) => {
    // The box has the medium the profile saves to (a Pi's SD card is mounted at /media/mmcblk0p1).
    const media = p.diskless.lbuMedia !== null && /^[A-Za-z0-9_-]+$/.test(p.diskless.lbuMedia) ? [p.diskless.lbuMedia] : [];
    const run = await oracle.run(render(p), { media });
    expect(run.code, run.output).toBe(0);
    expect(treeProblems(run.tree, p)).toEqual([]);
  };

  it.each(TEMPLATES.map((t) => [t.id, t.make()] as const))('template %s', async (_id, p) => {
    await check(p);
  });

  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))('golden %s', async (file) => {
    await check(JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Profile);
  });

  it('for generated profiles that Cairn accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        validProfile.filter((p) => !needsNetwork(p)),
        check,
      ),
      { numRuns: 12 },
    );
    // Twelve real installs: about a minute on a quiet machine, so a loaded CI runner gets room.
  }, 360_000);
});
