import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
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

/** 15 MB of random bytes as base64: 20.26 MB of text in 76-column lines. */
const FLOOD: Step = {
  id: 'flood',
  title: 'Print 20 MB',
  command: sh('/bin/sh', '-c', 'head -c 15000000 /dev/urandom | base64'),
  destructive: false,
  erases: [],
  duration: 'long',
  detached: true,
};

/** One run whose only step prints 20 MB, detached and followed like setup-alpine. */
export async function outputBench(): Promise<OutputFigures> {
  const work = await mkdtemp(path.join('/tmp', 'cairn-bench-'));
  const targets = await startTargets(1);
  try {
    const kh = await knownHosts(work, targets);
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
      connect: loginOf(targets[0] as (typeof targets)[number], kh, path.join(work, 'cairn_known_hosts')),
      profile: benchProfile(),
      planner: () => [FLOOD],
      openRun: (runId) => openRunFiles(path.join(work, 'runs'), runId),
      sink,
    });
    if (result.status !== 'succeeded') throw new Error(`The output run ended ${result.status}: ${result.error?.message}`);
    return { bytes, ms: (times.at(-1) ?? stepStart) - stepStart, firstMs: (times[0] ?? stepStart) - stepStart, outputEvents: times.length, mostPerSecond: mostInWindow(times) };
  } finally {
    await stopTargets(targets);
    await rm(work, { recursive: true, force: true });
  }
}
