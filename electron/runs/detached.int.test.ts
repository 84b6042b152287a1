import { readdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { sh } from '../../shared/shell';
import { exec, type SshConnection } from '../ssh';
import { LONGEST_NAP_S, MARK, detachedFiles, followCommand, startCommand } from './detached';
import { loginTo, workDirOn } from './runs.test-support';
import { Session } from './session';

/** Logs in to a fresh target and makes a work folder there; `stop` undoes all of it. */
async function openBox(start: () => Promise<TestTarget>) {
  const target = await start();
  const login = loginTo(target);
  const session = new Session(login.connect);
  const stop = async () => {
    await session.close();
    login.cleanup();
    await target.stop();
  };
  try {
    const opened = await session.open();
    if (!opened.ok) throw new Error(opened.error.message);
    const workDir = await workDirOn(opened.value);
    return { target, conn: opened.value, workDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// A step started on a terminal (the doas path) must survive the terminal's
// hang-up when the starting script exits, even on a box too busy to have
// detached the step yet. A setsid that dawdles makes that moment certain.
describe('a detached step: started on a terminal, followed from any byte', () => {
  let stop: () => Promise<void>;
  let conn: SshConnection;
  let workDir: string;

  beforeAll(async () => {
    ({ conn, workDir, stop } = await openBox(startDropbearTarget));
  });
  afterAll(() => stop?.());

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

  it('sends the rest of a long log from any byte (dash, which sleeps between looks)', async () => {
    const { got, want } = await followFrom('/usr/bin:/bin');
    expect(got).toBe(want);
  });
});

// On Alpine (BusyBox ash) the follower waits on its doorbell with the
// shell's own read -t: 50 boxes followed at once must not each start a
// process every pass while their installs compete for the CPU.
describe('a detached step followed on Alpine: the doorbell and the quiet log', () => {
  let target: TestTarget;
  let stop: () => Promise<void>;
  let conn: SshConnection;
  let workDir: string;
  let shims: string;

  beforeAll(async () => {
    ({ target, conn, workDir, stop } = await openBox(startOpenSshTarget));
    // sleep and dd that write down each call, then do the real thing.
    shims = `${workDir}/counting-bin`;
    const shim = (tool: string) => `#!/bin/sh\necho ${tool} >> "\${0%/*}/calls"\nexec /bin/${tool} "$@"\n`;
    const made = await exec(
      conn,
      sh('/bin/sh', '-c', 'mkdir -p "$1" && printf %s "$2" > "$1/sleep" && printf %s "$3" > "$1/dd" && chmod 755 "$1/sleep" "$1/dd"', 'shims', shims, shim('sleep'), shim('dd')),
      { timeoutMs: 10_000 },
    );
    expect(made.ok && made.value.exitCode).toBe(0);
  });
  afterAll(() => stop?.());

  /** Starts `script` detached, follows it with the counting tools first on PATH, and says what the follower did. */
  const followCounted = async (name: string, script: string, longestNapS: number) => {
    const files = detachedFiles(workDir, name);
    const started = await exec(conn, startCommand(sh('/bin/sh', '-c', script), files), { timeoutMs: 10_000 });
    expect(started.ok && started.value.stderr).toContain(MARK.launched);
    await exec(conn, sh('rm', '-f', `${shims}/calls`), { timeoutMs: 10_000 });
    let stderr = '';
    const began = performance.now();
    const followed = await exec(conn, sh('env', `PATH=${shims}:/usr/bin:/bin`, '/bin/sh', '-c', followCommand(files, 0, longestNapS)), {
      timeoutMs: 30_000,
      onStderr: (chunk) => (stderr += chunk.toString()),
    });
    const ms = performance.now() - began;
    const calls = await exec(conn, sh('/bin/sh', '-c', 'cat "$1" 2> /dev/null; exit 0', 'calls', `${shims}/calls`), { timeoutMs: 10_000 });
    const list = calls.ok ? calls.value.stdout.split('\n').filter(Boolean) : [];
    return { out: followed.ok ? followed.value.stdout : '', stderr, ms, sleeps: list.filter((c) => c === 'sleep').length, reads: list.filter((c) => c === 'dd').length };
  };

  it('sees the end as the step rings, not after its longest nap, and never starts sleep', async () => {
    // Quiet for 2 s with naps of up to 10 s: without the doorbell the end would be seen about 10 s late.
    const seen = await followCounted('bell', 'echo start; /bin/sleep 2; echo end', 10);
    expect(seen.out).toBe('start\nend\n');
    expect(seen.stderr).toContain(`${MARK.exit}0`);
    expect(seen.ms).toBeLessThan(6_000);
    expect(seen.sleeps).toBe(0);
  });

  it('stops reading a log that has not changed for a second', async () => {
    // 8 s of quiet, looked at every 0.5 s at most: a log read on every look is read 15 times or more
    // (each read here starts a counting script too); read only while it may have changed, about 5 times.
    const seen = await followCounted('quiet', 'echo start; /bin/sleep 8; echo end', 0.5);
    expect(seen.out).toBe('start\nend\n');
    expect(seen.reads).toBeGreaterThanOrEqual(2);
    expect(seen.reads).toBeLessThan(11);
    expect(seen.sleeps).toBe(0);
  });

  it('reads a steady trickle less and less often, down to once a second, and sends every line', async () => {
    // 30 lines, one every 0.1 s: looked at every 0.1 s, that is about 30 reads; backing off to 1 s, about 7.
    const script = 'i=0; while [ $i -lt 30 ]; do echo "line $i"; i=$((i + 1)); /bin/sleep 0.1; done';
    const seen = await followCounted('trickle', script, LONGEST_NAP_S);
    expect(seen.out).toBe(Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join(''));
    expect(seen.reads).toBeLessThan(12);
  });

  it('still sends output when the clock was set back after its last read', async () => {
    // setup-ntp on a box whose clock ran ahead sets it back: the follower's mark is then in the future.
    const files = detachedFiles(workDir, 'clock');
    const started = await exec(conn, startCommand(sh('/bin/sh', '-c', 'echo first; /bin/sleep 2; echo second; /bin/sleep 12; echo end'), files), { timeoutMs: 10_000 });
    expect(started.ok && started.value.stderr).toContain(MARK.launched);
    const local = path.join(target.root ?? '', workDir);
    const began = performance.now();
    const arrived = new Map<string, number>();
    let backdated = false;
    const followed = await exec(conn, followCommand(files, 0, LONGEST_NAP_S), {
      timeoutMs: 30_000,
      onStdout: (chunk) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) arrived.set(line, performance.now() - began);
        if (!backdated && arrived.has('first')) {
          backdated = true;
          const future = Date.now() / 1000 + 3600;
          for (const name of readdirSync(local).filter((n) => n.startsWith('clock.log.') && n.endsWith('.mark'))) utimesSync(path.join(local, name), future, future);
        }
      },
    });
    expect(followed.ok && followed.value.stdout).toBe('first\nsecond\nend\n');
    expect(backdated).toBe(true);
    // Written 2 s in; read at the latest on the 5th look a second apart, not at the end 14 s in.
    expect(arrived.get('second')).toBeLessThan(10_000);
  });

  it("uses the app's own longest nap unless told", () => {
    expect(followCommand(detachedFiles('/tmp/w', 's'), 0)).toContain(` ${LONGEST_NAP_S}`);
  });
});
