import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** How to recognise the processes that belong to one target. */
export interface ProcessMatch {
  /** CAIRN_TEST_TARGET value in the environment of the server and its per-connection children. */
  marker: string;
  /** Session processes of a chrooted server have this root directory. */
  root: string | null;
  /** Session processes of a Dropbear target run as this host uid. */
  uid: number | null;
}

export interface TargetProcess {
  pid: number;
  command: string;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return null;
  }
}

function belongs(pid: number, match: ProcessMatch): boolean {
  const status = read(`/proc/${pid}/status`) ?? '';
  // A zombie holds nothing but its pid; reaping it is its parent's (or
  // init's) business, and in a container init may never do it.
  if (/^State:\s+Z/m.test(status)) return false;
  const environ = read(`/proc/${pid}/environ`);
  if (environ?.split('\0').includes(`CAIRN_TEST_TARGET=${match.marker}`)) return true;
  if (match.root) {
    try {
      if (readlinkSync(`/proc/${pid}/root`) === match.root) return true;
    } catch {
      // Gone already.
    }
  }
  if (match.uid !== null) {
    const uid = /^Uid:\s+(\d+)/m.exec(status);
    if (uid && Number(uid[1]) === match.uid) return true;
  }
  return false;
}

/** The processes of one target, found by its marker, chroot or uid: never by name. */
export function targetProcesses(match: ProcessMatch): TargetProcess[] {
  const found: TargetProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || !belongs(pid, match)) continue;
    const command = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
    found.push({ pid, command });
  }
  return found;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function parentOf(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? 0);
}

/**
 * SIGKILLs the target's processes, children before parents, so each parent
 * is still there to reap its child: orphans would go to init, which in a
 * container may never reap them. `spare` (the listener) is left alone.
 */
export function killTargetProcesses(match: ProcessMatch, spare?: number): void {
  for (let round = 0; round < 50; round++) {
    const found = targetProcesses(match).filter((p) => p.pid !== spare);
    if (found.length === 0) return;
    const parents = new Set(found.map((p) => parentOf(p.pid)));
    const leaves = found.filter((p) => !parents.has(p.pid));
    const victims = leaves.length > 0 ? leaves : found;
    for (const { pid } of victims) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Exited meanwhile.
      }
    }
    for (let waited = 0; waited < 400 && victims.some((p) => existsSync(`/proc/${p.pid}`)); waited += 10) pause(10);
  }
}
