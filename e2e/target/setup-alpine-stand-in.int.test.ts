import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget } from './openssh-target';
import { headings, realRun, withAnswers } from './stand-ins.test-support';
import { sshRun } from './target-exec.test-support';
import type { TestTarget } from './target-types';

const KILLED_AFTER_1S = 'timeout -s KILL 1 setup-alpine -e -f /root/answers; echo "exit $?"';

// Each case gets a fresh target: setup-alpine changes the box.
describe('setup-alpine stand-in', () => {
  let target: TestTarget;
  const inRoot = (p: string) => path.join(target.root ?? '', p);
  const read = (p: string) => readFileSync(inRoot(p), 'utf8');

  beforeEach(async () => {
    target = await startOpenSshTarget();
    return () => target.stop();
  });

  async function install(answers: string, flags = '-e') {
    await sshRun(target, 'cat > /root/answers', answers);
    return sshRun(target, `setup-alpine ${flags} -f /root/answers`);
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

  it('records its arguments and keeps a copy of the answer file', async () => {
    const real = realRun('ok');
    await install(real.answers);
    const [record] = (await target.standIns?.recordsOf('setup-alpine')) ?? [];
    expect(record?.argv).toEqual(['-e', '-f', '/root/answers']);
    expect(record?.answerFile).toBe(real.answers);
    expect(record?.exitCode).toBe(0);
    expect(record?.stdin).toBe('');
    const apk = (await target.standIns?.recordsOf('apk'))?.map((r) => r.argv.join(' '));
    expect(apk).toEqual(['add --quiet chrony', 'add --quiet doas', 'add --quiet openssh']);
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

  it('splits USEROPTS like the real one: a quoted full name creates no user', async () => {
    const run = await install(realRun('splituser').answers);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: setup-user');
    expect(read('etc/passwd')).not.toMatch(/^ops:/m);
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

  it('asks for a root password forever without -e', async () => {
    const run = await sshRun(target, 'cat > /root/answers; timeout -s KILL 1 setup-alpine -f /root/answers; echo "exit $?"', realRun('ok').answers);
    expect(run.stdout.endsWith('exit 137\n')).toBe(true);
    expect(run.stdout.match(/New password: /g)?.length).toBeGreaterThan(3);
  });
});

describe('setup-alpine stand-in under control', () => {
  let target: TestTarget;
  const answers = realRun('ok').answers;

  beforeAll(async () => {
    target = await startOpenSshTarget();
    await sshRun(target, 'cat > /root/answers', answers);
  });
  afterAll(() => target?.stop());

  const run = (command = 'setup-alpine -e -f /root/answers') => sshRun(target, command);

  it('fails at the disk step with the chosen exit code and line', async () => {
    await target.standIns?.control({ 'setup-alpine': { mode: 'fail', exitCode: 3 } });
    const result = await run();
    expect(result.code).toBe(3);
    expect(result.stdout.trimEnd().endsWith(' Disk & Install\n----------------')).toBe(true);
    expect(result.stderr).toBe('/dev/sda is not a block device suitable for partitioning\n');
  });

  it('prints an error line and still exits 0', async () => {
    await target.standIns?.control({ 'setup-alpine': { mode: 'error-line' } });
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("'Mars/Base' is not a valid timezone on this system\n");
  });

  it('prints lines slowly when asked', async () => {
    await target.standIns?.control({ 'setup-alpine': { lineDelayMs: 25 } });
    const started = Date.now();
    const result = await run();
    const lines = result.stdout.split('\n').length;
    expect(lines).toBeGreaterThan(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(lines * 25 * 0.8);
  });

  it('hangs after the first heading until it is killed', async () => {
    await target.standIns?.control({ 'setup-alpine': { mode: 'hang' } });
    const result = await run(KILLED_AFTER_1S);
    expect(result.stdout).toBe('\n\n ALPINE LINUX INSTALL\n----------------------\nexit 137\n');
  });

  it('prompts for a keymap variant forever with stdin closed, and goes on after abort', async () => {
    await target.standIns?.control({ 'setup-alpine': { mode: 'prompt-forever' } });
    const forever = await run(KILLED_AFTER_1S);
    expect(forever.stdout.endsWith('exit 137\n')).toBe(true);
    expect(forever.stdout.match(/Select variant \(or 'abort'\): /g)?.length).toBeGreaterThan(3);
    const aborted = await sshRun(target, 'setup-alpine -e -f /root/answers', 'abort\n');
    expect(aborted.code).toBe(0);
    expect(aborted.stdout).toContain(' Disk & Install');
    const last = (await target.standIns?.recordsOf('setup-alpine'))?.at(-1);
    expect(last?.stdin).toBe('abort\n');
  });

  it('behaves normally again when the control is cleared', async () => {
    await target.standIns?.control({});
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(' Disk & Install');
    expect(result.stderr).not.toContain('Mars/Base');
  });
});
