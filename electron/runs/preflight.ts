import { err, ok } from '../../shared/api/result';
import { sh } from '../../shared/shell';
import { parsePreflight, preflightScriptThen, type PreflightFacts } from '../../shared/runs';
import { exec, type SshConnection, type SshResult } from '../ssh';

/**
 * A fresh folder only the login user can enter: mktemp -d makes it 0700
 * (mkdtemp, in BusyBox and coreutils alike), under umask 077 besides; no
 * chmod, which would be a process more on every box.
 * The answer file and the step logs live there. Reports `workdir=` or, when
 * it could not be made, `workdir-error=` with the box's reason.
 */
const WORK_DIR_LINES = ['umask 077', `if d=$(mktemp -d "$1" 2>&1); then r workdir "$d"; else r workdir-error "$(printf %s "$d" | tr '\\n' ' ')"; fi`];
const WORK_DIR_TEMPLATE = '/tmp/cairn.XXXXXXXXXX';

function workDirFrom(stdout: string, exitCode: number | null, stderr: string): SshResult<string> {
  const dir = /^workdir=(\/tmp\/cairn\.\S+)$/m.exec(stdout)?.[1];
  if (dir) return ok(dir);
  const why = /^workdir-error=(.*)$/m.exec(stdout)?.[1]?.trim() || stderr.trim() || `exit code ${exitCode}`;
  return err({
    code: 'remote-failed',
    exitCode,
    stderr: why,
    message: `Cairn could not make its folder in /tmp on the box (${why}): check that /tmp exists and has free space.`,
  });
}

export interface FactsAndWorkDir {
  facts: PreflightFacts;
  /** The run's folder, made in the same round trip; the caller removes it when the box is refused. */
  workDir: SshResult<string>;
}

/**
 * Reads the box and makes the run's folder in one channel: every channel
 * costs the box a process of its SSH server, and a fleet pays it on every
 * box at once. The folder's own failure is reported after the facts, as if
 * made separately.
 */
export async function readFactsMakingWorkDir(conn: SshConnection, signal?: AbortSignal): Promise<SshResult<FactsAndWorkDir>> {
  const script = preflightScriptThen(WORK_DIR_LINES);
  const result = await exec(conn, sh('/bin/sh', '-c', script, 'cairn-preflight', WORK_DIR_TEMPLATE), { timeoutMs: 60_000, signal });
  if (!result.ok) return result;
  const { stdout, exitCode, stderr } = result.value;
  return ok({ facts: parsePreflight(stdout), workDir: workDirFrom(stdout, exitCode, stderr) });
}

export async function removeWorkDir(conn: SshConnection, dir: string): Promise<void> {
  await exec(conn, sh('rm', '-rf', dir), { timeoutMs: 60_000 });
}
