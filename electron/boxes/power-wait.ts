import type { PowerAction } from '../../shared/api/boxes';
import { ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import type { EmitEvent } from '../ipc/events';
import type { Log } from '../log';
import type { BoxAccess } from './access';
import { BoxRun, type BoxRunDeps } from './box-run';
import { poweroff, reboot, waitUntilBack } from './power';

export interface PowerDeps {
  access: BoxAccess;
  runs: BoxRunDeps;
  emit: EmitEvent;
  log: Log;
  /** How long a rebooted box may take to answer again (default 10 minutes), and the pause between attempts (default 3 s). */
  backTimeoutMs?: number;
  backIntervalMs?: number;
}

/**
 * Reboots or powers off one box as a run. A reboot's run goes on after the
 * answer: it waits for the box in the background, logs when it is back (or
 * why it is not) and then sends `boxes.back`.
 */
export async function powerAction(deps: PowerDeps, targetId: string, action: PowerAction, force: boolean): Promise<Result<{ runId: string; action: PowerAction; waiting: boolean }>> {
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
  waitForBack(deps, target, run, down.value.previousBootId).catch((error: unknown) => deps.log.error(`Waiting for ${target.name} after its reboot failed`, error));
  return ok({ runId: run.runId, action, waiting: true });
}

async function waitForBack(deps: PowerDeps, target: Target, run: BoxRun, previousBootId: string | null): Promise<void> {
  const { access } = deps;
  const back = await run.step('wait', async (onOutput) => {
    onOutput(`Waiting for ${target.name} to come back…\n`, 'cairn');
    const waited = await waitUntilBack(access.connectFn(target), {
      timeoutMs: deps.backTimeoutMs ?? 10 * 60_000,
      intervalMs: deps.backIntervalMs ?? 3000,
      previousBootId,
      label: target.name,
      privilege: access.privilegeOf(target),
    });
    if (!waited.ok) return waited;
    await waited.value.conn.close();
    onOutput(`${target.name} is back (after ${Math.max(1, Math.round(waited.value.waitedMs / 1000))} s).\n`, 'cairn');
    return { ok: true as const, value: { bootId: waited.value.bootId } };
  });
  await run.finish(back);
  deps.emit(
    'boxes.back',
    back.ok
      ? { targetId: target.id, runId: run.runId, ok: true, bootId: back.value.bootId }
      : { targetId: target.id, runId: run.runId, ok: false, bootId: null, error: await access.apiError(back.error) },
  );
}
