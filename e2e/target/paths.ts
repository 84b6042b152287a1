import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in e2e/target/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where targets live. A ChrootDirectory must sit on a path whose every
 * component is root-owned and not group- or world-writable, so not /tmp.
 */
export const TARGETS_DIR = '/var/lib/cairn-test';

export const STAND_INS_DIR = path.join(REPO_ROOT, 'e2e', 'target', 'stand-ins');

/** The Alpine minirootfs: $CAIRN_ALPINE_ROOTFS, else ../shared/alpine/ beside the repository. */
export function alpineRootfsPath(): string {
  return process.env.CAIRN_ALPINE_ROOTFS ?? path.resolve(REPO_ROOT, '..', 'shared', 'alpine', 'alpine-minirootfs-3.20.3-x86_64.tar.gz');
}

/** alpine-conf, the real installer: $CAIRN_ALPINE_CONF, else ../shared/alpine/alpine-conf-3.22.0 beside the repository. */
export function alpineConfPath(): string {
  return process.env.CAIRN_ALPINE_CONF ?? path.resolve(REPO_ROOT, '..', 'shared', 'alpine', 'alpine-conf-3.22.0');
}
