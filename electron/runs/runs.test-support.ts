import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestTarget } from '../../e2e/target';
import { defaultProfile, type Profile } from '../../shared/profile';
import { createLog, type Log } from '../log';
import type { ConnectOptions, SshConnection } from '../ssh';
import { readFactsMakingWorkDir } from './preflight';
import { openRunFiles } from '../store/runs';
import type { RunEvent } from './events';

/** Login options for a target, trusting its host key at `port` (the server's, or a relay's in front of it). */
export function loginTo(target: TestTarget, port = target.port): { connect: ConnectOptions; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-run-trust-'));
  const userKnownHostsPath = path.join(dir, 'known_hosts');
  writeFileSync(userKnownHostsPath, `[${target.host}]:${port} ${target.hostPublicKey}\n`);
  return {
    connect: {
      host: target.host,
      port,
      username: target.user,
      auth: { kind: 'key', privateKeyPath: target.privateKeyPath },
      trust: { storePath: path.join(dir, 'cairn_known_hosts'), userKnownHostsPath },
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A run's folder on the box, made as a run makes it (with preflight's read); throws when it cannot be made. */
export async function workDirOn(conn: SshConnection): Promise<string> {
  const read = await readFactsMakingWorkDir(conn);
  if (!read.ok) throw new Error(read.error.message);
  if (!read.value.workDir.ok) throw new Error(read.value.workDir.error.message);
  return read.value.workDir.value;
}

/** A fresh runs folder (like userData/runs), removed by cleanup. */
export function runsFolder(): { dir: string; openRun: (runId: string) => ReturnType<typeof openRunFiles>; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-runs-'));
  return { dir, openRun: (runId) => openRunFiles(dir, runId), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A log in a fresh folder (the fleet registry logs how each run ended), removed by cleanup. */
export function testLog(): { log: Log; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-log-'));
  return { log: createLog({ file: path.join(dir, 'main.log'), level: 'debug' }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Keeps every event a run sends, with the time it arrived. */
export function eventLog() {
  const events: Array<RunEvent & { at: number }> = [];
  return {
    events,
    sink: (event: RunEvent) => events.push({ ...event, at: performance.now() }),
    of: <T extends RunEvent['type']>(type: T) => events.filter((e): e is Extract<RunEvent, { type: T }> & { at: number } => e.type === type),
  };
}

/** A box that keeps running from RAM, saved with lbu: nothing erased, so no confirmation is needed. */
export function disklessProfile(changes: Partial<Profile> = {}): Profile {
  const p = defaultProfile();
  return { ...p, name: 'Test box', hostname: 'testbox', disk: { ...p.disk, mode: 'none', disks: [] }, diskless: { lbuMedia: 'usb', apkCacheDir: null }, ...changes };
}

/** The processes on the target whose command line mentions `text`. */
export const running = (target: TestTarget, text: string) => target.processes().filter((p) => p.command.includes(text));
