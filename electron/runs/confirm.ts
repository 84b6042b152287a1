import type { Step } from '../../shared/plan';

/** The user's explicit yes to the disks a plan erases, naming each disk. */
export interface Confirmation {
  erase: string[];
}

/** Every disk the plan wipes, once each, in plan order. */
export const erasedBy = (steps: readonly Step[]): string[] => [...new Set(steps.flatMap((s) => s.erases))];

/**
 * Null when the confirmation names exactly the disks the plan erases (in
 * any order); otherwise the sentence that refuses the run.
 */
export function confirmationProblem(steps: readonly Step[], confirm: Confirmation | undefined): string | null {
  const erases = erasedBy(steps);
  const given = [...new Set(confirm?.erase ?? [])];
  const same = erases.length === given.length && erases.every((d) => given.includes(d));
  if (same) return null;
  const list = (disks: string[]) => disks.join(', ');
  if (erases.length === 0) return `This plan erases no disk, but the confirmation names ${list(given)}: start it again without an erase confirmation.`;
  if (given.length === 0) return `This plan erases ${list(erases)}: confirm that these disks may be erased before it runs. Nothing was sent to the box.`;
  return `This plan erases ${list(erases)}, but the confirmation names ${list(given)}: confirm exactly the disks the plan erases. Nothing was sent to the box.`;
}
