import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, type TestTarget } from '../../e2e/target';
import { sh } from '../../shared/shell';
import { exec, type SshConnection } from '../ssh';
import { MARK, detachedFiles, followCommand, startCommand } from './detached';
import { makeWorkDir } from './preflight';
import { loginTo } from './runs.test-support';
import { Session } from './session';

// A step started on a terminal (the doas path) must survive the terminal's
// hang-up when the starting script exits, even on a box too busy to have
// detached the step yet. A setsid that dawdles makes that moment certain.
describe('a detached step: started on a terminal, followed from any byte', () => {
  let target: TestTarget;
  let session: Session;
  let cleanup: () => void;
  let conn: SshConnection;
  let workDir: string;

  beforeAll(async () => {
    target = await startDropbearTarget();
    const login = loginTo(target);
    cleanup = login.cleanup;
    session = new Session(login.connect);
    const opened = await session.open();
    if (!opened.ok) throw new Error(opened.error.message);
    conn = opened.value;
    const dir = await makeWorkDir(conn);
    if (!dir.ok) throw new Error(dir.error.message);
    workDir = dir.value;
  });
  afterAll(async () => {
    await session?.close();
    cleanup?.();
    await target?.stop();
  });

  it('runs to its end although the terminal hung up before it detached', async () => {
    const slow = `${workDir}/slow-bin`;
    const shim = '#!/bin/sh\nsleep 1\nexec /usr/bin/setsid "$@"\n';
    const made = await exec(conn, sh('/bin/sh', '-c', 'mkdir -p "$1" && cat > "$1/setsid" && chmod 755 "$1/setsid"', 'shim', slow), { stdin: shim, timeoutMs: 10_000 });
    expect(made.ok && made.value.exitCode).toBe(0);

    const files = detachedFiles(workDir, 'hup');
    const started = await exec(conn, sh('env', `PATH=${slow}:/usr/bin:/bin`, '/bin/sh', '-c', startCommand(sh('echo', 'survived'), files)), {
      terminal: { answers: [] },
      timeoutMs: 10_000,
    });
    expect(started.ok && started.value.stdout).toContain(MARK.launched);

    let stderr = '';
    const followed = await exec(conn, followCommand(files, 0), { timeoutMs: 10_000, onStderr: (chunk) => (stderr += chunk.toString()) });
    expect(followed.ok && followed.value.stdout).toBe('survived\n');
    expect(stderr).toContain(`${MARK.exit}0`);
  });

  // A log longer than dd's 64 KiB block, resumed from a byte inside a block, as after a reconnect.
  const followFrom = async (path: string) => {
    const files = detachedFiles(workDir, 'resume');
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'.'.repeat(i % 50)}\n`).join('');
    const made = await exec(conn, sh('/bin/sh', '-c', 'cat > "$1" && echo 0 > "$2"', 'log', files.log, files.exitCode), { stdin: text, timeoutMs: 10_000 });
    expect(made.ok && made.value.exitCode).toBe(0);
    const offset = 70_001;
    const followed = await exec(conn, sh('env', `PATH=${path}`, '/bin/sh', '-c', followCommand(files, offset)), { timeoutMs: 10_000 });
    return { got: followed.ok ? followed.value.stdout : '', want: text.slice(offset) };
  };

  it('sends the rest of a long log from any byte', async () => {
    const { got, want } = await followFrom('/usr/bin:/bin');
    expect(got).toBe(want);
  });

  it('sends the same bytes with a dd that cannot count in bytes (an older BusyBox)', async () => {
    const old = `${workDir}/old-dd`;
    const shim = '#!/bin/sh\ncase "$*" in *iflag=*) echo "dd: unknown flag" >&2; exit 1 ;; esac\nexec /bin/dd "$@"\n';
    const made = await exec(conn, sh('/bin/sh', '-c', 'mkdir -p "$1" && cat > "$1/dd" && chmod 755 "$1/dd"', 'shim', old), { stdin: shim, timeoutMs: 10_000 });
    expect(made.ok && made.value.exitCode).toBe(0);
    const { got, want } = await followFrom(`${old}:/usr/bin:/bin`);
    expect(got).toBe(want);
  });
});
