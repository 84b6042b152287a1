import { drift, fixSteps, type BoxFacts, type Drift, type FixStep } from '../../shared/boxes';
import type { Profile } from '../../shared/profile';
import type { SshConnection } from '../ssh/connect';
import { done, type BoxResult } from './errors';
import { gatherFacts } from './facts';
import type { BoxCallOptions } from './options';
import { runLineOnBox } from './run-on-box';

/** How the box differs from the profile it was installed from. */
export async function checkDrift(conn: SshConnection, profile: Profile, options: BoxCallOptions = {}): Promise<BoxResult<{ facts: BoxFacts; drift: Drift[] }>> {
  const facts = await gatherFacts(conn, options);
  return facts.ok ? done({ facts: facts.value, drift: drift(profile, facts.value) }) : facts;
}

export interface Applied {
  /** The fix steps that ran, in order; empty when the box already matched. */
  ran: FixStep[];
  /** What still differs afterwards (what Cairn cannot fix by itself). */
  remaining: Drift[];
}

/**
 * Runs only the steps the box is missing, read fresh from the box, then
 * reads it again. A second apply finds nothing to do and runs nothing.
 */
export async function applyDrift(conn: SshConnection, profile: Profile, options: BoxCallOptions = {}): Promise<BoxResult<Applied>> {
  const before = await checkDrift(conn, profile, options);
  if (!before.ok) return before;
  const steps = fixSteps(before.value.drift);
  if (steps.length === 0) {
    options.onOutput?.('The box already matches its profile: nothing to do.\n', 'cairn');
    return done({ ran: [], remaining: before.value.drift });
  }
  const ran: FixStep[] = [];
  for (const step of steps) {
    options.onOutput?.(`${step.title}\n`, 'cairn');
    const result = await runLineOnBox(conn, step.command, step.title, { timeoutMs: 15 * 60_000, ...options });
    if (!result.ok) return result;
    ran.push(step);
  }
  const after = await checkDrift(conn, profile, options);
  return after.ok ? done({ ran, remaining: after.value.drift }) : after;
}
