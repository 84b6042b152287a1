import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget } from './openssh-target';
import { sshRun } from './target-exec.test-support';
import type { TestTarget } from './target-types';

describe('reboot, poweroff, halt, setup-timezone and setup-hostname stand-ins', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());
  const run = (command: string) => sshRun(target, command);
  const tools = async () => ((await target.standIns?.records()) ?? []).map((r) => [r.tool, ...r.argv].join(' '));

  it('replaced the BusyBox links in the chroot with scripts', async () => {
    expect((await run('head -c 9 /sbin/reboot; echo; readlink /sbin/reboot; echo $?')).stdout).toBe('#!/bin/sh\n1\n');
  });

  it('records a reboot and starts a new boot id each time', async () => {
    expect((await run('cat /proc/sys/kernel/random/boot_id; echo $?')).stdout).toBe('1\n');
    expect((await run('reboot')).code).toBe(0);
    const first = (await run('cat /proc/sys/kernel/random/boot_id')).stdout.trim();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await run('reboot -f');
    expect((await run('cat /proc/sys/kernel/random/boot_id')).stdout.trim()).not.toBe(first);
    expect((await run('poweroff; halt')).code).toBe(0);
    expect(await tools()).toEqual(['reboot', 'reboot -f', 'poweroff', 'halt']);
  });

  it('fails as asked, without a new boot', async () => {
    await target.standIns?.clearRecords();
    const before = (await run('cat /proc/sys/kernel/random/boot_id')).stdout;
    await target.standIns?.control({ reboot: { mode: 'fail', exitCode: 2, errorLine: 'reboot: Operation not permitted' } });
    expect(await run('reboot')).toMatchObject({ code: 2, stderr: 'reboot: Operation not permitted\n' });
    expect((await run('cat /proc/sys/kernel/random/boot_id')).stdout).toBe(before);
    await target.standIns?.control({});
  });

  it('sets a time zone from the zone list and links /etc/localtime as setup-timezone does', async () => {
    expect((await run('setup-timezone Europe/Paris && readlink /etc/localtime')).stdout).toBe('/etc/zoneinfo/Europe/Paris\n');
    expect((await run('setup-timezone -i Asia/Tokyo && readlink /etc/localtime')).stdout).toBe('/usr/share/zoneinfo/Asia/Tokyo\n');
    const refused = await run('setup-timezone Mars/Base; readlink /etc/localtime');
    expect(refused.stderr).toBe("'Mars/Base' is not a valid timezone on this system\n");
    expect(refused.stdout).toBe('/usr/share/zoneinfo/Asia/Tokyo\n');
  });

  it('writes /etc/hostname, refusing names setup-hostname refuses', async () => {
    expect((await run('setup-hostname cairn-box.lan')).code).toBe(0);
    expect(await readFile(path.join(target.root ?? '', 'etc/hostname'), 'utf8')).toBe('cairn-box.lan\n');
    const refused = await run('setup-hostname -n bad_name');
    expect(refused).toMatchObject({ code: 1, stderr: "Hostname must only contain letters (a-z A-Z), digits (0-9), '.' or '-'\n" });
    expect(await readFile(path.join(target.root ?? '', 'etc/hostname'), 'utf8')).toBe('cairn-box.lan\n');
    expect((await target.standIns?.recordsOf('setup-hostname'))?.map((r) => r.argv)).toEqual([['cairn-box.lan'], ['-n', 'bad_name']]);
  });
});
