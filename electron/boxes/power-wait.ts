import type { PowerAction } from '../../shared/api/boxes';
import { ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import type { EmitEvent } from '../ipc/events';
import type { Log } from '../log';
import type { BoxAccess } from './access';
import { BoxRun, type BoxRunDeps } from './box-run';
import type { Profile } from '../../shared/profile';
import { FINAL_CODES } from '../ssh/errors';
import type { HostTrust } from '../ssh/known-hosts';
import type { KnownHostsStore } from '../store/known-hosts';
import type { TargetStore } from '../store/targets';
import { addressAfterInstall, targetAt } from './follow-address';
import { poweroff, reboot, waitUntilBack } from './power';

export interface PowerDeps {
  access: BoxAccess;
  runs: BoxRunDeps;
  emit: EmitEvent;
  log: Log;
  /** How long a rebooted box may take to answer again (default 10 minutes), and the pause between attempts (default 3 s). */
  backTimeoutMs?: number;
  backIntervalMs?: number;
  /** Where the box may turn up after an install changed its address: the target follows it there. */
  follow?: FollowDeps;
}

export interface FollowDeps {
  /** The profile an install run used (through its fleet); null when it is not known. */
  profileOfRun: (runId: string) => Promise<Profile | null>;
  targets: Pick<TargetStore, 'save'>;
  knownHosts: Pick<KnownHostsStore, 'add'>;
  trust: HostTrust;
}

/** A new address to look for the box at, and the target as it would be there. */
interface Move {
  host: string;
  there: Target;
}

/**
 * Reboots or powers off one box as a run. A reboot's run goes on after the
 * answer: it waits for the box in the background, logs when it is back (or
 * why it is not) and then sends `boxes.back`.
 */
export async function powerAction(
  deps: PowerDeps,
  targetId: string,
  action: PowerAction,
  force: boolean,
  afterRun?: string,
): Promise<Result<{ runId: string; action: PowerAction; waiting: boolean }>> {
  const { access } = deps;
  const found = await access.target(targetId);
  if (!found.ok) return found;
  const target = found.value;
  const run = await BoxRun.open(deps.runs, target, {
    action: 'power',
    title: action === 'reboot' ? `Reboot ${target.name}` : `Power off ${target.name}`,
    destructive: true,
    extraSteps: action === 'reboot' ? [{ id: 'wait', title: `Wait for ${target.name} to come back` }] : [],
  });
  const linked = await access.connect(target);
  if (!linked.ok) {
    await run.finish(linked);
    return access.refusal(linked.error);
  }
  const { conn, context } = linked.value;
  const go = action === 'reboot' ? reboot : poweroff;
  const down = await run.step('power', (onOutput) => go(conn, { ...context, force, onOutput })).finally(() => conn.close());
  if (!down.ok || action === 'poweroff') {
    await run.finish(down);
    return down.ok ? ok({ runId: run.runId, action, waiting: false }) : access.refusal(down.error);
  }
  const move = action === 'reboot' && afterRun !== undefined ? await moveOf(deps, target, afterRun) : null;
  waitForBack(deps, target, run, down.value.previousBootId, move).catch((error: unknown) => deps.log.error(`Waiting for ${target.name} after its reboot failed`, error));
  return ok({ runId: run.runId, action, waiting: true });
}

/** Where an install run may have moved the box: the static address its profile gives, when that is not the target's. */
async function moveOf(deps: PowerDeps, target: Target, runId: string): Promise<Move | null> {
  if (deps.follow === undefined) return null;
  const profile = await deps.follow.profileOfRun(runId);
  const host = profile === null ? null : addressAfterInstall(profile, target);
  if (host === null) return null;
  const there = await targetAt(target, host, deps.follow.trust);
  return there === null ? null : { host, there };
}

/**
 * Tries the box where the target points, then at the address the install
 * gave it; there only the box's own key is trusted. A refusal at the old
 * address ends the wait as always; one at the new address (someone else's
 * key there) does too.
 */
function connectEither(access: PowerDeps['access'], target: Target, move: Move | null) {
  const old = access.connectFn(target);
  if (move === null) return old;
  const moved = access.connectFn(move.there);
  return async (signal?: AbortSignal) => {
    const first = await old(signal);
    return first.ok || FINAL_CODES.has(first.error.code) ? first : moved(signal);
  };
}

/** The target points at the box's new address from now on, and that address is trusted with the box's key. */
async function followTo(deps: PowerDeps, target: Target, move: Move): Promise<string | null> {
  const follow = deps.follow;
  const key = move.there.hostKey;
  if (follow === undefined || key === undefined) return 'nothing to follow with';
  const { id: _id, ...rest } = move.there;
  const saved = await follow.targets.save({ ...rest, id: target.id, ...(target.hostKey === undefined ? { hostKey: undefined } : {}) });
  if (!saved.ok) return saved.error.message;
  await follow.knownHosts.add(move.host, target.port, key.keyType, key.key);
  return null;
}

async function waitForBack(deps: PowerDeps, target: Target, run: BoxRun, previousBootId: string | null, move: Move | null): Promise<void> {
  const { access } = deps;
  let movedTo: string | undefined;
  const back = await run.step('wait', async (onOutput) => {
    onOutput(`Waiting for ${target.name} to come back${move === null ? '' : ` (at ${target.host}, or at ${move.host} as its profile sets)`}…\n`, 'cairn');
    const waited = await waitUntilBack(connectEither(access, target, move), {
      timeoutMs: deps.backTimeoutMs ?? 10 * 60_000,
      intervalMs: deps.backIntervalMs ?? 3000,
      previousBootId,
      label: target.name,
      privilege: access.privilegeOf(target),
      ...(move === null ? {} : { newAddress: move.host }),
    });
    if (!waited.ok) return waited;
    await waited.value.conn.close();
    onOutput(`${target.name} is back (after ${Math.max(1, Math.round(waited.value.waitedMs / 1000))} s).\n`, 'cairn');
    if (move !== null && waited.value.conn.host === move.host) {
      const problem = await followTo(deps, target, move);
      if (problem === null) {
        movedTo = move.host;
        onOutput(`It answers at ${move.host} now, with the host key it had: the target points there from now on.\n`, 'cairn');
      } else onOutput(`It answers at ${move.host} now, but the target could not be updated (${problem}): edit its address in Targets.\n`, 'cairn');
    }
    return ok({ bootId: waited.value.bootId });
  });
  await run.finish(back);
  deps.emit(
    'boxes.back',
    back.ok
      ? { targetId: target.id, runId: run.runId, ok: true, bootId: back.value.bootId, ...(movedTo === undefined ? {} : { movedTo }) }
      : { targetId: target.id, runId: run.runId, ok: false, bootId: null, error: access.apiError(back.error) },
  );
}
