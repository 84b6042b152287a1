import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One recorded call of a stand-in tool: its name, arguments, chosen environment and stdin. */
export interface Call {
  name: string;
  args: string[];
  env: Record<string, string>;
  stdin: string;
  asRoot: boolean;
}

const RECORDED_ENV = ['ERASE_DISKS', 'BOOTFS', 'ROOTFS', 'VARFS', 'DISKLABEL', 'KERNELOPTS', 'USE_EFI', 'BOOTLOADER'];

// Each stand-in appends NUL-terminated fields to $SHIM_LOG: "C"+name (a new call),
// "A"+arg..., "E"+NAME=VALUE for each disk variable set, "R" when run through
// the doas stand-in, "I"+stdin (with a "." after it so trailing newlines survive).
const RECORDER = `#!/bin/sh
{
  printf 'C%s\\0' "\${0##*/}"
  for a in "$@"; do printf 'A%s\\0' "$a"; done
  for v in ${RECORDED_ENV.join(' ')}; do
    val=$(printenv "$v") && printf 'E%s=%s\\0' "$v" "$val"
  done
  [ -n "$SHIM_DOAS" ] && printf 'R\\0'
  if [ -n "$SHIM_READS_STDIN" ]; then input=$(cat; printf .); printf 'I%s\\0' "$input"; fi
} >> "$SHIM_LOG"
`;

const DOAS = `#!/bin/sh
SHIM_DOAS=1 exec "$@"
`;

/**
 * Runs `command` with the host's real /bin/sh, with stand-ins for the Alpine
 * tools first on PATH. `doas` is a stand-in that marks what it runs.
 */
export function runWithShims(command: string, tools: readonly string[], options: { stdin?: string; cwd?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-shims-'));
  for (const tool of tools) {
    writeFileSync(join(dir, tool), RECORDER);
    chmodSync(join(dir, tool), 0o755);
  }
  writeFileSync(join(dir, 'doas'), DOAS);
  chmodSync(join(dir, 'doas'), 0o755);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const result = spawnSync('/bin/sh', ['-c', command], {
    cwd: options.cwd ?? dir,
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`, SHIM_LOG: log, SHIM_READS_STDIN: options.stdin === undefined ? '' : '1' },
  });
  const calls: Call[] = [];
  for (const field of readFileSync(log, 'utf8').split('\0')) {
    const [kind, value] = [field[0], field.slice(1)];
    if (kind === 'C') calls.push({ name: value, args: [], env: {}, stdin: '', asRoot: false });
    const call = calls.at(-1);
    if (call === undefined) continue;
    if (kind === 'A') call.args.push(value);
    else if (kind === 'E') call.env[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
    else if (kind === 'R') call.asRoot = true;
    else if (kind === 'I') call.stdin = value.slice(0, -1);
  }
  return { status: result.status, stderr: result.stderr, calls };
}
