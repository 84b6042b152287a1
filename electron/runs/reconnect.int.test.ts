import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { installerRuns } from '../../e2e/target/stand-ins.test-support';
import { detachedFiles } from './detached';
import { startDropProxy, type DropProxy } from './drop-proxy.test-support';
import { follow } from './follow';
import { runTarget } from './run-target';
import { disklessProfile, eventLog, loginTo, runsFolder, workDirOn } from './runs.test-support';
import { Session } from './session';

describe('a connection cut in the middle of setup-alpine (OpenSSH)', () => {
  let target: TestTarget;
  let proxy: DropProxy;
  let login: ReturnType<typeof loginTo>;
  let runs: ReturnType<typeof runsFolder>;
  beforeAll(async () => {
    target = await startOpenSshTarget();
    proxy = await startDropProxy(target.port);
    login = loginTo(target, proxy.port);
    runs = runsFolder();
  });
  afterAll(async () => {
    await proxy?.close();
    login?.cleanup();
    runs?.cleanup();
    await target?.stop();
  });

  it('reconnects, resumes from the byte it had, and keeps a log identical to the box', async () => {
    await target.standIns?.control({ apk: { startDelayMs: 300 } });
    const events = eventLog();
    const cutAt = new Set(['Interface', 'APK Mirror']);
    const done = await runTarget({
      targetId: 'box-1',
      connect: login.connect,
      profile: disklessProfile(),
      openRun: runs.openRun,
      keepWorkDir: true,
      sink: (e) => {
        events.sink(e);
        if (e.type === 'run.progress' && cutAt.delete(e.progress.section)) proxy.drop();
      },
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(cutAt.size).toBe(0);
    expect(proxy.accepted).toBeGreaterThanOrEqual(3);

    // The work folder was private to the login user, and the answer file was removed from it.
    const workDir = path.join(target.root ?? '', done.summary.workDir ?? '');
    expect((await stat(workDir)).mode & 0o777).toBe(0o700);
    await expect(stat(path.join(workDir, 'answers'))).rejects.toThrow(/ENOENT/);

    const step = done.summary.steps.find((s) => s.id === 'setup-alpine');
    const local = (await readFile(done.logPath)).subarray(step?.log.start, step?.log.end ?? undefined);
    const onBox = await readFile(path.join(target.root ?? '', done.summary.workDir ?? '', 'setup-alpine.log'));
    expect(local.length).toBeGreaterThan(300);
    expect(local.equals(onBox)).toBe(true);
    expect(events.of('run.progress').map((e) => e.progress.section)).toEqual([
      'Keymap',
      'Hostname',
      'Interface',
      'Timezone',
      'Proxy',
      'Network Time Protocol',
      'APK Mirror',
      'User',
      'Disk & Install',
    ]);
    expect(installerRuns((await target.standIns?.records()) ?? [])).toBe(1);
  });
});

describe('Dropbear (a Debian host, not Alpine)', () => {
  let target: TestTarget;
  let proxy: DropProxy;
  let login: ReturnType<typeof loginTo>;
  beforeAll(async () => {
    target = await startDropbearTarget();
    proxy = await startDropProxy(target.port);
    login = loginTo(target, proxy.port);
  });
  afterAll(async () => {
    await proxy?.close();
    login?.cleanup();
    await target?.stop();
  });

  it('refuses to install on a box that is not Alpine', async () => {
    const runs = runsFolder();
    try {
      const done = await runTarget({ targetId: 'debian', connect: login.connect, profile: disklessProfile(), openRun: runs.openRun });
      expect(done).toMatchObject({ status: 'refused', error: { code: 'preflight-refused', message: expect.stringContaining('does not run Alpine Linux') } });
    } finally {
      runs.cleanup();
    }
  });

  it('follows a detached command across a dropped connection, byte for byte', async () => {
    const session = new Session(login.connect, { attempts: 5, delayMs: 100, maxDelayMs: 500 });
    const opened = await session.open();
    if (!opened.ok) throw new Error(opened.error.message);
    const workDir = await workDirOn(opened.value);
    try {
      const files = detachedFiles(workDir, 'count');
      const chunks: Buffer[] = [];
      let cut = false;
      const resumedAt: number[] = [];
      const followed = await follow(session, files, {
        launch: 'i=0; while [ $i -lt 150 ]; do echo "line $i é"; i=$((i + 1)); sleep 0.01; done; exit 4',
        onReconnect: (offset) => resumedAt.push(offset),
        onData: (chunk) => {
          chunks.push(chunk);
          if (!cut && Buffer.concat(chunks).includes('line 40')) {
            cut = true;
            proxy.drop();
          }
        },
      });
      expect(followed).toEqual({ ok: true, value: { exitCode: 4 } });
      expect(resumedAt).toHaveLength(1);
      expect(resumedAt[0]).toBeGreaterThan(0);
      const local = Buffer.concat(chunks);
      expect(local.equals(await readFile(files.log))).toBe(true);
      expect(local.toString()).toContain('line 149 é\n');
    } finally {
      await rm(workDir, { recursive: true, force: true });
      await session.close();
    }
  });
});
