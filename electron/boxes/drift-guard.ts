import { ok } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import type { BoxConfig, FixStep } from '../../shared/boxes';
import { guardedFix } from '../../shared/boxes/drift-guarded';
import type { Profile } from '../../shared/profile';
import type { ApplyGuarded } from './drift';
import type { BoxResult } from './errors';
import { addressAfterInstall } from './follow-address';
import { applyGuarded, type GuardDeps } from './guarded-change';
import type { BoxCallOptions } from './options';

/**
 * The drift steps that can cut Cairn off, each through confirm-or-revert on
 * the box: the interfaces (networking restarted; followed to the profile's
 * static address when it moves the box) and resolv.conf. One change at a
 * time, so a reverted one never leaves the next half-applied. Steps that are
 * no file change (setup-sshd) stay not applied, and the apply says so.
 * Answers the steps that were confirmed.
 */
export function guardedDrift(deps: Omit<GuardDeps, 'signal'>, target: Target): ApplyGuarded {
  return async (steps: readonly FixStep[], profile: Profile, config: BoxConfig, options: BoxCallOptions): Promise<BoxResult<FixStep[]>> => {
    const confirmed: FixStep[] = [];
    let at = target;
    for (const step of steps) {
      const fix = guardedFix(step, profile, config);
      if (fix === null) continue;
      const moves = step.id === 'interfaces' ? addressAfterInstall(profile, at) : null;
      const say = (text: string) => options.onOutput?.(text.endsWith('\n') ? text : `${text}\n`, 'cairn');
      const result = await applyGuarded(
        { ...deps, ...(options.signal ? { signal: options.signal } : {}) },
        at,
        { files: fix.files, restart: fix.restart, ...(moves ? { newAddress: moves } : {}) },
        say,
      );
      if (!result.ok) return result;
      say(result.value.summary);
      if (result.value.outcome !== 'confirmed') continue;
      confirmed.push(step);
      if (result.value.at !== at.host) at = { ...at, host: result.value.at };
    }
    return ok(confirmed);
  };
}
