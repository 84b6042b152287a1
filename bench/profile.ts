import { plan, type Step } from '../shared/plan';
import { defaultProfile, type Profile } from '../shared/profile';
import type { Planner } from '../electron/runs';

/** A diskless box: setup-alpine does its whole run on the stand-ins, nothing is erased. */
export function benchProfile(): Profile {
  const p = defaultProfile();
  return { ...p, name: 'Bench', hostname: 'bench', timezone: 'Europe/Berlin', disk: { ...p.disk, mode: 'none', disks: [] }, diskless: { lbuMedia: 'usb', apkCacheDir: null } };
}

/** The same work the ssh baseline does: push the answer file, run setup-alpine, remove the file. */
export const pushAndRun: Planner = (profile, facts, options) => plan(profile, facts, options).filter((s: Step) => s.id === 'setup-alpine' || s.id === 'cleanup');
