import type { RunActivity } from '../electron/runs/fleet-registry';
import type { RunStatus } from '../electron/runs/events';

/** How a run ended, in words for the summary line. */
export const STATUS_WORDS: Record<Exclude<RunStatus, 'running'>, string> = {
  succeeded: 'installed',
  warned: 'installed, with warnings',
  failed: 'failed',
  refused: 'refused',
  cancelled: 'stopped',
  interrupted: 'interrupted',
};

/**
 * The progress line a run event makes for people, prefixed with the
 * target's name; null for events that only scripts want (the box's output,
 * steps that went as planned, the end, which the summary says).
 */
export function progressLine(activity: RunActivity, nameOf: (targetId: string) => string): string | null {
  if (activity.type === 'fleet.started' || activity.type === 'fleet.done' || activity.type === 'run.output' || activity.type === 'run.done') return null;
  const name = nameOf(activity.targetId);
  switch (activity.type) {
    case 'run.step':
      switch (activity.status) {
        case 'running':
          return `${name}: ${activity.title}…`;
        case 'warned':
          return `${name}: ${activity.title}: done, with warnings`;
        case 'failed':
          return `${name}: ${activity.title}: failed`;
        case 'cancelled':
          return `${name}: ${activity.title}: stopped`;
        case 'interrupted':
          return `${name}: ${activity.title}: interrupted`;
        default:
          return null;
      }
    case 'run.progress':
      return `${name}:   setup-alpine ${activity.progress.index}/${activity.progress.total}: ${activity.progress.section}`;
    case 'run.preflight':
      return activity.problems.length === 0 ? null : activity.problems.map((p) => `${name}: preflight ${p.severity}: ${p.message}`).join('\n');
  }
}
