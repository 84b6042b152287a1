import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestTarget } from '../e2e/target';
import { createEventSender } from '../electron/ipc/events';
import { createLog } from '../electron/log';
import { FleetRegistry } from '../electron/runs/fleet-registry';
import { newId } from '../electron/runs/ids';
import { createRunServices } from '../electron/runs/run-services';
import { runChannels } from '../shared/api/runs';
import { render } from '../shared/answerfile';
import { benchProfile, pushAndRun } from './profile';
import { rssSampler } from './report';
import { knownHosts, loginOf, startTargets, stopTargets } from './targets';

/** The most targets the app runs at once: the contract refuses a larger `concurrency` on runs:start. */
export const APP_MAX_CONCURRENCY = runChannels['runs:start'].request.shape.concurrency.unwrap().maxValue ?? Infinity;

/** N targets at once up to the app's maximum; a larger fleet runs at the maximum, Cairn and xargs alike. */
export const concurrencyFor = (targets: number) => Math.min(targets, APP_MAX_CONCURRENCY);

export interface FleetFigures {
  targets: number;
  concurrency: number;
  /** Rounds actually run (each: the baseline once, Cairn once); the best time of each side counts. */
  rounds: number;
  cairnMs: number;
  sshMs: number;
  /** The bench process's resident memory before Cairn's run, and its peak during it. */
  rssBefore: number;
  peakRss: number;
}

export type FleetOutcome = { ran: true; figures: FleetFigures } | { ran: false; reason: string };

// The tightest raw equivalent, per target: ONE connection of the system
// OpenSSH client that receives the answer file on stdin, runs setup-alpine
// with it and removes it. The shell only opens the file for ssh's stdin
// (xargs gives all its children one stdin) and execs ssh.
// $1 port, $2 user, $3 key, $4 host; KH, ANSWERS and REMOTE in the environment.
const BASELINE =
  'exec ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$KH" -o LogLevel=ERROR -i "$3" -p "$1" "$2@$4" "$REMOTE" < "$ANSWERS" > /dev/null 2>&1';
const REMOTE = 'umask 077 && cat > /tmp/bench-answers && setup-alpine -e -f /tmp/bench-answers; rc=$?; rm -f /tmp/bench-answers; exit $rc';

function sshBaseline(targets: TestTarget[], concurrency: number, kh: string, answers: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const xargs = spawn('xargs', ['-P', String(concurrency), '-L', '1', 'sh', '-c', BASELINE, 'bench'], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, KH: kh, ANSWERS: answers, REMOTE },
    });
    xargs.on('error', reject);
    xargs.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`The ssh baseline failed on at least one target (xargs exit ${code}).`))));
    xargs.stdin.end(targets.map((t) => `${t.port} ${t.user} ${t.privateKeyPath} ${t.host}\n`).join(''));
  });
}

/**
 * The fleet as the app runs it: the app's run services (run files under a
 * userData folder, every event checked against the contract as if sent to a
 * window, the main log) and its fleet registry, with the bench's planner.
 */
async function cairnFleet(targets: TestTarget[], concurrency: number, kh: string, work: string): Promise<{ ms: number; rssBefore: number; peakRss: number }> {
  const userData = path.join(work, `user-data-${Date.now()}`);
  const log = createLog({ file: path.join(userData, 'logs', 'main.log') });
  const runs = await createRunServices({ userData, emit: createEventSender(() => undefined, log), log });
  const failures: string[] = [];
  runs.onActivity((a) => {
    if (a.type === 'run.done' && a.status !== 'succeeded') failures.push(a.error?.message ?? a.status);
  });
  const registry = new FleetRegistry({ openRun: runs.services.openRun, onActivity: runs.services.onActivity, log, planner: pushAndRun });
  const entries = targets.map((t, i) => ({ runId: newId('run'), targetId: `bench-${i}`, targetName: `bench ${i}`, connect: loginOf(t, kh, path.join(work, 'cairn_known_hosts')) }));
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const rss = rssSampler();
  const started = performance.now();
  await registry.launch({ fleetId: newId('fleet'), profile: benchProfile(), confirmErase: [], reboot: false, concurrency, entries });
  const ms = performance.now() - started;
  const peakRss = rss.stop();
  if (failures.length > 0) throw new Error(`Cairn's fleet run failed on ${failures.length} of ${targets.length} targets: ${failures[0]}`);
  await rm(userData, { recursive: true, force: true });
  return { ms, rssBefore, peakRss };
}

export interface FleetBenchOptions {
  /** Rounds wanted (default 3). */
  rounds?: number;
  /** No further round starts once this much time has gone on rounds at this size and another would pass it. */
  budgetMs?: number;
}

/**
 * The same push and run on n targets, by Cairn and by the system ssh client
 * under xargs, at the same concurrency, alternating which goes first each
 * round; the best time of each counts (the machine is shared, so the best
 * is the least disturbed). Targets that cannot all be started make the size
 * "not run", with the reason.
 */
export async function fleetBench(n: number, options: FleetBenchOptions = {}): Promise<FleetOutcome> {
  const wanted = options.rounds ?? 3;
  const budgetMs = options.budgetMs ?? Infinity;
  const concurrency = concurrencyFor(n);
  const work = await mkdtemp(path.join('/tmp', 'cairn-bench-'));
  let targets: TestTarget[];
  try {
    targets = await startTargets(n);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    return { ran: false, reason: (error as Error).message };
  }
  try {
    const kh = await knownHosts(work, targets);
    const answers = path.join(work, 'answers');
    await writeFile(answers, render(benchProfile(), { holdBackDisk: true }), { mode: 0o600 });
    const figures: FleetFigures = { targets: n, concurrency, rounds: 0, cairnMs: Infinity, sshMs: Infinity, rssBefore: 0, peakRss: 0 };
    const began = performance.now();
    while (figures.rounds < wanted) {
      const roundStart = performance.now();
      const ssh = () => sshBaseline(targets, concurrency, kh, answers).then((ms) => (figures.sshMs = Math.min(figures.sshMs, ms)));
      const cairn = () =>
        cairnFleet(targets, concurrency, kh, work).then((c) => {
          figures.cairnMs = Math.min(figures.cairnMs, c.ms);
          figures.rssBefore = Math.max(figures.rssBefore, c.rssBefore);
          figures.peakRss = Math.max(figures.peakRss, c.peakRss);
        });
      if (figures.rounds % 2 === 0) await ssh().then(cairn);
      else await cairn().then(ssh);
      figures.rounds++;
      const spent = performance.now() - began;
      if (spent + (performance.now() - roundStart) > budgetMs) break;
    }
    return { ran: true, figures };
  } finally {
    await stopTargets(targets);
    await rm(work, { recursive: true, force: true });
  }
}
