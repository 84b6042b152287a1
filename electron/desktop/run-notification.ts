import { FINAL_RUN_STATUSES } from '../../shared/runs/statuses';
import type { FinalStatus } from '../runs';
import type { FleetActivity } from '../runs/fleet-registry';

export interface NotificationText {
  title: string;
  body: string;
}

type FleetDone = Extract<FleetActivity, { type: 'fleet.done' }>;

const OUTCOME: Record<FinalStatus, string> = {
  succeeded: 'succeeded',
  warned: 'finished with warnings',
  failed: 'failed',
  refused: 'was refused',
  cancelled: 'was cancelled',
  interrupted: 'was interrupted',
};

/** What the person should do next, after the outcome. */
const NEXT: Record<FinalStatus, string> = {
  succeeded: 'The box is ready.',
  warned: 'Open Cairn to read the findings: the box may differ from the profile.',
  failed: 'Open Cairn to read why in the log, then retry.',
  refused: 'Nothing was changed on the box; open Cairn to see why.',
  cancelled: 'Open Cairn to see where it stopped.',
  interrupted: 'Check the box, then run the profile again.',
};

const ORDER: readonly FinalStatus[] = FINAL_RUN_STATUSES;

/** The worst outcome among the runs: what the title of a fleet's notification says. */
const worst = (statuses: FinalStatus[]): FinalStatus => ORDER[Math.max(...statuses.map((s) => ORDER.indexOf(s)))] ?? 'failed';

/**
 * One notification per fleet when its last run ends: for one target the
 * outcome in a sentence, for several a count per outcome naming the targets
 * that need attention.
 */
export function fleetNotification(done: FleetDone): NotificationText {
  const [only] = done.runs;
  if (done.runs.length === 1 && only) {
    return { title: `Install on ${only.targetName} ${OUTCOME[only.status]}`, body: `“${done.profileName}” on ${only.targetName} ${OUTCOME[only.status]}. ${NEXT[only.status]}` };
  }
  const status = worst(done.runs.map((r) => r.status));
  const counts = ORDER.map((s) => [s, done.runs.filter((r) => r.status === s)] as const).filter(([, runs]) => runs.length > 0);
  const parts = counts.map(([s, runs]) => (s === 'succeeded' ? `${runs.length} succeeded` : `${runs.length} ${OUTCOME[s]} (${runs.map((r) => r.targetName).join(', ')})`));
  const title =
    status === 'succeeded'
      ? `Install on ${done.runs.length} targets succeeded`
      : `Install on ${done.runs.length} targets: ${status === 'warned' ? 'some with warnings' : 'some need attention'}`;
  return { title, body: `“${done.profileName}”: ${parts.join(', ')}. ${NEXT[status]}` };
}
