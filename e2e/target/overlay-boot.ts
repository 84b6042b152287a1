import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { hostCommand } from './host-command';

/** What the target's sshd takes from a booted overlay. */
export interface OverlayBoot {
  /** The overlay's sshd_config, its paths moved under the chroot (sshd reads keys before it chroots). */
  sshdLines: string[];
  /** The overlay's /root/.ssh/authorized_keys, seen from the host. */
  authorizedKeysFile: string;
  /** The overlay's public host key, seen from the host. */
  hostPublicKeyFile: string;
  /** What BusyBox tar listed while unpacking (the boot keeps it as /tmp/ovlfiles). */
  unpacked: string[];
}

/** The chroot's BusyBox, so the unpack is Alpine's own tar, not the host's. */
const inChroot = (root: string, script: string, ...args: string[]) => hostCommand('/usr/sbin/chroot', [root, '/bin/sh', '-c', script, 'boot', ...args]);

/**
 * Boots a fresh minirootfs from a headless overlay the way Alpine's
 * initramfs does (mkinitfs initramfs-init: `tar -C $sysroot -zxvf $ovl`,
 * then `chmod 700 /root`, then `apk add` of the overlay's world from the boot
 * medium, here the recording apk stand-in). Returns what the SSH server must
 * use: the overlay's keys and login policy. Nothing of Cairn's runs here.
 */
export async function bootFromOverlay(root: string, overlayFile: string): Promise<OverlayBoot> {
  const inside = '/tmp/boot.apkovl.tar.gz';
  await copyFile(overlayFile, path.join(root, inside));
  const { stdout } = await inChroot(root, 'tar -C / -zxvf "$1"', inside);
  await rm(path.join(root, inside));
  await inChroot(root, '[ -d /root ] && chmod 700 /root; world=$(cat /etc/apk/world 2>/dev/null); [ -z "$world" ] || apk add $world');

  const configText = await readFile(path.join(root, 'etc/ssh/sshd_config'), 'utf8');
  const home = path.join(root, 'root');
  const sshdLines = configText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      const value = rest.join(' ');
      if (/^hostkey$/i.test(keyword)) return `HostKey ${path.join(root, value)}`;
      if (/^authorizedkeysfile$/i.test(keyword)) return `AuthorizedKeysFile ${value.startsWith('/') ? path.join(root, value) : path.join(home, value)}`;
      return line;
    });
  const keyLine = sshdLines.find((l) => l.startsWith('HostKey '));
  const keysLine = sshdLines.find((l) => l.startsWith('AuthorizedKeysFile '));
  if (keyLine === undefined || keysLine === undefined) throw new Error("The overlay's sshd_config names no HostKey or AuthorizedKeysFile.");
  return {
    sshdLines,
    authorizedKeysFile: keysLine.slice('AuthorizedKeysFile '.length),
    hostPublicKeyFile: `${keyLine.slice('HostKey '.length)}.pub`,
    unpacked: stdout.split('\n').filter((l) => l !== ''),
  };
}
