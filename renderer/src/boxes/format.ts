import type { BoxFacts } from '../../../shared/boxes/facts';

// What only the Boxes screen says; the facts in words come from shared/boxes/format, which the CLI uses too.

/** True when a reboot would lose work: the box may run from RAM and lbu has changes to save. */
export const losesChangesOnReboot = (facts: BoxFacts): boolean => facts.storage !== 'installed' && (facts.lbu.uncommitted ?? 0) > 0;

/** "just now", "5 s ago", "3 min ago", or the time of day for older reads. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `at ${then.toLocaleTimeString()}`;
}
