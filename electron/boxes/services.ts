import { err, ok } from '../../shared/api/result';
import {
  LIST_SERVICES,
  checkRunlevel,
  checkServiceName,
  parseRcStatus,
  runlevelActionCommand,
  serviceActionCommand,
  splitSections,
  summariseServices,
  type RcLevel,
  type RunlevelAction,
  type ServiceAction,
  type ServiceSummary,
} from '../../shared/boxes';
import type { Target } from '../../shared/api/targets';
import type { SshConnection } from '../ssh/connect';
import type { BoxResult } from './errors';
import { applyGuarded, type GuardDeps, type GuardedResult } from './guarded-change';
import { labelOf, type BoxCallOptions } from './options';
import { invalid, runOnBox } from './run-on-box';

export interface ServicesList {
  /** rc-status -a as OpenRC groups it. */
  levels: RcLevel[];
  /** One row per service in /etc/init.d. */
  services: ServiceSummary[];
}

export async function listServices(conn: SshConnection, options: BoxCallOptions = {}): Promise<BoxResult<ServicesList>> {
  const { onOutput: _quiet, ...rest } = options;
  const ran = await runOnBox(conn, LIST_SERVICES, 'rc-status -a', { ...rest, timeoutMs: 60_000 });
  if (!ran.ok) return ran;
  const sections = splitSections(ran.value.stdout);
  if (sections === null) return err({ code: 'unexpected-output', message: `${labelOf(conn, options)} did not finish listing its services: try again.` });
  const levels = parseRcStatus((sections.get('rc-status') ?? []).join('\n'));
  return ok({ levels, services: summariseServices(levels, sections.get('init-d') ?? []) });
}

/** Starts, stops or restarts a service now (rc-service); the runlevels stay as they are. */
export async function serviceAction(
  conn: SshConnection,
  name: string,
  action: ServiceAction,
  options: BoxCallOptions = {},
): Promise<BoxResult<{ name: string; action: ServiceAction }>> {
  const problem = checkServiceName(name);
  if (problem) return invalid(problem);
  const ran = await runOnBox(conn, serviceActionCommand(name, action), `rc-service ${name} ${action}`, { timeoutMs: 5 * 60_000, ...options });
  return ran.ok ? ok({ name, action }) : ran;
}

/** Adds a service to a runlevel or removes it (rc-update): what starts at boot. */
export async function runlevelAction(
  conn: SshConnection,
  name: string,
  runlevel: string,
  action: RunlevelAction,
  options: BoxCallOptions = {},
): Promise<BoxResult<{ name: string; runlevel: string; action: RunlevelAction }>> {
  const problem = checkServiceName(name) ?? checkRunlevel(runlevel);
  if (problem) return invalid(problem);
  const ran = await runOnBox(conn, runlevelActionCommand(name, runlevel, action), `rc-update ${action} ${name} ${runlevel}`, { timeoutMs: 60_000, ...options });
  return ran.ok ? ok({ name, runlevel, action }) : ran;
}

/**
 * A stop or restart that can cut Cairn off (see serviceRisk: networking,
 * sshd, wifi, the firewall) runs guarded: the box starts (or restarts) the
 * service again by itself unless Cairn reaches it afterwards and confirms.
 */
export async function guardedServiceAction(
  deps: GuardDeps,
  target: Target,
  name: string,
  action: ServiceAction,
  windowMs: number | undefined,
  options: BoxCallOptions = {},
): Promise<BoxResult<{ name: string; action: ServiceAction; guarded: GuardedResult }>> {
  const problem = checkServiceName(name);
  if (problem) return invalid(problem);
  const change = { files: [], restart: action === 'restart' ? [name] : [], stop: action === 'stop' ? [name] : [], ...(windowMs === undefined ? {} : { windowMs }) };
  const guarded = await applyGuarded({ ...deps, ...(options.signal ? { signal: options.signal } : {}) }, target, change, (text) => options.onOutput?.(text, 'cairn'));
  return guarded.ok ? ok({ name, action, guarded: guarded.value }) : guarded;
}
