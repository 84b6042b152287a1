import { appendFile, chmod, copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KEYMAPS, TIMEZONES, knownServices, packageCatalogue, serviceOrigins } from '../../shared/reference';
import { hostCommand } from './host-command';
import { installAlpineConf } from './installer';
import { STAND_INS_DIR } from './paths';

const DEVICES: ReadonlyArray<[string, number, number]> = [
  ['null', 1, 3],
  ['zero', 1, 5],
  ['full', 1, 7],
  ['random', 1, 8],
  ['urandom', 1, 9],
  ['tty', 5, 0],
];

const MIRRORS = ['http://dl-cdn.alpinelinux.org/alpine/', 'http://dl-2.alpinelinux.org/alpine/', 'http://mirror.leaseweb.com/alpine/'];

/** Where the rootfs's own programs can be found on PATH; a stand-in replaces every copy. */
const BIN_DIRS = ['usr/local/sbin', 'usr/local/bin', 'usr/sbin', 'usr/bin', 'sbin', 'bin'];

/** Services a booted Alpine already has (openrc and busybox-openrc), so rc-update add networking works. */
const BASE_SERVICE_ORIGINS = new Set(['openrc', 'busybox']);

/** Unpacks the minirootfs into root (a fresh, root-owned 0755 directory). */
export async function unpackRootfs(rootfs: string, root: string): Promise<void> {
  await mkdir(root, { mode: 0o755 });
  await chmod(root, 0o755);
  await hostCommand('/usr/bin/tar', ['-xzf', rootfs, '-C', root]);
  // Device nodes rather than bind mounts: nothing to unmount, so a crashed
  // test leaves only files behind.
  for (const [name, major, minor] of DEVICES) {
    await hostCommand('/usr/bin/mknod', ['-m', '666', path.join(root, 'dev', name), 'c', String(major), String(minor)]);
  }
}

/** Lets the chroot name the login: uid 0 stays "root" (first entry), the login's name resolves too. */
export async function addChrootLogin(root: string, user: string): Promise<void> {
  await appendFile(path.join(root, 'etc/passwd'), `${user}:x:0:0:Cairn test login:/root:/bin/sh\n`);
}

async function writeData(root: string): Promise<void> {
  const data = path.join(root, 'usr/share/cairn-standins');
  await mkdir(data, { recursive: true });
  const keymaps = Object.entries(KEYMAPS).flatMap(([layout, variants]) => variants.map((v) => `${layout} ${v}`));
  await writeFile(path.join(data, 'keymaps'), keymaps.join('\n') + '\n');
  await writeFile(path.join(data, 'zones'), ['UTC', ...TIMEZONES].join('\n') + '\n');
  await writeFile(
    path.join(data, 'packages'),
    packageCatalogue()
      .map((p) => p.name)
      .join('\n') + '\n',
  );
  const services = knownServices().flatMap((svc) => serviceOrigins(svc).map((o) => `${svc} ${o}`));
  await writeFile(path.join(data, 'services'), services.join('\n') + '\n');
  // What the wget stand-in serves for setup-apkrepos: the head of Alpine's mirrors.txt.
  await writeFile(path.join(data, 'mirrors'), MIRRORS.join('\n') + '\n');
  // The mount table the installer reads (setup-lbu, setup-apkcache): a box
  // running from RAM, with its boot medium mounted where a Raspberry Pi has
  // its SD card, which the diskless profiles save to with lbu.
  await mkdir(path.join(root, 'proc'), { recursive: true });
  await writeFile(path.join(root, 'proc/mounts'), 'tmpfs / tmpfs rw,relatime,mode=755 0 0\n/dev/mmcblk0p1 /media/mmcblk0p1 vfat ro,relatime 0 0\n');
  await mkdir(path.join(root, 'media/mmcblk0p1'), { recursive: true });
  await appendFile(path.join(root, 'etc/fstab'), '/dev/mmcblk0p1\t/media/mmcblk0p1\tvfat\tnoauto,ro 0 0\n');
  const initd = path.join(root, 'etc/init.d');
  await mkdir(initd, { recursive: true });
  for (const svc of knownServices()) {
    if (serviceOrigins(svc).some((o) => BASE_SERVICE_ORIGINS.has(o))) {
      await writeFile(path.join(initd, svc), '#!/sbin/openrc-run\n# stand-in service\n', { mode: 0o755 });
    }
  }
}

/**
 * Installs alpine-conf (the real installer), then the stand-ins where Alpine
 * keeps the real tools (/sbin), moves the real apk to /sbin/apk.real for the
 * wrapper, and takes the lbu baseline. The `busybox` stand-in goes to
 * /usr/local/bin, ahead of /bin on PATH, so only `busybox ntpd` is caught.
 */
export async function installStandIns(root: string): Promise<void> {
  await installAlpineConf(root);
  const lib = path.join(root, 'usr/lib/cairn-standins');
  await mkdir(lib, { recursive: true });
  await rename(path.join(root, 'sbin/apk'), path.join(root, 'sbin/apk.real'));
  for (const name of await readdir(STAND_INS_DIR)) {
    if (name === 'lib.sh') {
      await copyFile(path.join(STAND_INS_DIR, name), path.join(lib, name));
      continue;
    }
    const dir = name === 'busybox' ? 'usr/local/bin' : 'sbin';
    // Links such as /sbin/reboot or /usr/bin/wget point at /bin/busybox:
    // copying onto one would write through it, and one left elsewhere on
    // PATH would be found first.
    if (name !== 'busybox') for (const d of BIN_DIRS) await rm(path.join(root, d, name), { force: true });
    const target = path.join(root, dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { force: true });
    await copyFile(path.join(STAND_INS_DIR, name), target);
    await chmod(target, 0o755);
  }
  await writeData(root);
  await hostCommand('/usr/sbin/chroot', [root, '/bin/sh', '-c', '. /usr/lib/cairn-standins/lib.sh && mkdir -p "$CAIRN_STATE" && cairn_lbu_tree > "$CAIRN_STATE/lbu-committed"']);
}
