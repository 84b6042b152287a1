import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget } from './openssh-target';
import { sshRun } from './target-exec.test-support';
import type { TestTarget } from './target-types';

describe('reboot, poweroff and halt stand-ins', () => {
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
});
