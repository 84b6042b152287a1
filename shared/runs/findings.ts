import type { Section } from './sections';

export type FindingKind = 'invalid-hostname' | 'invalid-timezone' | 'retry' | 'user-not-created' | 'not-a-block-device' | 'invalid-choice' | 'apk-error' | 'prompt-loop';

/**
 * Something in the output that the exit code does not tell: setup-alpine
 * exits 0 after most of its helpers fail. An error means the box is not what
 * the profile asked for; a warning means it works but differs in a detail.
 */
export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning';
  /** A plain sentence: what went wrong and what to change. */
  reason: string;
  /** The output line it was read from. */
  line: string;
  /** The setup-alpine section it appeared in, when known. */
  section: Section | null;
}

const visible = (text: string) => text.replaceAll('\r', '\\r');

interface Rule {
  kind: Exclude<FindingKind, 'prompt-loop'>;
  severity: Finding['severity'];
  pattern: RegExp;
  reason: (match: RegExpExecArray) => string;
}

// Lines printed by alpine-conf's helpers (setup-hostname, setup-timezone,
// setup-alpine's password loop, setup-user's usage, setup-disk, libalpine's
// ask) and by apk, as seen in real runs.
const RULES: readonly Rule[] = [
  {
    kind: 'invalid-hostname',
    severity: 'error',
    pattern: /^Hostname (?:must only contain|must not start with|'.*' is too long)/,
    reason: () => 'setup-alpine rejected the hostname, so the box kept its old one: use only letters, digits, "." and "-", not starting with "-" or ".".',
  },
  {
    kind: 'invalid-timezone',
    severity: 'warning',
    pattern: /^'(.*)' is not a valid timezone on this system/,
    reason: (m) => `The time zone "${m[1] ?? ''}" does not exist on the box, so its clock zone was left unchanged: pick a zone from the list (for example Europe/Berlin).`,
  },
  {
    kind: 'retry',
    severity: 'error',
    pattern: /^Please retry\.?$/,
    reason: () =>
      'setup-alpine asked for a password again ("Please retry"): the root password was not set. Keep -e in the command and set the password through the profile instead.',
  },
  {
    kind: 'user-not-created',
    severity: 'error',
    pattern: /^usage: setup-user\b/,
    reason: () =>
      'setup-user printed its usage instead of creating the user, so no user was created: a user option held a space or a quote (USEROPTS is split on spaces). Remove it, or let Cairn set the full name in its own step.',
  },
  {
    kind: 'not-a-block-device',
    severity: 'error',
    pattern: /^(.+?) is not a block device/s,
    reason: (m) =>
      (m[1] ?? '').includes('\r')
        ? `The disk name "${visible(m[1] ?? '')}" ends in a carriage return, so nothing was installed: the answer file has Windows line endings; save it with LF endings.`
        : `${m[1] ?? 'The disk'} is not a disk on this box, so nothing was installed: check the disk name in the Disk step against the disks the box lists.`,
  },
  {
    kind: 'invalid-choice',
    severity: 'warning',
    pattern: /^'(.*)' is not a valid choice\.$/,
    reason: (m) => `setup-alpine did not accept "${m[1] ?? ''}" as an answer: check that value in the profile.`,
  },
  {
    kind: 'apk-error',
    severity: 'warning',
    pattern: /^ERROR: (.+)/,
    reason: (m) => `apk reported an error (${m[1] ?? ''}): a package may be missing; check the repositories and the package names.`,
  },
];

/** First characters of the lines the rules look for (H ' P u E), checked before any pattern runs. */
const FIRST = new Set([72, 39, 80, 117, 69]);

/** The one rule that can match mid-line: a line holding it may be a finding whatever its first character. */
export const MID_LINE_PHRASE = ' is not a block device';

/** Whether a line starting with this character code may match a rule (besides the mid-line one). */
export const mayStartFinding = (code: number): boolean => FIRST.has(code);

/** Quick filter: most output lines match no rule and are skipped without running the patterns. */
const maybe = (line: string) => mayStartFinding(line.charCodeAt(0)) || line.includes(MID_LINE_PHRASE);

/** The finding a line of output reveals, if any. */
export function findingOf(line: string, section: Section | null): Finding | null {
  if (!maybe(line)) return null;
  for (const rule of RULES) {
    const match = rule.pattern.exec(line);
    if (match) return { kind: rule.kind, severity: rule.severity, reason: rule.reason(match), line, section };
  }
  return null;
}
