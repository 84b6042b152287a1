import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, type TestTarget } from '../../e2e/target';
import type { Step } from '../../shared/plan';
import { sh } from '../../shared/shell';
import { exec } from '../ssh';
import { detachedFiles } from './detached';
import { limitsFrom } from './limits';
import { loginTo, workDirOn } from './runs.test-support';
import { Session } from './session';
import { runDetached, runPlain, type StepContext } from './step-runner';

// The install's steps for a login whose doas asks for its password (Debian's
// real doas, "permit persist"): planned as root lines, each started through
// doas on a terminal with the password typed when asked.
/** Every process on this machine whose command line holds `text`, whoever runs it (the steps run as root). */
function anywhere(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Whether a process group of this id still has a member. */
function alive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

describe('install steps through doas with a password', () => {
  let target: TestTarget;
  let session: Session;
  let cleanup: () => void;
  let ctx: StepContext;
  const output: string[] = [];

  beforeAll(async () => {
    target = await startDropbearTarget({ doas: 'password' });
    const login = loginTo(target);
    cleanup = login.cleanup;
    session = new Session(login.connect);
    const opened = await session.open();
    if (!opened.ok) throw new Error(opened.error.message);
    const workDir = await workDirOn(opened.value);
    ctx = {
      session,
      facts: { privilege: 'root', workDir },
      elevation: { doasPassword: target.password },
      // Generous: doas checks the password through PAM, slow on a machine busy with other tests.
      limits: limitsFrom({ idleTimeoutMs: 60_000 }),
      signal: new AbortController().signal,
      onOutput: (chunk) => output.push(chunk.toString()),
    };
  });
  afterAll(async () => {
    await session?.close();
    cleanup?.();
    await target?.stop();
  });

  const step = (id: string, command: string, more: Partial<Step> = {}): Step => ({ id, title: id, command, destructive: false, erases: [], duration: 'short', ...more });

  it('runs a plain step as root, with its stdin (a chpasswd line) fed through a file, not the command line', async () => {
    output.length = 0;
    const ended = await runPlain(ctx, step('plain', sh('/bin/sh', '-c', 'id -u; wc -c'), { stdin: 'root:$6$hash\n' }));
    expect(ended).toMatchObject({ exitCode: 0 });
    expect(output.join('')).toMatch(/^0\n\s*13\n$/);
  });

  it('runs a detached step as root and follows its log as the login', async () => {
    output.length = 0;
    const ended = await runDetached(ctx, step('detached', sh('/bin/sh', '-c', 'id -u; echo from-root; exit 4'), { detached: true }), new AbortController().signal);
    expect(ended).toEqual({ exitCode: 4, stderr: '' });
    expect(output.join('')).toBe('0\nfrom-root\n');
  });

  it('stops a detached root step on cancel: the stop itself goes through doas', async () => {
    const cancel = new AbortController();
    const marker = `sleep 60.${process.pid}`;
    const ran = runDetached({ ...ctx, signal: cancel.signal }, step('long', sh('/bin/sh', '-c', marker), { detached: true }), new AbortController().signal);
    // The step runs as root in a session of its own, outside the login's processes: its pid file says which group it leads.
    // The launch empties the pid file before the step writes its group id there: an empty file is no id yet
    // (read as 0, "alive" would test this process's own group).
    const pidFile = detachedFiles(ctx.facts.workDir, 'long').pid;
    const written = () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '');
    const deadline = Date.now() + 20_000;
    while (written() === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const group = Number(written());
    expect(group).toBeGreaterThan(1);
    expect(alive(group)).toBe(true);
    expect(anywhere(marker).length).toBeGreaterThan(0);
    cancel.abort();
    const ended = await ran;
    expect('error' in ended && ended.error.code).toBe('cancelled');
    expect(alive(group)).toBe(false);
    expect(anywhere(marker)).toEqual([]);
  });

  it('a cancel while doas is still starting the step: the start finishes, the step is stopped, nothing starts later', async () => {
    const cancel = new AbortController();
    const marker = `sleep 61.${process.pid}`;
    const ran = runDetached({ ...ctx, signal: cancel.signal }, step('early', sh('/bin/sh', '-c', marker), { detached: true }), new AbortController().signal);
    // The start's own command line holds the marker: cancel the moment it shows, before the step can have run.
    const deadline = Date.now() + 20_000;
    while (anywhere(marker).length === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    cancel.abort();
    const ended = await ran;
    expect('error' in ended && ended.error.code).toBe('cancelled');
    expect(anywhere(marker)).toEqual([]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(anywhere(marker)).toEqual([]);
  });

  it('keeps the password out of every file of the work folder', async () => {
    const live = await session.live();
    if (!live.ok) throw new Error(live.error.message);
    const grep = await exec(live.value, sh('grep', '-rF', target.password, ctx.facts.workDir), { timeoutMs: 10_000 });
    expect(grep.ok && grep.value.exitCode).toBe(1);
    expect(output.join('')).not.toContain(target.password);
  });
});
