import type { ReceiptPlan } from './receipt-step';

/**
 * One remote step of an install. `command` is one shell command line built
 * from quoted parts; secrets travel only on `stdin`, never in `command`.
 */
export interface Step {
  /** Stable kebab-case name (`setup-alpine`, `disk`, ...). */
  id: string;
  title: string;
  command: string;
  /** Fed to the command's standard input; may hold a secret, so never log or show it. */
  stdin?: string;
  /** A file the runner writes on the box before running `command`. */
  upload?: { path: string; content: string; mode: number };
  destructive: boolean;
  /** Exactly the disks this step wipes. */
  erases: string[];
  duration: 'instant' | 'short' | 'long';
  /**
   * Run with stdin closed and no terminal: a helper that re-prompts can never
   * wait for an answer, so the runner watches for repeated prompts and idle output.
   */
  detached?: boolean;
  /** Run even when an earlier step failed (cleanup of what was uploaded). */
  always?: boolean;
  /** The box goes away during this step: a dropped connection is its success. */
  disconnects?: boolean;
  /**
   * Run on a terminal, typing each answer when its prompt (a RegExp source,
   * tested against the unfinished last line) appears: cryptsetup reads a
   * LUKS passphrase from the terminal only. Secrets: never log or show them.
   */
  answers?: StepAnswer[];
}

export interface StepAnswer {
  prompt: string;
  answer: string;
}

/** What the runner knows about the target before planning. */
export interface TargetFacts {
  /** `doas`: the login user is not root, so every command runs through doas. */
  privilege: 'root' | 'doas';
  /**
   * A directory only the login user can write, made by the runner in
   * preflight (mktemp -d); the answer file is uploaded there. Default /tmp/cairn.
   */
  workDir?: string;
  /** alpine-conf version read in preflight (`apk info -v alpine-conf`). */
  alpineVersion?: string;
  /** Block devices seen on the box in preflight. */
  disks?: string[];
}

export interface PlanOptions {
  /** Reboot at the end (into the installed system after a disk install). */
  reboot?: boolean;
  /** Leave /etc/cairn/receipt.json on the box (receipt-step.ts); the app always does. */
  receipt?: ReceiptPlan;
}

export const DEFAULT_WORK_DIR = '/tmp/cairn';
