import { createHash, randomBytes } from 'node:crypto';
import { err, ok } from '../../shared/api/result';
import { op, sh } from '../../shared/shell';
import type { SshConnection } from './connect';
import { hostLabel, type SshResult } from './errors';
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
const remoteSum = (stdout: string) => /^([0-9a-f]{64})\s/.exec(stdout)?.[1] ?? null;

/**
 * Copies content to remotePath over plain exec channels (works with Dropbear,
 * which has no SFTP): written to a temporary file beside the target under
 * umask 077, so it is never readable by others even for a moment; checked
 * with sha256sum on the target; then given its mode and moved into place.
 */
export async function upload(conn: SshConnection, remotePath: string, content: Buffer | string, options: UploadOptions = {}): Promise<SshResult<UploadOutcome>> {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const expected = sha256(data);
  const where = hostLabel(conn.host, conn.port);
  const temp = `${remotePath}.cairn-${randomBytes(6).toString('hex')}.tmp`;
  const mode = (options.mode ?? 0o600).toString(8).padStart(4, '0');
  const limits = { timeoutMs: options.timeoutMs, signal: options.signal };

  const write = await exec(conn, sh('umask', '077', op('&&'), 'cat', op('>'), temp, op('&&'), 'sha256sum', temp), { ...limits, stdin: data });
  if (!write.ok) return write;
  const removeTemp = () => exec(conn, sh('rm', '-f', temp), { timeoutMs: 60_000 });
  if (write.value.exitCode !== 0) {
    await removeTemp();
    const stderr = write.value.stderr.trim();
    return err({
      code: 'remote-failed',
      exitCode: write.value.exitCode,
      stderr,
      message: `Writing ${remotePath} on ${where} failed (${stderr || `exit code ${write.value.exitCode}`}): check that the folder exists and has free space.`,
    });
  }
  const written = remoteSum(write.value.stdout);
  if (written !== expected) {
    await removeTemp();
    return err({
      code: 'upload-mismatch',
      message: `The copy of ${remotePath} on ${where} does not match what Cairn sent (sha256 ${written ?? 'missing'} instead of ${expected}), so it was not installed: try again, and check the box's disk if it keeps happening.`,
    });
  }

  const place = await exec(conn, sh('chmod', mode, temp, op('&&'), 'mv', '-f', temp, remotePath, op('&&'), 'sha256sum', remotePath), limits);
  if (!place.ok) return place;
  if (place.value.exitCode !== 0 || remoteSum(place.value.stdout) !== expected) {
    await removeTemp();
    const stderr = place.value.stderr.trim();
    return err({
      code: 'remote-failed',
      exitCode: place.value.exitCode,
      stderr,
      message: `Moving the upload into ${remotePath} on ${where} failed (${stderr || 'checksum differs after the move'}): check the path and its permissions.`,
    });
  }
  return ok({ bytes: data.length, sha256: expected });
}
