import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/api/names';
import { dhcpInterface, templateById } from '../../shared/profile';
import { dispatch } from '../ipc';
import { harness, type Harness } from '../services.test-support';

// A medium mounted read-only (as an ISO always is): refused by its folder
// before anything is written. Needs root to mount, as the integration suite has.

let h: Harness;
let mounted: string;
beforeEach(async () => {
  h = await harness();
  mounted = join(h.dir, 'iso');
  mkdirSync(mounted);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mounted]);
  mkdirSync(join(mounted, 'apks'));
  mkdirSync(join(mounted, 'boot'));
  execFileSync('mount', ['-o', 'remount,ro', mounted]);
});
afterEach(async () => {
  execFileSync('umount', [mounted]);
  await h.cleanup();
});

const call = (channel: ChannelName, payload: unknown) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log });

describe('a read-only medium', () => {
  it('is reported by inspect and refused by prepare at the folder, with nothing written and no target saved', async () => {
    const profile = {
      ...templateById('vm')!.make(),
      hostname: 'pi-ro',
      rootSshKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsZ4t0h8vKq1XbWq0d9n3Yy0dTGQZ1nJ9yP8mFvZr2c jane@laptop'],
      interfaces: [dhcpInterface('eth0')],
    };
    const saved = await call('profiles:save', { profile });
    if (!saved.ok) throw new Error(saved.error.message);
    const profileId = (saved.value as { id: string }).id;

    expect(await call('bootmedia:inspect', { folder: mounted, medium: 'raspberry-pi' })).toMatchObject({
      ok: true,
      value: { writable: false, bootMedia: true, problem: expect.stringMatching(/read-only/) },
    });
    expect(await call('bootmedia:prepare', { profileId, medium: 'raspberry-pi', folder: mounted })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'folder' } });
    expect(readdirSync(mounted).sort()).toEqual(['apks', 'boot']);
    expect(await call('targets:list', {})).toMatchObject({ ok: true, value: { targets: [] } });
  });
});
