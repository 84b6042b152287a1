import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget } from './openssh-target';
import { headings, realRun, withAnswers } from './stand-ins.test-support';
import { sshRun } from './target-exec.test-support';
import type { TestTarget } from './target-types';

// Killing setup-alpine leaves the helpers it started (a prompt loop, a hung
// apk) holding the session's output, so they write to a file; the test kills
// them from the host (the chroot has no /proc for pkill to read).
const KILLED_AFTER_2S = 'timeout -s KILL 2 setup-alpine -e -f /root/answers </dev/null >/root/out 2>&1; code=$?; head -c 100000 /root/out; echo "exit $code"';

/** Kills what a killed setup-alpine left running on the target: its helpers and stand-ins. */
function killLeftovers(target: TestTarget): void {
  for (const p of target.processes()) {
    if (!/\/sbin\/(setup-|apk)/.test(p.command)) continue;
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

// The target's setup-alpine is alpine-conf's own; each case gets a fresh
// target because it changes the box.
describe('the real setup-alpine on the test target', () => {
  let target: TestTarget;
  const inRoot = (p: string) => path.join(target.root ?? '', p);
  const read = (p: string) => readFileSync(inRoot(p), 'utf8');

  beforeEach(async () => {
    target = await startOpenSshTarget();
    return () => target.stop();
  });

  async function install(answers: string, flags = '-e') {
    await sshRun(target, 'cat > /root/answers', answers);
    return sshRun(target, `setup-alpine ${flags} -f /root/answers </dev/null`);
  }

  it('prints the sections of a real run and applies the answer file to the box', async () => {
    const real = realRun('ok');
    const run = await install(real.answers);
    expect(run.code).toBe(0);
    expect(headings(run.stdout)).toEqual(headings(real.output));
    expect(read('etc/hostname')).toBe('fixture-box\n');
    expect(read('etc/network/interfaces')).toContain('address 10.20.30.40/24');
    expect(read('etc/resolv.conf')).toBe('search lan\nnameserver 10.20.30.1\n');
    expect(readlinkSync(inRoot('etc/localtime'))).toBe('/etc/zoneinfo/Europe/Berlin');
    expect(read('etc/conf.d/loadkmap')).toBe('KEYMAP=/etc/keymap/us-intl.bmap.gz\n');
    expect(read('home/ops/.ssh/authorized_keys')).toContain('ops@desk');
    expect(read('etc/doas.d/20-wheel.conf')).toBe('permit persist :wheel\n');
    expect((await sshRun(target, 'id -Gn ops')).stdout.trim().split(' ').sort()).toEqual(['audio', 'netdev', 'ops', 'video', 'wheel']);
    const status = (await sshRun(target, 'rc-status')).stdout;
    expect(status).toMatch(/^ chronyd +\[ {2}started {2}\]$/m);
    expect(status).toMatch(/^ sshd +\[ {2}started {2}\]$/m);
  });

  it('reaches the stand-ins only for what a chroot cannot hold', async () => {
    await install(realRun('ok').answers);
    const records = (await target.standIns?.records()) ?? [];
    const apk = records.filter((r) => r.tool === 'apk' && r.argv.includes('add')).map((r) => r.argv.at(-1));
    expect(apk).toEqual(['kbd-bkeymaps', 'busybox-mdev-openrc', 'tzdata', 'chrony', 'doas', 'openssh']);
    expect(records.filter((r) => r.tool === 'wget').map((r) => r.argv.at(-1))).toEqual(['https://mirrors.alpinelinux.org/mirrors.txt']);
    expect(records.filter((r) => r.tool === 'ntpd')).toHaveLength(1);
    const [disk] = records.filter((r) => r.tool === 'setup-disk');
    expect(disk?.argv).toEqual(['-w', expect.stringMatching(/^\/tmp\/alpine-install-diskmode\./), '-q', 'none']);
  });

  it('prints the hostname error and still exits 0, leaving the hostname alone', async () => {
    const run = await install(realRun('badhost').answers);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Hostname must only contain letters (a-z A-Z), digits (0-9), '.' or '-'");
    expect(read('etc/hostname')).toBe('localhost\n');
  });

  it('prints the timezone error for a zone that does not exist and still exits 0', async () => {
    const run = await install(realRun('badzone').answers);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("'Mars/Base' is not a valid timezone on this system");
    expect(existsSync(inRoot('etc/localtime'))).toBe(false);
  });

  it('splits USEROPTS: a quoted full name creates no user', async () => {
    const run = await install(realRun('splituser').answers);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain('usage: setup-user');
    expect(read('etc/passwd')).not.toMatch(/^ops:/m);
  });

  it('creates no user when USEROPTS is unset and nobody answers', async () => {
    const answers = realRun('ok')
      .answers.replace(/^USEROPTS=.*\n/m, '')
      .replace(/^USERSSHKEY=.*\n/m, '');
    const run = await install(answers);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Setup a user?');
    expect(existsSync(inRoot('home/ops'))).toBe(false);
    expect(existsSync(inRoot('etc/doas.d/20-wheel.conf'))).toBe(false);
  });

  it('passes exported disk variables to setup-disk and installs without asking', async () => {
    const answers = withAnswers(realRun('ok').answers, {
      DISKOPTS: '"-m sys /dev/sda"',
      ERASE_DISKS: '/dev/sda\nexport ERASE_DISKS',
      BOOTFS: 'ext4',
    });
    const run = await install(answers);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Installation is complete. Please reboot.');
    const [disk] = (await target.standIns?.recordsOf('setup-disk')) ?? [];
    expect(disk?.argv).toEqual(['-w', expect.stringMatching(/^\/tmp\/alpine-install-diskmode\./), '-q', '-m', 'sys', '/dev/sda']);
    // BOOTFS was set but not exported: setup-disk never saw it.
    expect(disk?.env).toEqual({ ERASE_DISKS: '/dev/sda' });
  });

  it('asks before erasing when ERASE_DISKS is not exported, and stops with stdin closed', async () => {
    const answers = withAnswers(realRun('ok').answers, { DISKOPTS: '"-m sys /dev/sda"', ERASE_DISKS: '/dev/sda' });
    const run = await install(answers);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('WARNING: Erase the above disk(s) and continue? (y/n) [n]');
    expect(run.stdout).not.toContain('Installation is complete');
  });

  it('prompts for a keymap variant forever when the keymap does not exist', async () => {
    await sshRun(target, 'cat > /root/answers', realRun('badkeymap').answers);
    const forever = await sshRun(target, KILLED_AFTER_2S);
    killLeftovers(target);
    expect(forever.stdout.endsWith('exit 137\n')).toBe(true);
    expect(forever.stdout.match(/Select variant \(or 'abort'\): /g)?.length).toBeGreaterThan(3);
  });

  it('sets a zone by copy, or with -i as a link into tzdata, and refuses a zone the box lacks', async () => {
    const run = (command: string) => sshRun(target, command);
    expect((await run('setup-timezone Europe/Paris >/dev/null && readlink /etc/localtime')).stdout).toBe('/etc/zoneinfo/Europe/Paris\n');
    expect((await run('setup-timezone -i Asia/Tokyo >/dev/null && readlink /etc/localtime')).stdout).toBe('/usr/share/zoneinfo/Asia/Tokyo\n');
    const refused = await run('setup-timezone Mars/Base >/dev/null; readlink /etc/localtime');
    expect(refused.stderr).toContain("'Mars/Base' is not a valid timezone on this system");
    expect(refused.stdout).toBe('/usr/share/zoneinfo/Asia/Tokyo\n');
  });
});

describe('the real setup-alpine, with stand-ins told to misbehave', () => {
  let target: TestTarget;
  const answers = realRun('ok').answers;

  beforeAll(async () => {
    target = await startOpenSshTarget();
    await sshRun(target, 'cat > /root/answers', answers);
  });
  afterAll(() => target?.stop());

  const run = (command = 'setup-alpine -e -f /root/answers </dev/null') => sshRun(target, command);

  it("fails at the disk step with setup-disk's exit code and line", async () => {
    await target.standIns?.control({ 'setup-disk': { mode: 'fail', exitCode: 3, errorLine: '/dev/sda is not a block device suitable for partitioning' } });
    const result = await run();
    expect(result.code).toBe(3);
    expect(result.stdout.trimEnd().endsWith(' Disk & Install\n----------------')).toBe(true);
    expect(result.stderr).toContain('/dev/sda is not a block device suitable for partitioning\n');
  });

  it('is slow when apk is slow', async () => {
    await target.standIns?.control({ apk: { startDelayMs: 300 } });
    const started = Date.now();
    const result = await run();
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 300);
  });

  it('hangs in the keymap section while apk hangs, until it is killed', async () => {
    await target.standIns?.control({ apk: { mode: 'hang' } });
    const result = await run(KILLED_AFTER_2S);
    killLeftovers(target);
    await expect.poll(() => target.processes().filter((p) => /\/sbin\/(setup-|apk)/.test(p.command))).toEqual([]);
    expect(result.stdout).toMatch(/ Keymap\n--------\n(Killed\n)?exit 137\n$/);
  });

  it('behaves normally again when the control is cleared, and a zone the box lost is an error with exit 0', async () => {
    await target.standIns?.control({});
    await rm(path.join(target.root ?? '', 'usr/share/zoneinfo/Europe/Berlin'));
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(' Disk & Install');
    expect(result.stderr).toContain("'Europe/Berlin' is not a valid timezone on this system");
  });
});
