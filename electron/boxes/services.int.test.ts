import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import type { SshConnection } from '../ssh/connect';
import { boxConnector } from './box-target.test-support';
import { listServices, runlevelAction, serviceAction } from './services';

describe('services over SSH', () => {
  let target: TestTarget;
  let box: ReturnType<typeof boxConnector>;
  let conn: SshConnection;
  beforeAll(async () => {
    target = await startOpenSshTarget();
    box = boxConnector(target);
    conn = await box.conn();
  });
  afterAll(async () => {
    await box?.cleanup();
    await target?.stop();
  });

  const crond = async () => {
    const list = await listServices(conn);
    if (!list.ok) throw new Error(list.error.message);
    return list.value.services.find((s) => s.name === 'crond');
  };

  it('lists the scripts of /etc/init.d, each stopped and in no runlevel on a fresh box', async () => {
    const list = await listServices(conn);
    expect(list.ok && list.value.services.map((s) => s.name)).toEqual(expect.arrayContaining(['crond', 'networking', 'local']));
    expect(await crond()).toEqual({ name: 'crond', state: 'stopped', upSeconds: null, runlevels: [] });
  });

  it('adds to a runlevel, starts, restarts, stops and removes, each seen in the next rc-status', async () => {
    expect(await runlevelAction(conn, 'crond', 'default', 'add')).toEqual({ ok: true, value: { name: 'crond', runlevel: 'default', action: 'add' } });
    expect(await crond()).toMatchObject({ state: 'stopped', runlevels: ['default'] });

    const output: string[] = [];
    expect((await serviceAction(conn, 'crond', 'start', { onOutput: (text) => output.push(text) })).ok).toBe(true);
    expect(output.join('')).toContain('Starting crond');
    expect(await crond()).toMatchObject({ state: 'started', runlevels: ['default'] });

    expect((await serviceAction(conn, 'crond', 'restart')).ok).toBe(true);
    expect(await crond()).toMatchObject({ state: 'started' });

    expect((await serviceAction(conn, 'crond', 'stop')).ok).toBe(true);
    expect(await crond()).toMatchObject({ state: 'stopped' });

    expect((await runlevelAction(conn, 'crond', 'default', 'del')).ok).toBe(true);
    expect(await crond()).toMatchObject({ runlevels: [] });

    const calls = ((await target.standIns?.records()) ?? []).filter((r) => r.tool !== 'rc-status').map((r) => `${r.tool} ${r.argv.join(' ')}`);
    expect(calls).toEqual(['rc-update add crond default', 'rc-service crond start', 'rc-service crond restart', 'rc-service crond stop', 'rc-update del crond default']);
  });

  it('names the box and the first line of its error when it refuses', async () => {
    const result = await serviceAction(conn, 'nginx', 'start', { label: 'kitchen-pi' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'remote-failed', exitCode: 1, stderr: " * rc-service: service `nginx' does not exist\n", message: 'kitchen-pi refused "rc-service nginx start": rc-service: service `nginx\' does not exist' },
    });
  });

  it('refuses a name that is not a service before sending anything', async () => {
    await target.standIns?.clearRecords();
    const result = await runlevelAction(conn, '$(reboot)', 'default', 'add');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'name', message: expect.stringContaining('is not a service name') } });
    expect(await target.standIns?.records()).toEqual([]);
  });
});
