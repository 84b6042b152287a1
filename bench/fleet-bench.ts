import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestTarget } from '../e2e/target';
import { createEventSender } from '../electron/ipc/events';
import { createLog } from '../electron/log';
import { FleetRegistry } from '../electron/runs/fleet-registry';
import { newId } from '../electron/runs/ids';
import { createRunServices } from '../electron/runs/run-services';
import { render } from '../shared/answerfile';
import { benchProfile, pushAndRun } from './profile';
import { rssSampler } from './report';
import { knownHosts, loginOf, startTargets, stopTargets } from './targets';

export interface FleetFigures {
  targets: number;
  cairnMs: number;
  sshMs: number;
  peakRss: number;
}

// The baseline, per target: the system OpenSSH client pushes the same answer
// file over one connection and runs setup-alpine (then removes the file)
// over a second one. $1 port, $2 user, $3 key; KH and ANSWERS in the environment.
const BASELINE = [
  'o="-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$KH -o LogLevel=ERROR -i $3 -p $1"',
  `ssh $o "$2@127.0.0.1" 'umask 077 && cat > /tmp/bench-answers' < "$ANSWERS" || exit 1`,
  `ssh $o "$2@127.0.0.1" 'setup-alpine -e -f /tmp/bench-answers; rc=$?; rm -f /tmp/bench-answers; exit $rc' > /dev/null 2>&1 || exit 1`,
].join('\n');

function sshBaseline(targets: TestTarget[], kh: string, answers: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const xargs = spawn('xargs', ['-P', String(targets.length), '-L', '1', 'sh', '-c', BASELINE, 'bench'], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, KH: kh, ANSWERS: answers },
    });
    xargs.on('error', reject);
    xargs.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`The ssh baseline failed (xargs exit ${code}).`))));
    xargs.stdin.end(targets.map((t) => `${t.port} ${t.user} ${t.privateKeyPath}\n`).join(''));
  });
}

/**
 * The fleet as the app runs it: the app's run services (run files under a
 * userData folder, every event checked against the contract as if sent to a
 * window, the main log) and its fleet registry, with the bench's planner.
 */
async function cairnFleet(targets: TestTarget[], kh: string, work: string): Promise<{ ms: number; peakRss: number }> {
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
  const rss = rssSampler();
  const started = performance.now();
  await registry.launch({ fleetId: newId('fleet'), profile: benchProfile(), confirmErase: [], reboot: false, concurrency: targets.length, entries });
  const ms = performance.now() - started;
  const peakRss = rss.stop();
  if (failures.length > 0) throw new Error(`Cairn's fleet run failed on ${failures.length} targets: ${failures[0]}`);
  await rm(userData, { recursive: true, force: true });
  return { ms, peakRss };
}

/**
 * The same push and run on n targets at once, by Cairn and by the system
 * ssh client, alternated `rounds` times; the best time of each counts (the
 * machine is shared, so the best is the least disturbed).
 */
export async function fleetBench(n: number, rounds = 2): Promise<FleetFigures> {
  const work = await mkdtemp(path.join('/tmp', 'cairn-bench-'));
  const targets = await startTargets(n);
  try {
    const kh = await knownHosts(work, targets);
    const answers = path.join(work, 'answers');
    await writeFile(answers, render(benchProfile(), { holdBackDisk: true }), { mode: 0o600 });
    const figures: FleetFigures = { targets: n, cairnMs: Infinity, sshMs: Infinity, peakRss: 0 };
    for (let round = 0; round < rounds; round++) {
      figures.sshMs = Math.min(figures.sshMs, await sshBaseline(targets, kh, answers));
      const cairn = await cairnFleet(targets, kh, work);
      figures.cairnMs = Math.min(figures.cairnMs, cairn.ms);
      figures.peakRss = Math.max(figures.peakRss, cairn.peakRss);
    }
    return figures;
  } finally {
    await stopTargets(targets);
    await rm(work, { recursive: true, force: true });
  }
}
