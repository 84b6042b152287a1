import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import type { TestTarget } from '../e2e/target';
import { runTarget, type RunEvent } from '../electron/runs';
import { openRunFiles } from '../electron/store/runs';
import type { Step } from '../shared/plan';
import { sh } from '../shared/shell';
import { benchProfile } from './profile';
import { mostInWindow } from './report';
import { knownHosts, loginOf, startTargets, stopTargets } from './targets';

export interface OutputFigures {
  bytes: number;
  /** From the step's start to the last output event. */
  ms: number;
  /** From the step's start to the first output event (launching it on the box). */
  firstMs: number;
  outputEvents: number;
  mostPerSecond: number;
}

export interface OutputBenchFigures {
  fileBytes: number;
  cairn: OutputFigures[];
  /** `ssh host cat FILE > /dev/null` on a logged-in connection (ControlMaster): the command and every byte. */
  sshMs: number[];
  /** The same with a connection and login of its own, for context. */
  sshLoginMs: number[];
}

/** Where the flood lies on the box: a file both sides read, so they carry the same bytes. */
const FILE = '/tmp/cairn-bench-flood';

/** 15 MB of random bytes as base64 in 76-column lines, as base64(1) prints them: 20.26 MB of text. */
function floodText(): string {
  const b64 = randomBytes(15_000_000).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return `${lines.join('\n')}\n`;
}

/** The file printed by a detached step, followed like setup-alpine. */
const FLOOD: Step = {
  id: 'flood',
  title: 'Print 20 MB',
  command: sh('cat', FILE),
  destructive: false,
  erases: [],
  duration: 'long',
  detached: true,
};

/** The system OpenSSH client's options for a target: its own config only, host key checked against the bench's known_hosts. */
const sshArgs = (target: TestTarget, kh: string, extra: string[] = []) => [
  ...['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${kh}`, '-o', 'LogLevel=ERROR'],
  ...['-i', target.privateKeyPath, '-p', String(target.port), ...extra, `${target.user}@${target.host}`],
];

/** The system OpenSSH client runs `remote` on the target, its output to /dev/null; resolves with the wall time. */
function sshTimed(args: string[]): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  const started = performance.now();
  return new Promise<number>((resolve, reject) => {
    const ssh = spawn('ssh', args, { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    ssh.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    ssh.on('error', reject);
    ssh.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`ssh ${args.at(-1)} failed (exit ${code}): ${stderr.trim()}`))));
  }).finally(() => closeSync(devNull));
}

/**
 * A logged-in OpenSSH connection (ControlMaster) that later `ssh` commands
 * open channels on, as Cairn's steps run on its open connection: timed
 * through it, `ssh host cat FILE` counts the command and the bytes, not a login.
 */
async function sshMaster(target: TestTarget, kh: string, controlPath: string): Promise<{ args: string[]; stop: () => Promise<void> }> {
  const master = spawn('ssh', [...sshArgs(target, kh, ['-M', '-N', '-o', `ControlPath=${controlPath}`])], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => master.once('exit', () => resolve()));
  const args = sshArgs(target, kh, ['-o', 'ControlMaster=no', '-o', `ControlPath=${controlPath}`]);
  for (let waited = 0; ; waited += 50) {
    if (master.exitCode !== null) throw new Error(`The ssh master connection to ${target.host}:${target.port} ended (exit ${master.exitCode}).`);
    if (
      await sshTimed(sshArgs(target, kh, ['-O', 'check', '-o', `ControlPath=${controlPath}`])).then(
        () => true,
        () => false,
      )
    )
      break;
    if (waited > 15_000) throw new Error(`The ssh master connection to ${target.host}:${target.port} was not up after 15 s.`);
    await delay(50);
  }
  return {
    args,
    stop: async () => {
      master.kill();
      await exited;
    },
  };
}

async function cairnRun(target: TestTarget, kh: string, work: string): Promise<OutputFigures> {
  let bytes = 0;
  let stepStart = 0;
  const times: number[] = [];
  const sink = (event: RunEvent) => {
    if (event.type === 'run.step' && event.stepId === 'flood' && event.status === 'running') stepStart = performance.now();
    if (event.type !== 'run.output') return;
    times.push(performance.now());
    bytes += Buffer.byteLength(event.text);
  };
  const result = await runTarget({
    targetId: 'flood',
    connect: loginOf(target, kh, path.join(work, 'cairn_known_hosts')),
    profile: benchProfile(),
    planner: () => [FLOOD],
    openRun: (runId) => openRunFiles(path.join(work, 'runs'), runId),
    sink,
  });
  if (result.status !== 'succeeded') throw new Error(`The output run ended ${result.status}: ${result.error?.message}`);
  return { bytes, ms: (times.at(-1) ?? stepStart) - stepStart, firstMs: (times[0] ?? stepStart) - stepStart, outputEvents: times.length, mostPerSecond: mostInWindow(times) };
}

/**
 * The same 20 MB file on one target, read `rounds` times by a Cairn run
 * (one detached step: launched, followed over SSH, analysed, logged, batched
 * into events) and by `ssh host cat FILE` over a logged-in connection, as
 * Cairn's step runs on its open one (and once more with a login of its own,
 * for context), alternating which goes first.
 */
export async function outputBench(rounds = 3): Promise<OutputBenchFigures> {
  const work = await mkdtemp(path.join('/tmp', 'cairn-bench-'));
  const targets = await startTargets(1);
  try {
    const target = targets[0];
    if (target === undefined || target.root === null) throw new Error('The output bench needs an OpenSSH target with a root of its own.');
    const kh = await knownHosts(work, [target]);
    const text = floodText();
    await writeFile(path.join(target.root, FILE), text);
    const figures: OutputBenchFigures = { fileBytes: Buffer.byteLength(text), cairn: [], sshMs: [], sshLoginMs: [] };
    const master = await sshMaster(target, kh, path.join(work, 'ssh-control'));
    try {
      for (let round = 0; round < rounds; round++) {
        const ssh = async () => {
          figures.sshMs.push(await sshTimed([...master.args, sh('cat', FILE)]));
          figures.sshLoginMs.push(await sshTimed([...sshArgs(target, kh), sh('cat', FILE)]));
        };
        const cairn = async () => void figures.cairn.push(await cairnRun(target, kh, work));
        if (round % 2 === 0) await ssh().then(cairn);
        else await cairn().then(ssh);
      }
    } finally {
      await master.stop();
    }
    return figures;
  } finally {
    await stopTargets(targets);
    await rm(work, { recursive: true, force: true });
  }
}
