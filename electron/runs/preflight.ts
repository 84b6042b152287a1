import { err, ok } from '../../shared/api/result';
import { op, sh } from '../../shared/shell';
import { PREFLIGHT_SCRIPT, parsePreflight, type PreflightFacts } from '../../shared/runs';
import { exec, type SshConnection, type SshResult } from '../ssh';

/** Reads the box (read-only) in one round trip. */
export async function readFacts(conn: SshConnection, signal?: AbortSignal): Promise<SshResult<PreflightFacts>> {
  const result = await exec(conn, sh('/bin/sh', '-c', PREFLIGHT_SCRIPT, 'cairn-preflight'), { timeoutMs: 60_000, signal });
  if (!result.ok) return result;
  return ok(parsePreflight(result.value.stdout));
}

/**
 * A fresh folder only the login user can enter: mktemp -d makes it 0700
 * under umask 077 and chmod says so again, whatever mktemp's defaults.
 * The answer file and the step logs live there.
 */
export async function makeWorkDir(conn: SshConnection, signal?: AbortSignal): Promise<SshResult<string>> {
  const result = await exec(conn, sh('umask', '077', op('&&'), '/bin/sh', '-c', 'd=$(mktemp -d "$1") && chmod 700 "$d" && echo "$d"', 'cairn-workdir', '/tmp/cairn.XXXXXXXXXX'), {
    timeoutMs: 60_000,
    signal,
  });
  if (!result.ok) return result;
  const dir = result.value.stdout.trim();
  if (result.value.exitCode !== 0 || !dir.startsWith('/tmp/cairn.')) {
    const why = result.value.stderr.trim() || `exit code ${result.value.exitCode}`;
    return err({
      code: 'remote-failed',
      exitCode: result.value.exitCode,
      stderr: why,
      message: `Cairn could not make its folder in /tmp on the box (${why}): check that /tmp exists and has free space.`,
    });
  }
  return ok(dir);
}

export async function removeWorkDir(conn: SshConnection, dir: string): Promise<void> {
  await exec(conn, sh('rm', '-rf', dir), { timeoutMs: 60_000 });
}
