import { chmod, copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { KEYMAPS, TIMEZONES } from '../../shared/reference';
import { alpineConfPath } from './paths';

/** alpine-conf's library files: setup-* source them from $LIBDIR (/lib). */
const LIBRARIES = new Set(['libalpine.sh', 'dasd-functions.sh']);
/** What the folder holds besides the programs. */
const NOT_PROGRAMS = new Set(['README.md', 'README.cairn.md', 'LICENSE', 'doc', 'tests', 'lbu.conf']);

/**
 * Installs the real installer, alpine-conf, where Alpine's package puts it:
 * the programs in /sbin, their library in /lib, lbu.conf in /etc/lbu. The
 * stand-ins are installed afterwards and replace the few programs a chroot
 * cannot run for real (setup-disk, lbu).
 */
export async function installAlpineConf(root: string): Promise<void> {
  const from = alpineConfPath();
  for (const name of await readdir(from)) {
    if (NOT_PROGRAMS.has(name)) continue;
    const dir = LIBRARIES.has(name) ? 'lib' : 'sbin';
    const target = path.join(root, dir, name);
    await copyFile(path.join(from, name), target);
    await chmod(target, LIBRARIES.has(name) ? 0o644 : 0o755);
  }
  await mkdir(path.join(root, 'etc/lbu'), { recursive: true });
  await copyFile(path.join(from, 'lbu.conf'), path.join(root, 'etc/lbu/lbu.conf'));
  await installInstallerData(root);
}

/**
 * The data the installer reads from packages that a booted Alpine medium
 * carries (kbd-bkeymaps, tzdata): one small placeholder file per keymap and
 * zone that exists in Alpine, so setup-keymap and setup-timezone accept
 * exactly the names Alpine has and refuse the others as on a real box.
 */
async function installInstallerData(root: string): Promise<void> {
  const keymap = gzipSync('cairn test keymap placeholder\n');
  for (const [layout, variants] of Object.entries(KEYMAPS)) {
    const dir = path.join(root, 'usr/share/bkeymaps', layout);
    await mkdir(dir, { recursive: true });
    for (const variant of variants) await writeFile(path.join(dir, `${variant}.bmap.gz`), keymap);
  }
  for (const zone of ['UTC', ...TIMEZONES]) {
    const file = path.join(root, 'usr/share/zoneinfo', zone);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `TZif placeholder for ${zone}\n`);
  }
}
