/** The Alpine tools the minirootfs lacks, provided on the test target by stand-ins. */
export const STAND_IN_TOOLS = [
  'setup-alpine',
  'setup-disk',
  'setup-lbu',
  'setup-apkcache',
  'rc-update',
  'rc-service',
  'rc-status',
  'lbu',
  'apk',
  'reboot',
  'poweroff',
  'halt',
  'setup-timezone',
  'setup-hostname',
] as const;

export type StandInTool = (typeof STAND_IN_TOOLS)[number];

/** What one stand-in invocation was asked. */
export interface StandInRecord {
  /** Order in which the stand-ins started on this target, from 1. */
  seq: number;
  tool: StandInTool;
  /** The arguments after the program name. */
  argv: string[];
  /** Those of ERASE_DISKS BOOTFS ROOTFS VARFS DISKLABEL KERNELOPTS USE_EFI BOOTLOADER that were set in its environment. */
  env: Record<string, string>;
  /** What it read on stdin; null when stdin was a terminal. */
  stdin: string | null;
  /** True when the client never closed stdin (the copy gave up after 2 s). */
  stdinLeftOpen: boolean;
  /** setup-alpine only: a copy of the answer file given with -f. */
  answerFile: string | null;
  /** null while it runs, or when it was killed. */
  exitCode: number | null;
  /** Seconds since the epoch, on the target's clock. */
  startedAt: number;
}

/** Behaviour every stand-in understands. */
export interface ToolControl {
  /** ok (default); fail: print errorLine, exit exitCode; hang: never return. */
  mode?: 'ok' | 'fail' | 'hang';
  /** Exit code for mode 'fail' (default 1). */
  exitCode?: number;
  /** Pause after each line of output, for progress tests. */
  lineDelayMs?: number;
  errorLine?: string;
}

export interface SetupAlpineControl extends Omit<ToolControl, 'mode'> {
  /**
   * ok: behave as the answer file says. fail: print errorLine (default the
   * missing-disk line) under "Disk & Install" and exit exitCode. error-line:
   * print errorLine (default the bad-timezone line) under "Timezone" and
   * still exit 0, as the real one does. hang: stop after the first heading
   * forever. prompt-forever: repeat "Select variant (or 'abort'):" until
   * stdin says abort, i.e. forever with stdin closed.
   */
  mode?: 'ok' | 'fail' | 'hang' | 'error-line' | 'prompt-forever';
}

export type StandInControl = { 'setup-alpine'?: SetupAlpineControl } & {
  [T in Exclude<StandInTool, 'setup-alpine'>]?: ToolControl;
};
