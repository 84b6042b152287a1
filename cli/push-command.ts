import { join } from 'node:path';
import type { RunDoneEvent } from '../electron/runs/events';
import type { FleetDone } from '../electron/runs/fleet-registry';
import type { ParsedArgs } from './args';
import { failureText } from './failure';
import { exitOfRun } from './fleet-follow';
import { parallelOf } from './fleet-options';
import { requireValidProfile, type CliIo } from './inputs';
import { progressLine, STATUS_WORDS } from './push-progress';
import { firstFailure, openRemote } from './remote';

/** The disks of `--erase`, given one per option or comma-separated. */
export const disksOf = (given: readonly string[]): string[] => [
  ...new Set(
    given
      .flatMap((g) => g.split(','))
      .map((d) => d.trim())
      .filter((d) => d !== ''),
  ),
];

/**
 * Null when --erase names exactly the disks the plan erases (the rule of
 * electron/runs/confirm.ts, which the runner checks again); otherwise the
 * sentence that refuses the push, saying which option to give.
 */
export function eraseProblem(erases: readonly string[], given: readonly string[]): string | null {
  if (erases.length === given.length && erases.every((d) => given.includes(d))) return null;
  const options = erases.map((d) => `--erase ${d}`).join(' ');
  if (erases.length === 0) return `This plan erases no disk, but --erase names ${given.join(', ')}: leave --erase out. Nothing was sent to the boxes.`;
  const these = erases.length === 1 ? 'this disk' : 'these disks';
  if (given.length === 0) return `This plan erases ${erases.join(', ')} on every target: add ${options} to confirm that ${these} may be erased. Nothing was sent to the boxes.`;
  return `This plan erases ${erases.join(', ')}, but --erase names ${given.join(', ')}: name exactly the disks the plan erases (${options}). Nothing was sent to the boxes.`;
}

type Ended = Pick<RunDoneEvent, 'status' | 'error' | 'findings'>;

/**
 * `cairn push PROFILE.json TARGET...`: the install the app's Run screen
 * starts, through the same run launcher: planned, the erase confirmed, each
 * box checked by preflight and installed, every run kept in the data folder.
 */
export async function pushCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const [file = '-', ...targetArgs] = args.positional;
  const profile = await requireValidProfile(io, file);
  const erase = disksOf(args.lists.get('--erase') ?? []);
  const reboot = args.flags.has('--reboot');
  const remote = await openRemote(io, args, targetArgs);
  const { backend, out, targets } = remote;
  const profileId = backend.useProfile(profile);
  const targetIds = targets.map((t) => t.id);

  const planned = await backend.call('runs:plan', { profileId, targetIds, reboot });
  if (!planned.ok) return remote.refuse(null, planned.error);
  const { erases, profileName } = planned.value;
  out.event({ type: 'plan', profileName, erases, targets: planned.value.targets });
  // Before any box is reached, even to trust its key.
  const refusal = eraseProblem(erases, erase);
  if (refusal !== null) return remote.refuse(null, { code: 'confirmation-mismatch', message: refusal });
  await remote.trust();

  const names = new Map(targets.map((t) => [t.id, t.name]));
  const ended = new Map<string, Ended>();
  let fleetEnded: (done: FleetDone) => void = () => undefined;
  const fleetDone = new Promise<FleetDone>((resolve) => (fleetEnded = resolve));
  // Listening before the start: the fleet's first events come before runs:start answers.
  const stopListening = backend.onActivity((activity) => {
    out.event(activity);
    const line = progressLine(activity, (id) => names.get(id) ?? id);
    if (line !== null) out.note(line);
    if (activity.type === 'run.done') ended.set(activity.runId, activity);
    if (activity.type === 'fleet.done') fleetEnded(activity);
  });
  let stopCatching: (() => void) | undefined;
  try {
    const started = await backend.call('runs:start', { profileId, targetIds, confirmErase: erase, reboot, concurrency: parallelOf(args) });
    if (!started.ok) return remote.refuse(null, started.error);
    const { fleetId } = started.value;
    stopCatching = io.onInterrupt?.(() => {
      out.note('Stopping the runs (Ctrl-C again quits at once, leaving them unfinished)…');
      void backend.call('runs:cancel', { fleetId });
    });
    const done = await fleetDone;

    const runs = done.runs.map((r) => {
      const end = ended.get(r.runId) ?? { status: r.status, error: null, findings: [] };
      return {
        fleetId,
        runId: r.runId,
        targetId: r.targetId,
        target: r.targetName,
        status: r.status,
        error: end.error,
        findings: end.findings,
        logPath: join(backend.runsDir, r.runId, 'output.log'),
      };
    });
    for (const run of runs) {
      const findings = run.findings.map((f) => `\n  ${f.severity}: ${f.reason}`).join('');
      out.answer(`${run.target}: ${STATUS_WORDS[run.status]} (run ${run.runId}, log ${run.logPath})${findings}`, { type: 'run', ...run });
      if (run.error !== null) out.problem(`${run.target}: ${failureText(run.error, backend.knownHostsPath)}`);
    }
    return firstFailure(runs.map((r) => exitOfRun({ status: r.status, error: r.error, findings: r.findings })));
  } finally {
    stopListening();
    stopCatching?.();
  }
}
