import type { BoxTree, Stanza } from '../../e2e/target/box-tree';
import type { NetworkInterface, Profile } from '../profile';
import { unlocks } from '../profile/unlock';
import { fullNameTravels } from './user-options';

/**
 * What a box installed from `profile` by the real setup-alpine must hold,
 * written from the profile's meaning (not from Cairn's renderer), and the
 * differences from what it does hold: the installer oracle's expectation.
 */
const words = (s: string) => s.trim().split(/\s+/).join(' ');
const isUrl = (k: string) => /^https?:\/\//.test(k.trim());

function expectedStanzas(i: NetworkInterface): Stanza[] {
  const out: Stanza[] = [];
  const block = (family: 'inet' | 'inet6', config: NetworkInterface['ipv4'] | NetworkInterface['ipv6'], extra: string[], force: boolean) => {
    if (config.mode === 'none' && !force) return;
    const options =
      config.mode === 'static'
        ? [`address ${config.prefix === null ? config.address : `${config.address}/${config.prefix}`}`, ...(config.gateway === '' ? [] : [`gateway ${config.gateway}`])]
        : [];
    out.push({ name: i.name, family, method: config.mode === 'none' ? 'manual' : config.mode, auto: i.auto, options: [...options, ...extra].map(words) });
  };
  block('inet', i.ipv4, i.extraOptions.inet, (i.ipv6.mode === 'none' && i.extraOptions.inet6.length === 0) || i.extraOptions.inet.length > 0);
  block('inet6', i.ipv6, i.extraOptions.inet6, i.extraOptions.inet6.length > 0);
  if (i.wifi !== null && out[0] !== undefined)
    out[0].options.push('use wifi', words(`wifi-ssid ${i.wifi.ssid}`), ...(i.wifi.passphrase === '' ? [] : [words(`wifi-psk ${i.wifi.passphrase}`)]));
  for (const s of out) s.options.sort();
  return out;
}

export function treeProblems(tree: BoxTree, p: Profile): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) problems.push(`${what}: the box has ${JSON.stringify(actual)}, the profile says ${JSON.stringify(wanted)}`);
  };
  expect('hostname', tree.hostname, p.hostname);
  expect('keymap', tree.keymap, p.keymap === null ? null : `/etc/keymap/${p.keymap.variant}.bmap.gz`);
  expect('zone', tree.zone, p.timezone === null ? null : p.timezoneMode === 'link' ? `/usr/share/zoneinfo/${p.timezone}` : `/etc/zoneinfo/${p.timezone}`);
  const stanzas = [{ name: 'lo', family: 'inet', method: 'loopback', auto: true, options: [] }, ...p.interfaces.flatMap(expectedStanzas)];
  expect(
    'interfaces',
    tree.interfaces,
    stanzas.sort((a, b) => `${a.name} ${a.family}`.localeCompare(`${b.name} ${b.family}`)),
  );
  const dhcp = p.interfaces.some((i) => i.ipv4.mode === 'dhcp' || i.ipv6.mode === 'dhcp');
  if (!dhcp && (p.dns.searchDomain !== '' || p.dns.servers.length > 0))
    expect('resolv.conf', tree.resolv, [...(p.dns.searchDomain === '' ? [] : [`search ${p.dns.searchDomain}`]), ...p.dns.servers.map((s) => `nameserver ${s}`)]);
  expect('proxy', tree.proxy, p.proxy);
  const u = p.user;
  expect(
    'users',
    tree.users,
    u === null
      ? []
      : [
          {
            name: u.name,
            gecos: u.fullName !== '' && fullNameTravels(u.fullName) ? u.fullName : 'Linux User,,,',
            groups: [...new Set([...u.groups, ...(u.admin ? ['wheel'] : [])])].sort(),
            password: unlocks(u) ? 'empty' : 'locked',
            authorizedKeys: u.sshKeys.map((k) => k.trim()),
          },
        ],
  );
  expect('doas', tree.doas, u?.admin === true ? ['permit persist :wheel'] : []);
  expect(
    'root keys',
    tree.rootKeys,
    p.rootSshKeys.map((k) => k.trim()),
  );
  const sshd = { openssh: 'default/sshd', dropbear: 'default/dropbear', none: null }[p.sshd];
  const ntp = { chrony: 'default/chronyd', openntpd: 'default/openntpd', busybox: 'default/ntpd', none: null }[p.ntp];
  for (const service of [sshd, ntp]) if (service !== null && !tree.services.includes(service)) problems.push(`services: ${service} is not enabled`);
  if (p.apkRepos.mode === 'urls') for (const url of p.apkRepos.urls) if (!tree.repositories.includes(url)) problems.push(`repositories: ${url} is missing`);
  if (p.apkRepos.mode === 'first' && !tree.repositories.some((r) => r.startsWith('http://dl-cdn.alpinelinux.org/alpine/') && r.endsWith('/main')))
    problems.push('repositories: the first mirror was not added');
  if (p.disk.mode !== 'sys') {
    expect('apk cache', tree.apkCache, p.diskless.apkCacheDir);
    // setup-lbu writes a medium named by a plain word as it is (LABEL= and paths it resolves first).
    const media = p.diskless.lbuMedia;
    if (media === null || /^[A-Za-z0-9_-]+$/.test(media)) expect('LBU medium', tree.lbuMedia, media);
  }
  return problems;
}

/** Profiles whose install needs the network here (keys fetched from a URL): the oracle has none. */
export const needsNetwork = (p: Profile): boolean => [...p.rootSshKeys, ...(p.user?.sshKeys ?? [])].some(isUrl);
