import { accessSync, constants } from 'node:fs';
import { alpineConfPath, alpineRootfsPath } from './paths';

export interface TargetSupport {
  ok: boolean;
  /** Plain sentences, each naming what is missing and how to get it. */
  problems: string[];
}

const TOOLS: ReadonlyArray<[string, string]> = [
  ['/usr/sbin/sshd', 'openssh-server'],
  ['/usr/bin/ssh-keygen', 'openssh-client'],
  ['/usr/bin/ssh-agent', 'openssh-client'],
  ['/usr/bin/ssh-add', 'openssh-client'],
  ['/usr/sbin/dropbear', 'dropbear-bin'],
  ['/usr/bin/dropbearkey', 'dropbear-bin'],
  ['/usr/sbin/useradd', 'passwd'],
  ['/usr/sbin/userdel', 'passwd'],
  ['/usr/sbin/chpasswd', 'passwd'],
  ['/usr/sbin/chroot', 'coreutils'],
  ['/usr/bin/mknod', 'coreutils'],
  ['/usr/bin/tar', 'tar'],
  ['/usr/bin/unshare', 'util-linux'],
];

/** Whether this machine can run test targets, and if not, why. */
export function targetSupport(): TargetSupport {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) {
    problems.push('Test targets need root (chroot, host users, mknod): run the integration tests as root.');
  }
  for (const [tool, pkg] of TOOLS) {
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      problems.push(`${tool} is missing: install the Debian package ${pkg} (bash .ci/install-test-hosts.sh).`);
    }
  }
  const rootfs = alpineRootfsPath();
  try {
    accessSync(rootfs, constants.R_OK);
  } catch {
    problems.push(`The Alpine minirootfs ${rootfs} is missing: put it there or set CAIRN_ALPINE_ROOTFS to its path.`);
  }
  const installer = alpineConfPath();
  try {
    accessSync(`${installer}/setup-alpine`, constants.R_OK);
  } catch {
    problems.push(`The real installer (alpine-conf) is missing at ${installer}: put it there or set CAIRN_ALPINE_CONF to its folder.`);
  }
  return { ok: problems.length === 0, problems };
}
