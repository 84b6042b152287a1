import { describe, expect, it } from 'vitest';
import { connectedBox } from './box-target.test-support';
import { listServices, runlevelAction, serviceAction } from './services';

describe('services over SSH', () => {
  const env = connectedBox();

  const crond = async () => {
    const list = await listServices(env.conn);
    if (!list.ok) throw new Error(list.error.message);
    return list.value.services.find((s) => s.name === 'crond');
  };

  it('lists the scripts of /etc/init.d, each stopped and in no runlevel on a fresh box', async () => {
    const list = await listServices(env.conn);
    expect(list.ok && list.value.services.map((s) => s.name)).toEqual(expect.arrayContaining(['crond', 'networking', 'local']));
    expect(await crond()).toEqual({ name: 'crond', state: 'stopped', upSeconds: null, runlevels: [] });
  });

  it('adds to a runlevel, starts, restarts, stops and removes, each seen in the next rc-status', async () => {
    expect(await runlevelAction(env.conn, 'crond', 'default', 'add')).toEqual({ ok: true, value: { name: 'crond', runlevel: 'default', action: 'add' } });
    expect(await crond()).toMatchObject({ state: 'stopped', runlevels: ['default'] });

    const output: string[] = [];
    expect((await serviceAction(env.conn, 'crond', 'start', { onOutput: (text) => output.push(text) })).ok).toBe(true);
    expect(output.join('')).toContain('Starting crond');
    expect(await crond()).toMatchObject({ state: 'started', runlevels: ['default'] });

    expect((await serviceAction(env.conn, 'crond', 'restart')).ok).toBe(true);
    expect(await crond()).toMatchObject({ state: 'started' });

    expect((await serviceAction(env.conn, 'crond', 'stop')).ok).toBe(true);
    expect(await crond()).toMatchObject({ state: 'stopped' });

    expect((await runlevelAction(env.conn, 'crond', 'default', 'del')).ok).toBe(true);
    expect(await crond()).toMatchObject({ runlevels: [] });

    const calls = ((await env.target.standIns?.records()) ?? []).filter((r) => r.tool !== 'rc-status').map((r) => `${r.tool} ${r.argv.join(' ')}`);
    expect(calls).toEqual(['rc-update add crond default', 'rc-service crond start', 'rc-service crond restart', 'rc-service crond stop', 'rc-update del crond default']);
  });

  it('names the box and the first line of its error when it refuses', async () => {
    const result = await serviceAction(env.conn, 'nginx', 'start', { label: 'kitchen-pi' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'remote-failed',
        exitCode: 1,
        stderr: " * rc-service: service `nginx' does not exist\n",
        message: 'kitchen-pi refused "rc-service nginx start": rc-service: service `nginx\' does not exist',
      },
    });
  });

  it('refuses a name that is not a service before sending anything', async () => {
    await env.target.standIns?.clearRecords();
    const result = await runlevelAction(env.conn, '$(reboot)', 'default', 'add');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'name', message: expect.stringContaining('is not a service name') } });
    expect(await env.target.standIns?.records()).toEqual([]);
  });
});
