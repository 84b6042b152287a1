import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { markInterruptedRuns, type RunSummary } from './persist';
import { loginTo, runsFolder } from './runs.test-support';

let target: TestTarget;
let login: ReturnType<typeof loginTo>;
let runs: ReturnType<typeof runsFolder>;
let work: string;
let child: string;

beforeAll(async () => {
  target = await startOpenSshTarget();
  login = loginTo(target);
  runs = runsFolder();
  work = await mkdtemp(path.join(tmpdir(), 'cairn-crash-'));
  child = path.join(work, 'child.cjs');
  // CommonJS with the packages left outside: ssh2 loads as it does in the app.
  await build({
    entryPoints: [path.join(import.meta.dirname, 'crash-child.test-support.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
});
afterAll(async () => {
  login?.cleanup();
  runs?.cleanup();
  await rm(work, { recursive: true, force: true });
  await target?.stop();
});

const readSummary = async (runId: string): Promise<RunSummary | undefined> => {
  try {
    return JSON.parse(await readFile(path.join(runs.dir, runId, 'summary.json'), 'utf8')) as RunSummary;
  } catch {
    return undefined;
  }
};

/** Checks a condition until it holds; the bound only keeps a broken test from hanging. */
async function until<T>(check: () => Promise<T | undefined>, what: string, limitMs = 30_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Cairn killed in the middle of a run', () => {
  it('leaves the log and summary of what happened, and the next start marks the run interrupted', async () => {
    // Each apk call takes 1.5 s, so setup-alpine stays in Timezone and the sections after it (apk adds
    // chrony, then the mirror) for seconds: time to see it there and kill Cairn, even on a loaded machine.
    await target.standIns?.control({ apk: { startDelayMs: 1500 } });
    const runId = 'run-crash-1';
    const proc = spawn(process.execPath, [child, JSON.stringify({ connect: login.connect, runsDir: runs.dir, runId })], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: path.resolve(import.meta.dirname, '../../node_modules') },
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const exited = once(proc, 'exit');

    const logFile = path.join(runs.dir, runId, 'output.log');
    await until(async () => {
      if (output.includes('finished')) throw new Error(`The child finished before it could be killed: ${output}`);
      // The log, not the summary's progress: the summary is saved a moment later, and a follower that
      // reads a second's output at once may bring Timezone and the next heading together.
      const log = await readFile(logFile, 'utf8').catch(() => '');
      return log.includes(' Timezone\n') && (await readSummary(runId)) !== undefined ? true : undefined;
    }, 'setup-alpine to reach the Timezone section');
    proc.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');

    const before = await readSummary(runId);
    expect(before?.status).toBe('running');
    expect(before?.steps.map((s) => [s.id, s.status])).toEqual([
      ['preflight', 'succeeded'],
      ['setup-alpine', 'running'],
      ['cleanup', 'pending'],
      ['lbu-commit', 'pending'],
    ]);
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain(' Timezone\n');
    expect(log).not.toContain(' User\n');

    expect(await markInterruptedRuns(runs.dir)).toEqual([runId]);
    const after = await readSummary(runId);
    expect(after).toMatchObject({
      status: 'interrupted',
      error: { code: 'interrupted', stepId: 'setup-alpine', message: expect.stringContaining('may still be running on the box') },
    });
    expect(after?.endedAt).not.toBeNull();
    expect(after?.steps.map((s) => s.status)).toEqual(['succeeded', 'interrupted', 'skipped', 'skipped']);
    expect(await readFile(logFile, 'utf8')).toBe(log);
    // A second start finds nothing more to mark.
    expect(await markInterruptedRuns(runs.dir)).toEqual([]);
  });
});
