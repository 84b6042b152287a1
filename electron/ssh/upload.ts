import { createHash, randomBytes } from 'node:crypto';
import { err, ok } from '../../shared/api/result';
import { sh } from '../../shared/shell';
import type { SshConnection } from './connect';
import { hostLabel, type SshError, type SshResult } from './errors';
import { exec } from './exec';

export interface UploadOptions {
  /** File mode on the target (default 0o600: most of what Cairn sends holds secrets). */
  mode?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface UploadOutcome {
  bytes: number;
  sha256: string;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Run on the box, in one channel (each channel costs the box a process of
 * its SSH server): writes stdin beside the target under umask 077, checks
 * its sha256 against the one Cairn computed, and only then gives it its
 * mode and renames it into place. A copy that does not match is removed and
 * its sum printed; a copy that could not be written, checked or placed is
 * removed too. Exit 65: no match; 66: chmod or mv failed; 67: sha256sum
 * failed; 1: the write failed.
 * $1 temporary file, $2 target, $3 expected sha256, $4 mode.
 */
const PLACE = [
  'umask 077',
  'cat > "$1" || { rm -f "$1"; exit 1; }',
  'sum=$(sha256sum "$1") || { rm -f "$1"; exit 67; }',
  'sum=${sum%% *}',
  'if [ "$sum" != "$3" ]; then rm -f "$1"; echo "$sum"; exit 65; fi',
  // umask 077 already made it 0600, the mode most uploads ask for.
  '{ [ "$4" = 0600 ] || chmod "$4" "$1"; } && mv -f "$1" "$2" || { rm -f "$1"; exit 66; }',
].join('\n');

/** The box's half of an upload: stdin to `temp`, placed at `target` only when its sha256 is `expected`. */
export const placeCommand = (temp: string, target: string, expected: string, mode: string): string => sh('/bin/sh', '-c', PLACE, 'cairn-upload', temp, target, expected, mode);

/** One upload, ready to send: the bytes, their sha256, and the box's command that places them. */
export interface UploadPlan {
  data: Buffer;
  expected: string;
  remotePath: string;
  /** placeCommand for this upload: stdin to a temporary copy, placed only when its sha256 matches. */
  command: string;
}

export function planUpload(remotePath: string, content: Buffer | string, mode = 0o600): UploadPlan {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const expected = sha256(data);
  const temp = `${remotePath}.cairn-${randomBytes(6).toString('hex')}.tmp`;
  return { data, expected, remotePath, command: placeCommand(temp, remotePath, expected, mode.toString(8).padStart(4, '0')) };
}

/** What a placeCommand that exited non-zero means, in the person's words; `sum` is what it printed (the sum of a mismatch). */
export function uploadFailure(plan: UploadPlan, where: string, exitCode: number | null, sum: string, stderr: string): SshError {
  const { remotePath, expected } = plan;
  if (exitCode === 65) {
    return {
      code: 'upload-mismatch',
      message: `The copy of ${remotePath} on ${where} does not match what Cairn sent (sha256 ${sum || 'missing'} instead of ${expected}), so it was not installed: try again, and check the box's disk if it keeps happening.`,
    };
  }
  if (exitCode === 67) {
    return {
      code: 'remote-failed',
      exitCode,
      stderr,
      message: `Cairn could not check its copy of ${remotePath} on ${where} with sha256sum (${stderr || 'no reason given'}), so it was not installed: check that sha256sum (BusyBox or coreutils) is on the box's PATH.`,
    };
  }
  if (exitCode === 66) {
    return {
      code: 'remote-failed',
      exitCode,
      stderr,
      message: `Moving the upload into ${remotePath} on ${where} failed (${stderr || 'no reason given'}): check the path and its permissions.`,
    };
  }
  return {
    code: 'remote-failed',
    exitCode,
    stderr,
    message: `Writing ${remotePath} on ${where} failed (${stderr || `exit code ${exitCode}`}): check that the folder exists and has free space.`,
  };
}

/**
 * Copies content to remotePath over a plain exec channel (works with
 * Dropbear, which has no SFTP): never readable by others even for a moment,
 * never in place unless the box's sha256 of it matches what was sent.
 */
export async function upload(conn: SshConnection, remotePath: string, content: Buffer | string, options: UploadOptions = {}): Promise<SshResult<UploadOutcome>> {
  const plan = planUpload(remotePath, content, options.mode);
  const sent = await exec(conn, plan.command, { timeoutMs: options.timeoutMs, signal: options.signal, stdin: plan.data });
  if (!sent.ok) return sent;
  const { exitCode, stdout } = sent.value;
  if (exitCode !== 0) return err(uploadFailure(plan, hostLabel(conn.host, conn.port), exitCode, stdout.trim(), sent.value.stderr.trim()));
  return ok({ bytes: plan.data.length, sha256: plan.expected });
}
