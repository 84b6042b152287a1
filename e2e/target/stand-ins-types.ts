/**
 * What a chroot cannot hold, provided on the test target by stand-ins that
 * record what they were asked: block devices (setup-disk, mount, umount),
 * the LBU medium (lbu), init and services (OpenRC), the network (apk add, wget, nslookup,
 * `busybox ntpd`) and the machine itself (reboot). setup-alpine and every
 * other setup-* tool are alpine-conf's own (see installer.ts).
 */
export const STAND_IN_TOOLS = [
  'setup-disk',
  'rc-update',
  'rc-service',
  'rc-status',
  'openrc',
  'lbu',
  'apk',
  'wget',
  'nslookup',
  'ntpd',
  'mount',
  'umount',
  'reboot',
  'poweroff',
  'halt',
] as const;

export type StandInTool = (typeof STAND_IN_TOOLS)[number];

/** What one stand-in invocation was asked. */
export interface StandInRecord {
  /** Order in which the stand-ins started on this target, from 1. */
  seq: number;
  tool: StandInTool;
  /** The arguments after the program name. */
  argv: string[];
  /** Those of ERASE_DISKS BOOTFS ROOTFS VARFS DISKLABEL KERNELOPTS USE_EFI BOOTLOADER BOOT_SIZE SWAP_SIZE ROOT_SIZE that were set in its environment. */
  env: Record<string, string>;
  /** What it read on stdin; null when stdin was a terminal. */
  stdin: string | null;
  /** True when the client never closed stdin (the copy gave up after 2 s). */
  stdinLeftOpen: boolean;
  /** null while it runs, or when it was killed. */
  exitCode: number | null;
  /** Seconds since the epoch, on the target's clock. */
  startedAt: number;
  /**
   * setup-disk -e only: how cryptsetup's questions were answered, never the
   * passphrase itself: "passphrase-sha256=HEX asked=N" once it was set, or
   * "no-terminal" when nothing could answer (stdin closed, no terminal), or
   * "unattended" in the installer oracle, which checks only what was asked.
   */
  crypt: string | null;
}

/** Behaviour every stand-in understands. */
export interface ToolControl {
  /** ok (default); fail: print errorLine, exit exitCode; hang: never return. */
  mode?: 'ok' | 'fail' | 'hang';
  /** Exit code for mode 'fail' (default 1). */
  exitCode?: number;
  /** Pause after each line of output, for progress tests. */
  lineDelayMs?: number;
  /** Pause before doing anything, at every call: makes a real setup-alpine that calls the tool slow. */
  startDelayMs?: number;
  errorLine?: string;
}

export type StandInControl = { [T in StandInTool]?: ToolControl };
