import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markInterruptedRuns } from '../runs/persist';
import { tempDir } from '../services.test-support';
import { OWNER_FILE, parseElapsed, parseProcStat, readRunOwner, recordRunOwner, runOwnerAlive, thisProcess } from './run-owner';

let work: { dir: string; cleanup: () => Promise<void> };
let child: string;
const children: Array<ChildProcessByStdio<null, Readable, null>> = [];

beforeAll(async () => {
  work = await tempDir('cairn-run-owner-');
  child = join(work.dir, 'child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'run-owner-child.test-support.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => work.cleanup());

/** Starts a child that writes run `runId` under `runsDir` and then stays alive or exits; resolves once the run is on disk. */
async function runningIn(runsDir: string, runId: string, mode: 'stay' | 'exit') {
  const proc = spawn(process.execPath, [child, runsDir, runId, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const exited = once(proc, 'exit');
  let output = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) resolve();
    });
    void exited.then(() => (output.includes('ready') ? resolve() : reject(new Error('The child exited before writing its run.'))));
  });
  return { proc, exited };
}

const statusOf = async (runsDir: string, runId: string) => (JSON.parse(await readFile(join(runsDir, runId, 'summary.json'), 'utf8')) as { status: string }).status;

describe('runs left "running" at the app’s start', () => {
  it('are marked interrupted only when the process that wrote them is gone', async () => {
    const runsDir = join(work.dir, 'runs-a');
    const live = await runningIn(runsDir, 'run-live', 'stay');
    const gone = await runningIn(runsDir, 'run-gone', 'exit');
    await gone.exited;
    expect(await readRunOwner(join(runsDir, 'run-live'))).toMatchObject({ pid: live.proc.pid });

    expect(await markInterruptedRuns(runsDir)).toEqual(['run-gone']);
    expect(await statusOf(runsDir, 'run-live')).toBe('running');
    expect(await statusOf(runsDir, 'run-gone')).toBe('interrupted');

    // Once the live one dies mid-run (a crash), the next start marks it too.
    live.proc.kill('SIGKILL');
    await live.exited;
    expect(await markInterruptedRuns(runsDir)).toEqual(['run-live']);
    expect(await statusOf(runsDir, 'run-live')).toBe('interrupted');
  });

  it('treats a live pid that is another process (reused pid, or an earlier boot) as gone', async () => {
    const me = await thisProcess();
    expect(me.pid).toBe(process.pid);
    const dir = join(work.dir, 'runs-b', 'run-x');
    await mkdir(dir, { recursive: true });
    await recordRunOwner(dir);
    expect(await runOwnerAlive(dir)).toBe(true);

    const owned = (owner: object) => writeFile(join(dir, OWNER_FILE), JSON.stringify({ ...me, ...owner }));
    if (me.startTicks !== null) {
      await owned({ startTicks: String(Number(me.startTicks) + 1) });
      expect(await runOwnerAlive(dir)).toBe(false);
    }
    if (me.boot !== null) {
      await owned({ boot: '00000000-0000-4000-8000-000000000000' });
      expect(await runOwnerAlive(dir)).toBe(false);
    }
    // Where only the pid can be checked (Windows records no start), a live pid counts as the owner.
    await owned({ startTicks: null, boot: null, startedAt: null });
    expect(await runOwnerAlive(dir)).toBe(true);
    // A run an older Cairn wrote names no owner; a damaged record names none either.
    await writeFile(join(dir, OWNER_FILE), '{"pid":');
    expect(await runOwnerAlive(dir)).toBe(false);
  });
});

describe('reading a process’s start', () => {
  it('reads the start time past a command name holding spaces and parentheses, and tells a zombie', () => {
    const fields = (state: string) => `4242 (cairn (push) x) ${state} 1 4242 4242 0 -1 4194560 100 0 0 0 5 2 0 0 20 0 11 0 987654 1000000 2000`;
    expect(parseProcStat(fields('S'))).toEqual({ startTicks: '987654', zombie: false });
    expect(parseProcStat(fields('Z'))).toEqual({ startTicks: '987654', zombie: true });
    expect(parseProcStat('4242 (short)')).toBeNull();
  });

  it('reads ps’s elapsed time in each of its forms', () => {
    expect(parseElapsed('   00:07\n')).toBe(7);
    expect(parseElapsed('12:34')).toBe(12 * 60 + 34);
    expect(parseElapsed('01:02:03')).toBe(3723);
    expect(parseElapsed('2-01:02:03')).toBe(2 * 86_400 + 3723);
    expect(parseElapsed('')).toBeNull();
  });
});
