import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile';
import { runWithShims } from '../plan/shims.test-support';
import { fixSteps } from './drift';
import { driftOf, pi, piProfile, rows } from './drift-pi.test-support';

/** A static box: setup-alpine runs setup-dns only when no interface uses DHCP. */
const staticBox = (dns: Profile['dns']): Profile => ({
  ...piProfile(),
  interfaces: [
    {
      name: 'eth0',
      auto: true,
      ipv4: { mode: 'static', address: '192.168.178.20', prefix: 24, gateway: '192.168.178.1' },
      ipv6: { mode: 'none' },
      wifi: null,
      extraOptions: { inet: [], inet6: [] },
    },
  ],
  dns,
});
const STATIC_FILE = 'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet static\n\taddress 192.168.178.20/24\n\tgateway 192.168.178.1';

describe('dns drift', () => {
  it('matches resolv.conf as setup-dns writes it', () => {
    expect(driftOf(staticBox({ searchDomain: 'fritz.box', servers: ['192.168.178.1'] }), pi({ interfaces: STATIC_FILE }))).toEqual([]);
  });

  it('compares the servers in order and the search domain, and is guarded', () => {
    const profile = staticBox({ searchDomain: 'home.lan', servers: ['9.9.9.9', '192.168.178.1'] });
    expect(rows(profile, pi({ interfaces: STATIC_FILE }))).toEqual([
      { field: 'dns', item: null, expected: 'search home.lan, nameserver 9.9.9.9, nameserver 192.168.178.1', actual: 'search fritz.box, nameserver 192.168.178.1', guarded: true },
    ]);
    const [found] = driftOf(profile, pi({ interfaces: STATIC_FILE }));
    expect(found?.diff).toEqual([
      { side: 'profile', text: 'search home.lan' },
      { side: 'profile', text: 'nameserver 9.9.9.9' },
      { side: 'box', text: 'search fritz.box' },
      { side: 'both', text: 'nameserver 192.168.178.1' },
    ]);
    expect(found?.fix).toMatchObject({ id: 'dns', guarded: true });
  });

  it('leaves DNS to DHCP when an interface uses it, as setup-alpine does', () => {
    expect(driftOf({ ...piProfile(), dns: { searchDomain: 'home.lan', servers: ['9.9.9.9'] } }, pi())).toEqual([]);
  });

  it("runs setup-dns with the domain and servers; with a domain alone it keeps the box's servers", () => {
    const both = fixSteps(driftOf(staticBox({ searchDomain: 'home.lan', servers: ['9.9.9.9'] }), pi({ interfaces: STATIC_FILE })));
    const domainOnly = fixSteps(driftOf(staticBox({ searchDomain: 'home.lan', servers: [] }), pi({ interfaces: STATIC_FILE })));
    const run = runWithShims([...both, ...domainOnly].map((s) => s.command).join(' && '), ['setup-dns']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([
      ['setup-dns', '-d', 'home.lan', '9.9.9.9'],
      ['setup-dns', '-d', 'home.lan', '192.168.178.1'],
    ]);
  });
});
