import type { Step } from './step';

/**
 * What a retry does with a step its previous run completed:
 * - `skip`: skipped. setup-alpine is slow and prompts again; setup-disk must
 *   never erase twice; passwords, packages, services and forwarding are
 *   idempotent and cheap, so skipping them loses nothing.
 * - `always`: runs again (cleanup removes the answer file this run uploads).
 * - `after-changes`: runs again when any step before it that changes the box
 *   runs again: the receipt lists what was applied, lbu commit saves it,
 *   reboot boots into it.
 */
export type ResumeRule = 'skip' | 'always' | 'after-changes';

const RULES: Readonly<Record<string, ResumeRule>> = {
  'root-password': 'skip',
  'setup-alpine': 'skip',
  cleanup: 'always',
  'user-fullname': 'skip',
  'user-password': 'skip',
  packages: 'skip',
  services: 'skip',
  'ip-forwarding': 'skip',
  disk: 'skip',
  receipt: 'after-changes',
  'lbu-commit': 'after-changes',
  reboot: 'after-changes',
};

/** Steps that only tidy up: running them again changes nothing a later step saves. */
const TIDY: ReadonlySet<string> = new Set(['cleanup']);

/** A step Cairn does not know the rule of is never skipped: running it twice is the safe mistake. */
export const resumeRule = (step: Pick<Step, 'id' | 'always'>): ResumeRule => (step.always === true ? 'always' : (RULES[step.id] ?? 'always'));

export interface ResumePlan<S> {
  /** The steps to run, in plan order. */
  steps: S[];
  /** Ids of the steps left out: the previous run completed them and they are safe to skip. */
  skipped: string[];
  /** Ids of the steps run again, in plan order (those of `steps`). */
  rerun: string[];
  /** The first step to run that the previous run did not complete (the one that failed, or never ran); null when every step was completed. */
  from: S | null;
}

/**
 * A retry's plan: `steps` less those the previous run completed (`completed`,
 * by id) that may be skipped. A step not completed always runs; so do the
 * `always` steps; order is kept.
 */
export function resumePlan<S extends Pick<Step, 'id' | 'always'>>(steps: readonly S[], completed: Iterable<string>): ResumePlan<S> {
  const done = new Set(completed);
  const kept: S[] = [];
  const skipped: string[] = [];
  let changed = false;
  for (const step of steps) {
    const rule = resumeRule(step);
    const run = !done.has(step.id) || rule === 'always' || (rule === 'after-changes' && changed);
    if (!run) {
      skipped.push(step.id);
      continue;
    }
    kept.push(step);
    changed ||= !TIDY.has(step.id);
  }
  return { steps: kept, skipped, rerun: kept.map((s) => s.id), from: kept.find((s) => !done.has(s.id)) ?? null };
}
