import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget } from './openssh-target';
import { sshRun } from './target-exec.test-support';
import type { TestTarget } from './target-types';

describe('OpenRC, lbu and apk stand-ins', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());
  const run = (command: string, input = '') => sshRun(target, command, input);

  it('refuses to enable a service whose package is not installed, like OpenRC', async () => {
    const result = await run('rc-update add sshd default');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(" * rc-update: service `sshd' does not exist\n");
  });

  it('installs a package so that apk info sees it and its services exist', async () => {
    const add = await run('apk add openssh');
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('(1/1) Installing openssh (0-r0)\nOK: 15 packages installed\n');
    expect((await run('apk info -e openssh')).stdout).toBe('openssh\n');
    expect((await run('cat /etc/apk/world')).stdout).toContain('\nopenssh\n');
    expect((await run('rc-service --exists sshd; echo $?')).stdout).toBe('0\n');
  });

  it('refuses a package that does not exist, like apk', async () => {
    const result = await run('apk add htopp');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('htopp (no such package)');
    expect((await run('apk info -e htopp; echo $?')).stdout).toBe('1\n');
  });

  it('keeps runlevels and started services so rc-status reflects earlier changes', async () => {
    expect((await run('rc-update add sshd default')).stdout).toBe(' * service sshd added to runlevel default\n');
    expect((await run('rc-status')).stdout).toMatch(/^ sshd +\[ {2}stopped {2}\]$/m);
    expect((await run('rc-service sshd status')).code).toBe(3);
    expect((await run('rc-service sshd start')).stdout).toBe(' * Starting sshd ... [ ok ]\n');
    expect((await run('rc-status default')).stdout).toMatch(/^Runlevel: default\n sshd +\[ {2}started {2}\]$/m);
    expect((await run('rc-update show')).stdout).toMatch(/^ +sshd \| default$/m);
    expect((await run('rc-update del sshd default')).code).toBe(0);
    expect((await run('rc-status')).stdout).not.toContain('sshd');
  });

  it('removes a package with apk del', async () => {
    await run('apk add htop');
    expect((await run('apk del htop')).stdout).toContain('Purging htop');
    expect((await run('apk info -e htop; echo $?')).stdout).toBe('1\n');
    expect((await run('grep -c htop /etc/apk/world')).stdout).toBe('0\n');
  });

  it('lists changed files in lbu status until they are committed', async () => {
    await run('lbu commit usb');
    expect((await run('lbu status')).stdout).toBe('');
    await run('echo box > /etc/motd-cairn; echo changed >> /etc/profile; rm /etc/issue');
    expect((await run('lbu status')).stdout).toBe('D etc/issue\nA etc/motd-cairn\nU etc/profile\n');
    expect((await run('lbu commit')).code).toBe(1);
    expect((await run('setup-lbu usb && lbu commit && lbu status')).stdout).toBe('');
    expect((await run('lbu list-backup')).stdout).toBe('localhost.1.apkovl.tar.gz\n');
  });

  it('points the apk cache at the chosen folder with setup-apkcache', async () => {
    expect((await run('setup-apkcache /media/usb/cache && readlink /etc/apk/cache && test -d /media/usb/cache')).stdout).toBe('/media/usb/cache\n');
    expect((await run('setup-apkcache none; readlink /etc/apk/cache')).stdout).toBe('/media/usb/cache\n');
  });

  it('writes a template answer file with setup-alpine -c and installs nothing', async () => {
    const result = await run('setup-alpine -c /root/template && . /root/template && echo "$HOSTNAMEOPTS $DISKOPTS"');
    expect(result.stdout).toBe('Answer file /root/template has been created.  Please add or remove options as desired in that file\nalpine none\n');
    expect((await run('cat /etc/hostname')).stdout).toBe('localhost\n');
  });

  it('records arguments, the disk environment and stdin of every call', async () => {
    await target.standIns?.clearRecords();
    await run('ERASE_DISKS=/dev/vda USE_EFI=1 setup-disk -m sys /dev/vda', 'ignored\n');
    const [disk] = (await target.standIns?.records()) ?? [];
    expect(disk).toMatchObject({
      seq: 1,
      tool: 'setup-disk',
      argv: ['-m', 'sys', '/dev/vda'],
      env: { ERASE_DISKS: '/dev/vda', USE_EFI: '1' },
      stdin: 'ignored\n',
      stdinLeftOpen: false,
      exitCode: 0,
    });
  });

  it('says when a caller left stdin open, instead of hanging', async () => {
    await target.standIns?.clearRecords();
    const result = await run('sleep 6 | rc-status >/dev/null; echo done');
    expect(result.stdout).toBe('done\n');
    const [record] = (await target.standIns?.records()) ?? [];
    expect(record?.stdinLeftOpen).toBe(true);
  });

  it('fails or hangs any tool when told to', async () => {
    await target.standIns?.control({ apk: { mode: 'fail', exitCode: 7, errorLine: 'ERROR: network down' } });
    const failed = await run('apk add htop');
    expect([failed.code, failed.stderr]).toEqual([7, 'ERROR: network down\n']);
    expect((await run('apk info -e busybox')).code).toBe(0);
    await target.standIns?.control({ 'rc-service': { mode: 'hang' } });
    expect((await run('timeout -s KILL 1 rc-service sshd start; echo "exit $?"')).stdout).toBe('exit 137\n');
    await target.standIns?.control({});
  });
});
