import { join } from 'node:path';
import type { Result } from '../shared/api/result';
import type { FleetStarted } from '../shared/api/runs';
import { isDone } from '../shared/runs/statuses';
import type { RunDoneEvent } from '../electron/runs/events';
import type { FleetDone } from '../electron/runs/fleet-registry';
import { EXIT, exitCodeOf } from './exit-codes';
import { failureText } from './failure';
import type { CliIo } from './inputs';
import { progressLine, STATUS_WORDS } from './push-progress';
import { firstFailure, type Remote } from './remote';

type Ended = Pick<RunDoneEvent, 'status' | 'error' | 'findings'>;

/** A run's exit status, as cairn push counts it: a refusal by its error code, a failure without one is 1. */
export function exitOfRun(run: Ended): number {
  if (isDone(run.status)) return EXIT.done;
  if (run.status === 'cancelled') return EXIT.interrupted;
  if (run.error !== null) return exitCodeOf(run.error.code);
  return run.status === 'refused' ? EXIT.refused : EXIT.failed;
}

/**
 * Starts a fleet through the app's run channels and follows it to its end:
 * each box's progress on stderr (prefixed with its name, since boxes run
 * side by side), every event as JSON with --json, then one outcome line per
 * box in the order started. `hostnames` (by run, in that order) add the
 * name each box was given. Ctrl-C stops the runs as the app's Stop does.
 */
export async function followFleet(io: CliIo, remote: Remote, start: () => Promise<Result<FleetStarted>>, hostnames: readonly string[] = []): Promise<number> {
  const { backend, out } = remote;
  const names = new Map<string, string>();
  const ended = new Map<string, Ended>();
  let fleetEnded: (done: FleetDone) => void = () => undefined;
  const fleetDone = new Promise<FleetDone>((resolve) => (fleetEnded = resolve));
  // Listening before the start: the fleet's first events come before the start answers. A command starts one fleet.
  const stopListening = backend.onActivity((activity) => {
    out.event(activity);
    if (activity.type === 'fleet.started') for (const r of activity.runs) names.set(r.targetId, r.targetName);
    const line = progressLine(activity, (id) => names.get(id) ?? id);
    if (line !== null) out.note(line);
    if (activity.type === 'run.done') ended.set(activity.runId, activity);
    if (activity.type === 'fleet.done') fleetEnded(activity);
  });
  let stopCatching: (() => void) | undefined;
  try {
    const started = await start();
    if (!started.ok) return remote.refuse(null, started.error);
    const id = started.value.fleetId;
    stopCatching = io.onInterrupt?.(() => {
      out.note('Stopping the runs (Ctrl-C again quits at once, leaving them unfinished)…');
      void backend.call('runs:cancel', { fleetId: id });
    });
    const done = await fleetDone;
    const runs = done.runs.map((r, n) => {
      const end = ended.get(r.runId) ?? { status: r.status, error: null, findings: [] };
      const hostname = hostnames[n];
      return {
        fleetId: id,
        runId: r.runId,
        targetId: r.targetId,
        target: r.targetName,
        ...(hostname === undefined ? {} : { hostname }),
        status: r.status,
        error: end.error,
        findings: end.findings,
        logPath: join(backend.runsDir, r.runId, 'output.log'),
      };
    });
    for (const run of runs) {
      const findings = run.findings.map((f) => `\n  ${f.severity}: ${f.reason}`).join('');
      const who = run.hostname === undefined ? run.target : `${run.target} (${run.hostname})`;
      out.answer(`${who}: ${STATUS_WORDS[run.status]} (run ${run.runId}, log ${run.logPath})${findings}`, { type: 'run', ...run });
      if (run.error !== null) out.problem(`${run.target}: ${failureText(run.error, backend.knownHostsPath)}`);
    }
    return firstFailure(runs.map(exitOfRun));
  } finally {
    stopListening();
    stopCatching?.();
  }
}
