import { describe, expect, it } from 'vitest';
import { templateById, TEMPLATES, whatItPuts } from './templates';

describe('templates', () => {
  it('offers a VM, an old PC, a router and a diskless IoT board', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['vm', 'old-pc', 'router', 'diskless-iot']);
  });

  it('makes a fresh profile each time, so editing one never changes the template', () => {
    const a = templateById('router')!.make();
    a.interfaces[0]!.name = 'changed';
    expect(templateById('router')!.make().interfaces[0]!.name).toBe('eth0');
    expect(templateById('nope')).toBeUndefined();
  });

  it('gives the router two network cards and forwarding via sysctl', () => {
    const r = templateById('router')!.make();
    expect(r.interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1']);
    expect(r.interfaces[1]!.ipv4).toMatchObject({ mode: 'static', address: '192.168.1.1', prefix: 24 });
    expect(r.ipForwarding).toBe(true);
    expect(r.services).toContainEqual({ name: 'sysctl', runlevel: 'boot' });
  });

  it('runs the IoT board from RAM with LBU media and an apk cache', () => {
    const b = templateById('diskless-iot')!.make();
    expect(b.disk.mode).toBe('none');
    expect(b.diskless.lbuMedia).not.toBeNull();
    expect(b.diskless.apkCacheDir).not.toBeNull();
  });
});

describe('what a start puts on the box', () => {
  it('names the disks it erases, the packages, the services and the user, read from the profile', () => {
    expect(whatItPuts(templateById('diskless-iot')!.make())).toMatch(/adds mosquitto; starts mosquitto at boot/);
    expect(whatItPuts(templateById('vm')!.make())).toMatch(/^It erases and installs to \/dev\/vda/);
    expect(whatItPuts({ ...templateById('vm')!.make(), disk: { ...templateById('vm')!.make().disk, mode: 'none' }, packages: [], services: [], user: null })).toBe(
      'Changes no disk and adds nothing.',
    );
  });
});
