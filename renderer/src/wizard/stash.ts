import type { ZodType } from 'zod';
import type { WizardData } from '../store/wizard-slice';

export interface Toggled<T> {
  value: T | null;
  stash: Record<string, unknown>;
}

/**
 * Turning an optional part of the profile off (no user, no keymap, DHCP
 * instead of a static address) sets its value aside under `key`; turning it
 * back on restores it, so switching back and forth loses nothing typed.
 */
export function toggled<T>(w: WizardData, key: string, current: T | null, on: boolean, fresh: () => T, schema: ZodType<T>): Toggled<T> {
  if (!on) return { value: null, stash: current === null ? { ...w.stash } : { ...w.stash, [key]: current } };
  if (current !== null) return { value: current, stash: { ...w.stash } };
  const kept = schema.safeParse(w.stash[key]);
  return { value: kept.success ? kept.data : fresh(), stash: { ...w.stash } };
}
