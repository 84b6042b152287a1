import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** One `iface NAME FAMILY METHOD` stanza and its options, in a form where equal meanings compare equal. */
export interface Stanza {
  name: string;
  family: string;
  method: string;
  auto: boolean;
  /** "option value" lines, netmask folded into the address's prefix, sorted. */
  options: string[];
}

export interface BoxUser {
  name: string;
  gecos: string;
  groups: string[];
  /** What is in the password field of /etc/shadow: locked (!), empty, or set. */
  password: 'locked' | 'empty' | 'set';
  authorizedKeys: string[];
}

/**
 * What an installed box's files say, read from its root folder: the part of
 * /etc (and homes) that setup-alpine writes, in a form where two boxes with
 * the same meaning compare equal. Test support for the installer oracle.
 */
export interface BoxTree {
  hostname: string | null;
  interfaces: Stanza[] | null;
  resolv: string[] | null;
  repositories: string[];
  keymap: string | null;
  zone: string | null;
  proxy: string | null;
  users: BoxUser[];
  rootKeys: string[];
  doas: string[];
  /** RUNLEVEL/SERVICE for every enabled service. */
  services: string[];
  /** /etc/apk/world, sorted. */
  world: string[];
  lbuMedia: string | null;
  apkCache: string | null;
  sshdConfig: string[];
  chronyConf: string | null;
}

const read = (root: string, file: string): string | null => {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return null;
  }
};
const link = (root: string, file: string): string | null => {
  try {
    return readlinkSync(path.join(root, file));
  } catch {
    return null;
  }
};
const lines = (text: string | null): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
const list = (root: string, dir: string): string[] => {
  try {
    return readdirSync(path.join(root, dir));
  } catch {
    return [];
  }
};

function prefixOf(netmask: string): number {
  return netmask.split('.').reduce((n, octet) => n + (Number(octet) >>> 0).toString(2).replace(/0/g, '').length, 0);
}

/** A line as ifupdown-ng reads it: `\#` is a "#", an unescaped "#" starts a comment. */
function uncomment(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && line[i + 1] === '#') {
      out += '#';
      i++;
    } else if (line[i] === '#') break;
    else out += line[i];
  }
  return out.trim();
}

/** ifupdown's file as stanzas; `netmask M` with `address A` is `address A/P`. */
export function readInterfaces(text: string): Stanza[] {
  const autos = new Set<string>();
  const stanzas: Stanza[] = [];
  let current: Stanza | null = null;
  for (const line of text
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map(uncomment)
    .filter((l) => l !== '')) {
    const words = line.split(/\s+/);
    const [word = '', ...rest] = words;
    if (word === 'auto' || word.startsWith('allow-')) {
      for (const n of rest) autos.add(n);
      current = null;
    } else if (word === 'iface') {
      current = { name: rest[0] ?? '', family: rest[1] ?? '', method: rest[2] ?? '', auto: false, options: [] };
      stanzas.push(current);
    } else if (current !== null) {
      current.options.push(`${word} ${rest.join(' ')}`.trim());
    }
  }
  for (const s of stanzas) {
    s.auto = autos.has(s.name);
    const mask = s.options.find((o) => o.startsWith('netmask '));
    if (mask !== undefined) {
      s.options = s.options.filter((o) => o !== mask).map((o) => (o.startsWith('address ') && !o.includes('/') ? `${o}/${prefixOf(mask.slice(8))}` : o));
    }
    s.options.sort();
  }
  return stanzas.sort((a, b) => `${a.name} ${a.family}`.localeCompare(`${b.name} ${b.family}`));
}

function readUsers(root: string): BoxUser[] {
  const groups = lines(read(root, 'etc/group')).map((l) => l.split(':'));
  const shadow = new Map(
    lines(read(root, 'etc/shadow'))
      .map((l) => l.split(':'))
      .map((f) => [f[0] ?? '', f[1] ?? ''] as const),
  );
  return lines(read(root, 'etc/passwd'))
    .map((l) => l.split(':'))
    .filter((f) => Number(f[2]) >= 1000 && Number(f[2]) < 60000)
    .map((f) => {
      const name = f[0] ?? '';
      const pw = shadow.get(name) ?? '';
      return {
        name,
        gecos: f[4] ?? '',
        groups: groups
          .filter((g) => (g[3] ?? '').split(',').includes(name))
          .map((g) => g[0] ?? '')
          .sort(),
        password: pw === '' ? 'empty' : pw.startsWith('!') || pw === '*' ? 'locked' : 'set',
        authorizedKeys: lines(read(root, `home/${name}/.ssh/authorized_keys`)),
      } satisfies BoxUser;
    });
}

export function readBoxTree(root: string): BoxTree {
  const interfaces = read(root, 'etc/network/interfaces');
  const resolv = read(root, 'etc/resolv.conf');
  const keymap = /^KEYMAP=(.*)$/m.exec(read(root, 'etc/conf.d/loadkmap') ?? '');
  const lbu = /^LBU_MEDIA=(.*)$/m.exec(read(root, 'etc/lbu/lbu.conf') ?? '');
  const proxy = /^export http_proxy=(.*)$/m.exec(read(root, 'etc/profile.d/proxy.sh') ?? '');
  return {
    hostname: read(root, 'etc/hostname')?.trim() ?? null,
    interfaces: interfaces === null ? null : readInterfaces(interfaces),
    resolv: resolv === null ? null : lines(resolv),
    repositories: lines(read(root, 'etc/apk/repositories')),
    keymap: keymap?.[1]?.replace(/^"|"$/g, '') ?? null,
    zone: link(root, 'etc/localtime'),
    proxy: proxy?.[1] ?? null,
    users: readUsers(root),
    rootKeys: lines(read(root, 'root/.ssh/authorized_keys')),
    doas: list(root, 'etc/doas.d')
      .flatMap((f) => lines(read(root, `etc/doas.d/${f}`)))
      .sort(),
    services: list(root, 'etc/runlevels')
      .flatMap((level) => list(root, `etc/runlevels/${level}`).map((s) => `${level}/${s}`))
      .sort(),
    world: lines(read(root, 'etc/apk/world')).sort(),
    lbuMedia: lbu?.[1] ?? null,
    apkCache: link(root, 'etc/apk/cache'),
    sshdConfig: lines(read(root, 'etc/ssh/sshd_config')),
    chronyConf: read(root, 'etc/chrony/chrony.conf'),
  };
}
