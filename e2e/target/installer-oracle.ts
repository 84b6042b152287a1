import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBoxTree, type BoxTree } from './box-tree';
import { installStandIns, unpackRootfs } from './chroot';
import { registerTarget, unregisterTarget } from './cleanup-registry';
import { hostCommand } from './host-command';
import { StandIns } from './stand-ins';
import { alpineRootfsPath, TARGETS_DIR } from './paths';
import { randomId } from './target-base';

export interface InstallerRun {
  /** null when the run was stopped (a prompt loop or a hang). */
  code: number | null;
  output: string;
  tree: BoxTree;
  /** What setup-disk (a stand-in: no block devices here) was asked, as its options mean it (see diskMeaning). */
  disk: string[];
}

// The session environment of an SSH login on the test target: setup-alpine
// behaves as it does over SSH (no service restarts).
const SESSION_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  SSH_CONNECTION: '127.0.0.1 40000 127.0.0.1 22',
};

const SCRIPT = 'hostname localhost && cd /root && exec setup-alpine -e -f /root/answers </dev/null 2>&1';

/**
 * The real setup-alpine as an oracle, without SSH: each answer file runs in
 * a fresh copy of a prepared Alpine root (alpine-conf plus the stand-ins of
 * the SSH test targets), chrooted, in network and UTS namespaces of its own
 * (nothing it tries can reach a network or rename the host), with stdin
 * closed as over SSH. What it wrote is read back as a BoxTree.
 */
export class InstallerOracle {
  private constructor(
    private readonly dir: string,
    private readonly marker: string,
  ) {}

  static async start(): Promise<InstallerOracle> {
    const id = `q${randomId()}`;
    const dir = path.join(TARGETS_DIR, id);
    registerTarget({ ownerPid: process.pid, dir, user: null, marker: id, root: null, uid: null });
    const oracle = new InstallerOracle(dir, id);
    await unpackRootfs(alpineRootfsPath(), oracle.template);
    await installStandIns(oracle.template);
    // A PC booted from CD: no medium mounted for lbu, unlike the SSH targets' SD card.
    writeFileSync(path.join(oracle.template, 'proc/mounts'), 'tmpfs / tmpfs rw,relatime,mode=755 0 0\n');
    // It checks what setup-disk is asked, not the LUKS dialogue, which needs a terminal this run has not got.
    mkdirSync(path.join(oracle.template, 'etc/cairn-standins'), { recursive: true });
    writeFileSync(path.join(oracle.template, 'etc/cairn-standins/crypt-unattended'), '');
    // One wired card, as setup-interfaces finds cards (README.cairn.md): what it offers when nobody answers.
    mkdirSync(path.join(oracle.template, 'sys/class/net/eth0'), { recursive: true });
    writeFileSync(path.join(oracle.template, 'sys/class/net/eth0/ifindex'), '2\n');
    return oracle;
  }

  private get template(): string {
    return path.join(this.dir, 'template');
  }

  /**
   * Runs `setup-alpine -e -f answers` on a fresh box; stops it after
   * `timeoutMs` (a prompt loop never ends). `media` names storage attached
   * to the box (its /media/NAME folder exists, as for a mounted SD card).
   */
  async run(answers: string, { timeoutMs = 20_000, media = [] }: { timeoutMs?: number; media?: readonly string[] } = {}): Promise<InstallerRun> {
    const root = path.join(this.dir, `box-${randomId()}`);
    await hostCommand('/bin/cp', ['-a', this.template, root]);
    try {
      for (const name of media) mkdirSync(path.join(root, 'media', name), { recursive: true });
      mkdirSync(path.join(root, 'root'), { recursive: true });
      writeFileSync(path.join(root, 'root/answers'), answers, { mode: 0o600 });
      const { code, output } = await runChrooted(root, this.marker, timeoutMs);
      const asked = (await new StandIns(root).recordsOf('setup-disk')).at(-1);
      return { code, output, tree: readBoxTree(root), disk: diskMeaning(asked?.argv ?? [], asked?.env ?? {}) };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  stop(): void {
    rmSync(this.dir, { recursive: true, force: true });
    unregisterTarget(this.dir);
  }
}

const DISK_FLAGS_WITH_VALUE = new Set(['b', 'B', 'k', 'm', 'o', 'R', 's', 'w']);
const DEFAULT_FS = new Set(['BOOTFS=ext4', 'ROOTFS=ext4', 'VARFS=ext4']);

/**
 * setup-disk's arguments and environment as they mean it: each option (with
 * its value) once, in a fixed order, then the disks; -w (a temporary file)
 * and -q (always given by setup-alpine) left out, and ext4 filesystems
 * (setup-disk's default) the same as unset.
 */
export function diskMeaning(argv: readonly string[], env: Readonly<Record<string, string>>): string[] {
  const options: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('-') || word === '-') {
      operands.push(word);
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const flag = word[j] ?? '';
      if (DISK_FLAGS_WITH_VALUE.has(flag)) {
        const value = j + 1 < word.length ? word.slice(j + 1) : (argv[++i] ?? '');
        if (flag !== 'w') options.push(`-${flag} ${value}`);
        break;
      }
      if (flag !== 'q') options.push(`-${flag}`);
    }
  }
  // SWAP_SIZE and ROOT_SIZE in the environment are what -s and -R set.
  for (const [name, flag] of [
    ['SWAP_SIZE', '-s'],
    ['ROOT_SIZE', '-R'],
  ] as const) {
    const value = env[name];
    if (value !== undefined && !options.some((o) => o.startsWith(`${flag} `))) options.push(`${flag} ${value}`);
  }
  const vars = Object.entries(env)
    .filter(([k]) => k !== 'SWAP_SIZE' && k !== 'ROOT_SIZE')
    .map(([k, v]) => `${k}=${v}`)
    .filter((v) => !DEFAULT_FS.has(v));
  // No disk named: setup-disk asks, and unattended takes its default, none.
  return [...options.sort(), ...(operands.length === 0 ? ['none'] : operands), ...vars.sort()];
}

function runChrooted(root: string, marker: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // -f: unshare forks, so killing the group stops the whole tree.
    const child = spawn('/usr/bin/unshare', ['--net', '--uts', '--fork', '--kill-child', '--', '/usr/sbin/chroot', root, '/bin/sh', '-c', SCRIPT], {
      // The marker lets cleanup find a run left behind by a killed test process.
      env: { ...SESSION_ENV, CAIRN_TEST_TARGET: marker },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const keep = (d: Buffer) => {
      if (output.length < 1_000_000) output += d.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: stopped ? null : code, output });
    });
  });
}
