import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validProfile } from './arbitrary.test-support';
import { errorsOf, validate } from './validate';
import { travelsAsWord } from './values';

describe('validProfile (the arbitrary other tests build on)', () => {
  it('generates only profiles that validate without errors', () => {
    fc.assert(
      fc.property(validProfile, (p) => {
        expect(errorsOf(validate(p))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('covers every section and option, including hostile but valid text', () => {
    const sample = fc.sample(validProfile, { numRuns: 400, seed: 42 });
    const seen = new Set<string>();
    const mark = (cond: boolean, what: string) => cond && seen.add(what);
    for (const p of sample) {
      mark(p.interfaces.length > 1, 'several interfaces');
      mark(p.interfaces.length === 0, 'no interface');
      for (const i of p.interfaces) {
        seen.add(`ipv4 ${i.ipv4.mode}`);
        seen.add(`ipv6 ${i.ipv6.mode}`);
        mark(i.wifi !== null, 'wifi');
        mark(i.wifi !== null && i.wifi.passphrase === '', 'open wifi');
        mark(!i.auto, 'not auto');
      }
      seen.add(p.keymap === null ? 'keymap none' : 'keymap real');
      seen.add(p.user === null ? 'no user' : 'user');
      if (p.user !== null) {
        mark(p.user.fullName === '', 'no full name');
        mark(p.user.fullName !== '' && travelsAsWord(p.user.fullName), 'one-word full name');
        mark(/ /.test(p.user.fullName), 'full name with spaces');
        mark(/\$\(|`|['";]/.test(p.user.fullName), 'hostile full name');
        mark(p.user.groups.length > 0, 'groups');
        mark(p.user.sshKeys.length > 1, 'several keys');
        mark(
          p.user.sshKeys.some((k) => /\$\(|`|'/.test(k)),
          'hostile key comment',
        );
        mark(p.user.passwordHash !== null, 'user password');
      }
      seen.add(`disk ${p.disk.mode}`);
      for (const f of ['lvm', 'encrypt', 'raid'] as const) mark(p.disk[f], f);
      mark(p.disk.swapMb !== null, 'swap');
      mark(p.disk.rootMb !== null, 'root size');
      mark(p.disk.efi === 'efi', 'efi');
      mark(p.disk.bootloader !== 'default', 'bootloader');
      mark(p.disk.diskLabel !== 'default', 'label');
      mark(p.disk.kernelFlavor !== '', 'flavor');
      mark(p.disk.kernelOptions !== '', 'kernel options');
      mark(p.disk.bootFs !== 'ext4', 'boot fs');
      mark(p.diskless.lbuMedia !== null, 'lbu');
      mark(p.diskless.apkCacheDir !== null, 'apk cache');
      seen.add(`repos ${p.apkRepos.mode}`);
      mark(p.apkRepos.community, 'community');
      mark(p.packages.length > 0, 'packages');
      mark(p.services.length > 0, 'services');
      mark(p.proxy !== null, 'proxy');
      mark(p.dns.servers.length > 0 && p.dns.searchDomain !== '', 'dns');
      mark(p.timezone === null, 'timezone none');
      mark(p.wifiConfigFile !== null, 'wpa_supplicant file');
      mark(p.ipForwarding, 'forwarding');
      mark(p.rootSshKeys.length > 0, 'root keys');
      mark(/\$\(|`|['"]/.test(p.name), 'hostile name');
    }
    const wanted = [
      'several interfaces',
      'no interface',
      'ipv4 dhcp',
      'ipv4 static',
      'ipv4 none',
      'ipv6 none',
      'ipv6 auto',
      'ipv6 static',
      'wifi',
      'open wifi',
      'not auto',
      'keymap none',
      'keymap real',
      'no user',
      'user',
      'no full name',
      'one-word full name',
      'full name with spaces',
      'hostile full name',
      'groups',
      'several keys',
      'hostile key comment',
      'user password',
      'disk sys',
      'disk data',
      'disk none',
      'lvm',
      'encrypt',
      'raid',
      'swap',
      'root size',
      'efi',
      'bootloader',
      'label',
      'flavor',
      'kernel options',
      'boot fs',
      'lbu',
      'apk cache',
      'repos first',
      'repos fastest',
      'repos random',
      'repos urls',
      'repos none',
      'community',
      'packages',
      'services',
      'proxy',
      'dns',
      'timezone none',
      'wpa_supplicant file',
      'forwarding',
      'root keys',
      'hostile name',
    ];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });
});
