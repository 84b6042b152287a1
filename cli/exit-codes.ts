import type { ErrorCode } from '../shared/api/result';

/**
 * The exit statuses of cairn, one per thing a script does next: 1 look at
 * the output, 2 fix the command line, 3 confirm or change what was refused,
 * 4 compare a host key, 5 fix the network or the login.
 */
export const EXIT = {
  done: 0,
  failed: 1,
  usage: 2,
  refused: 3,
  hostKey: 4,
  unreachable: 5,
  /** Stopped with Ctrl-C, as shells report SIGINT (128 + 2). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// Every code of the contract's closed list, so a new code needs a decision
// here; the code itself is what --json prints, the status only its group.
const BY_CODE: Record<ErrorCode, ExitCode> = {
  'invalid-input': EXIT.usage,
  'not-found': EXIT.usage,
  'corrupt-store': EXIT.failed,
  'newer-format': EXIT.failed,
  'io-failed': EXIT.failed,
  'host-key-unknown': EXIT.hostKey,
  'host-key-changed': EXIT.hostKey,
  'auth-failed': EXIT.unreachable,
  unreachable: EXIT.unreachable,
  timeout: EXIT.unreachable,
  cancelled: EXIT.interrupted,
  'invalid-profile': EXIT.failed,
  'secrets-unavailable': EXIT.failed,
  'confirmation-mismatch': EXIT.refused,
  'preflight-refused': EXIT.refused,
  'key-unreadable': EXIT.unreachable,
  'connection-lost': EXIT.unreachable,
  'idle-timeout': EXIT.unreachable,
  'upload-mismatch': EXIT.failed,
  'remote-failed': EXIT.failed,
  'step-failed': EXIT.failed,
  'output-error': EXIT.failed,
  'prompt-loop': EXIT.failed,
  interrupted: EXIT.failed,
  'unsaved-changes': EXIT.refused,
  'lbu-not-configured': EXIT.refused,
  'unexpected-output': EXIT.failed,
  internal: EXIT.failed,
};

/** The exit status a failure with this code ends with. */
export const exitCodeOf = (code: ErrorCode): ExitCode => BY_CODE[code];

/** The table `cairn --help` and the README show. */
export const EXIT_TABLE = `Exit status:
  0    done (find: found)
  1    failed: the profile has errors, a step or action failed on the box (find: not found)
  2    wrong usage: an unknown option or target, a file that cannot be read
  3    refused: --erase does not name exactly the disks the plan erases, the box
       does not suit the profile (preflight), or the box refused the action
  4    host key: the box's key is not known (compare it, then --accept-new) or has
       changed (never accepted)
  5    cannot reach the box or log in
  130  stopped with Ctrl-C
With several targets, the status is that of the first target (in the order given)
that did not end well.
`;
