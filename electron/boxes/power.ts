import { err, ok } from '../../shared/api/result';
import { BOOT_ID, POWEROFF, REBOOT } from '../../shared/boxes';
import { sh } from '../../shared/shell';
import type { SshConnection } from '../ssh/connect';
import { exec } from '../ssh/exec';
import { FINAL_CODES, seconds, type SshResult } from '../ssh/errors';
import type { BoxResult } from './errors';
import { gatherFacts } from './facts';
import { labelOf, type BoxCallOptions } from './options';
import { asLogin, runOnBox } from './run-on-box';

export interface PowerOptions extends BoxCallOptions {
  /** Go ahead even when changes not saved with lbu commit would be lost. */
  force?: boolean;
}

export interface PowerResult {
  action: 'reboot' | 'poweroff';
  /** The boot the box was in; waitUntilBack uses it to tell the new boot from the old. */
  previousBootId: string | null;
}

/**
 * Asks whether going down loses work: a box whose root is in RAM (or might
 * be: no /proc/mounts to tell) keeps only what lbu commit saved.
 */
async function guard(conn: SshConnection, action: PowerResult['action'], options: PowerOptions): Promise<BoxResult<string | null>> {
  const facts = await gatherFacts(conn, { ...options, onOutput: undefined });
  if (!facts.ok) return options.force ? ok(null) : facts;
  const { storage, lbu, bootId } = facts.value;
  const uncommitted = lbu.uncommitted ?? 0;
  if (!options.force && storage !== 'installed' && uncommitted > 0) {
    const box = labelOf(conn, options);
    const where = storage === 'unknown' ? 'may run from RAM' : 'runs from RAM';
    const verb = action === 'reboot' ? 'a reboot' : 'powering off';
    return err({
      code: 'unsaved-changes',
      uncommitted,
      message: `${box} ${where} and has ${uncommitted} change${uncommitted === 1 ? '' : 's'} not saved with lbu commit: ${verb} loses ${uncommitted === 1 ? 'it' : 'them'}. Save with lbu commit first, or ${action === 'reboot' ? 'reboot' : 'power off'} anyway.`,
    });
  }
  return ok(bootId);
}

async function goDown(conn: SshConnection, action: PowerResult['action'], options: PowerOptions): Promise<BoxResult<PowerResult>> {
  const checked = await guard(conn, action, options);
  if (!checked.ok) return checked;
  options.onOutput?.(`${action === 'reboot' ? 'Rebooting' : 'Powering off'} ${labelOf(conn, options)}\n`, 'cairn');
  const ran = await runOnBox(conn, action === 'reboot' ? REBOOT : POWEROFF, action, { ...options, timeoutMs: 60_000 });
  // The session may end with the box: a dropped connection is the command working.
  if (!ran.ok && ran.error.code !== 'connection-lost') return ran;
  return ok({ action, previousBootId: checked.value });
}

/** Reboots the box (the caller has asked the person); refuses with `unsaved-changes` unless `force`. */
export const reboot = (conn: SshConnection, options: PowerOptions = {}) => goDown(conn, 'reboot', options);

/** Powers the box off (the caller has asked the person); refuses with `unsaved-changes` unless `force`. */
export const poweroff = (conn: SshConnection, options: PowerOptions = {}) => goDown(conn, 'poweroff', options);

export interface WaitOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between attempts (default 2 s). */
  intervalMs?: number;
  /** From reboot(): a connection to the same boot is not "back". */
  previousBootId?: string | null;
  signal?: AbortSignal;
  label?: string;
  privilege?: 'root' | 'doas';
  /** An address the box answers at only once the reboot applied its new network settings: an answer there is "back". */
  newAddress?: string;
}

/** Waits `ms`, or less when `signal` aborts: never rejects. */
export const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(wake, ms);
    function wake() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    }
    signal?.addEventListener('abort', wake, { once: true });
  });

async function readBootId(conn: SshConnection, privilege: WaitOptions['privilege']): Promise<string | null> {
  const ran = await exec(conn, asLogin(sh(...BOOT_ID), privilege), { timeoutMs: 15_000 });
  const id = ran.ok ? ran.value.stdout.trim() : '';
  return id === '' ? null : id;
}

/**
 * Connects again and again until the box is back from a reboot: a new boot
 * id when the box has one to compare, otherwise the first connection after
 * one that failed (the box went down). Host-key and login refusals end the
 * wait at once: they do not go away by waiting.
 */
export async function waitUntilBack(
  connectFn: (signal?: AbortSignal) => Promise<SshResult<SshConnection>>,
  options: WaitOptions,
): Promise<BoxResult<{ conn: SshConnection; bootId: string | null; attempts: number; waitedMs: number }>> {
  const started = Date.now();
  const box = options.label ?? 'The box';
  let attempts = 0;
  let wentDown = false;
  let last = '';
  for (;;) {
    if (options.signal?.aborted) return err({ code: 'cancelled', message: `Waiting for ${box} to come back was cancelled.` });
    attempts++;
    const attempt = await connectFn(options.signal);
    if (!attempt.ok) {
      if (FINAL_CODES.has(attempt.error.code)) return attempt;
      wentDown = true;
      last = attempt.error.message;
    } else {
      const bootId = await readBootId(attempt.value, options.privilege);
      const previous = options.previousBootId ?? null;
      const moved = options.newAddress !== undefined && attempt.value.host === options.newAddress;
      const back = moved || (previous !== null && bootId !== null ? bootId !== previous : wentDown);
      if (back) return ok({ conn: attempt.value, bootId, attempts, waitedMs: Date.now() - started });
      await attempt.value.close();
      last = `${box} still answers from before the reboot.`;
    }
    if (Date.now() - started >= options.timeoutMs) {
      return err({ code: 'timeout', message: `${box} did not come back within ${seconds(options.timeoutMs)}: check it at its console. Last attempt: ${last}` });
    }
    await pause(options.intervalMs ?? 2000, options.signal);
  }
}
