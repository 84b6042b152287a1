import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import type { Profile } from '../../shared/profile';
import { runTarget } from './run-target';
import { disklessProfile, loginTo, runsFolder } from './runs.test-support';

// A pushed install keeps a wifi passphrase out of the world-readable
// /etc/network/interfaces: the real setup-alpine writes interfaces that name
// a file of the card's own, which Cairn wrote 0600 beforehand.
const PASSPHRASE = "correct horse 'battery'";

let target: TestTarget;
let login: ReturnType<typeof loginTo>;
let runs: ReturnType<typeof runsFolder>;
beforeAll(async () => {
  target = await startOpenSshTarget();
  login = loginTo(target);
  runs = runsFolder();
});
afterAll(async () => {
  runs?.cleanup();
  login?.cleanup();
  await target?.stop();
});

const onBox = (file: string) => path.join(target.root ?? '', file);

describe('a wifi box installed over SSH', () => {
  it('has its passphrase only in a 0600 wpa_supplicant file that its interfaces name', async () => {
    const base = disklessProfile();
    const profile: Profile = {
      ...base,
      interfaces: [
        { name: 'wlan0', auto: true, ipv4: { mode: 'dhcp' }, ipv6: { mode: 'none' }, wifi: { ssid: 'Shed', passphrase: PASSPHRASE }, extraOptions: { inet: [], inet6: [] } },
      ],
    };
    const done = await runTarget({ targetId: 'box-1', connect: login.connect, profile, openRun: runs.openRun, keepWorkDir: true });
    expect(done.error).toBeNull();
    expect(done.summary.steps.map((s) => s.id).slice(0, 3)).toEqual(['preflight', 'wifi-wlan0', 'setup-alpine']);

    const file = onBox('etc/wpa_supplicant/wpa_supplicant-wlan0.conf');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(`\tpsk="${PASSPHRASE}"\n`);
    const interfaces = await readFile(onBox('etc/network/interfaces'), 'utf8');
    expect(interfaces).toContain('iface wlan0 inet dhcp\n\tuse wifi\n\twifi-config-path /etc/wpa_supplicant/wpa_supplicant-wlan0.conf');
    expect(interfaces).not.toContain('horse');
    // The uploads are gone from the work folder; nothing of the run keeps the passphrase.
    const workDir = done.summary.workDir ?? '';
    expect(workDir).not.toBe('');
    await expect(stat(onBox(path.join(workDir, 'wifi-wlan0.conf')))).rejects.toThrow();
    await expect(stat(onBox(path.join(workDir, 'answers')))).rejects.toThrow();
    expect(await readFile(done.logPath, 'utf8')).not.toContain('horse');
  });
});
