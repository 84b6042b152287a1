import { knownHostNameProblem, type KnownHost } from '../../shared/api/known-hosts';
import { err, fail, ok, type Failed, type Result } from '../../shared/api/result';
import type { ConnectionReport } from '../../shared/api/targets';
import { op, sh } from '../../shared/shell/quote';
import { apiErrorOf } from '../api-error';
import type { Log } from '../log';
import type { SecretStore } from '../secrets/secrets';
import { connect } from '../ssh/connect';
import { hostLabel, type SshError } from '../ssh/errors';
import { exec } from '../ssh/exec';
import { hostKeyFromBase64 } from '../ssh/fingerprint';
import { loadKnownKeys, revokedIn, type HostTrust } from '../ssh/known-hosts';
import type { KnownHostsStore } from '../store/known-hosts';
import type { TargetStore } from '../store/targets';
import { connectOptionsFor } from './connect-options';

export interface ConnectionTestDeps {
  targets: TargetStore;
  secrets: SecretStore;
  /** Cairn's own known_hosts: what "trust" writes and "remove the old key" edits. */
  knownHosts: KnownHostsStore;
  /** The person's OpenSSH known_hosts, read only (keys trusted there are trusted here); null to ignore it. */
  userKnownHostsPath: string | null;
  homeDir: string;
  agentSocket?: string | undefined;
  /** Time to reach the box and log in (default 20 s). */
  readyTimeoutMs?: number;
  log: Log;
}

export interface ConnectionTester {
  /** Logs in as the target says and asks the box what it is. */
  test(targetId: string): Promise<Result<ConnectionReport>>;
  /**
   * Trusts a key the person compared; `key` is the base64 blob from a
   * host-key refusal. Only the key that host:port last showed Cairn is taken,
   * never one revoked in a known_hosts file.
   */
  accept(host: string, port: number, keyType: string, key: string): Promise<Result<KnownHost>>;
}

// Fixed text, no data in it. One tab-separated `disk` line per whole disk
// for the Disk step; loop devices, RAM disks, optical and floppy drives,
// device-mapper and md arrays are not disks setup-disk should be given.
const LIST_DISKS = [
  'for d in /sys/block/*; do',
  '  [ -e "$d" ] || continue',
  '  n=${d##*/}',
  '  case $n in loop*|ram*|zram*|sr*|fd*|dm-*|md*) continue ;; esac',
  `  printf 'disk\\t%s\\t%s\\t%s\\n' "$n" "$(cat "$d/size" 2>/dev/null)" "$(head -n 1 "$d/device/model" 2>/dev/null)"`,
  'done',
].join('\n');

// One exec, four answers; stderr of a missing alpine-release is dropped so
// a box that is not Alpine still answers the others, and a box without
// /sys (a chroot, a container) lists no disks.
const PROBE = sh('cat', '/etc/alpine-release', op('2>'), '/dev/null', op(';'), 'uname', '-m', op(';'), 'id', '-u', op(';'), '/bin/sh', '-c', LIST_DISKS);

/** A `disk` line of the probe: name, size in 512-byte sectors, model (each possibly empty). */
function parseDisk(line: string): ConnectionReport['disks'][number] | null {
  const [, name = '', sectors = '', ...model] = line.split('\t');
  // The kernel writes "/" in a device name as "!" (cciss!c0d0 is /dev/cciss/c0d0).
  if (!/^[A-Za-z0-9_.:!+-]{1,64}$/.test(name)) return null;
  const trimmedModel = model.join(' ').trim();
  return { path: `/dev/${name.replaceAll('!', '/')}`, size: /^\d{1,18}$/.test(sectors) ? Number(sectors) * 512 : null, model: trimmedModel === '' ? null : trimmedModel };
}

/** Parses the probe's output; null when it is not the three answers (and disk lines) in the expected shape. */
export function parseProbe(stdout: string): Omit<ConnectionReport, 'hostKey'> | null {
  const all = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const lines = all.filter((l) => !l.startsWith('disk\t'));
  const uid = lines.at(-1);
  const arch = lines.at(-2);
  if (uid === undefined || arch === undefined || !/^\d+$/.test(uid) || !/^[A-Za-z0-9_.-]{1,32}$/.test(arch) || lines.length > 3) return null;
  const release = lines.length === 3 ? (lines[0] ?? '') : '';
  const disks = all.filter((l) => l.startsWith('disk\t')).flatMap((l) => parseDisk(l) ?? []);
  return { alpineVersion: /^[0-9][0-9A-Za-z._-]{0,31}$/.test(release) ? release : null, arch, isRoot: uid === '0', disks };
}

// Kept here too: other modules import it from this file.
export { pinOf } from './connect-options';

export function createConnectionTester(deps: ConnectionTestDeps): ConnectionTester {
  const { targets, knownHosts, log } = deps;
  const trust: HostTrust = { storePath: knownHosts.path, userKnownHostsPath: deps.userKnownHostsPath, presented: knownHosts.presented };

  // Every code as it came (an unreadable key is not a refused login); a changed host key is noted in the log.
  const refusal = (error: SshError): Failed => err(apiErrorOf(error, log));

  const test = async (targetId: string): Promise<Result<ConnectionReport>> => {
    const found = await targets.get(targetId);
    if (!found.ok) return found;
    const target = found.value;
    const options = await connectOptionsFor(target, { secrets: deps.secrets, homeDir: deps.homeDir, agentSocket: deps.agentSocket, trust, readyTimeoutMs: deps.readyTimeoutMs });
    if (!options.ok) return refusal(options.error);
    const connected = await connect(options.value);
    if (!connected.ok) return refusal(connected.error);
    const conn = connected.value;
    try {
      const ran = await exec(conn, PROBE, { timeoutMs: 15_000 });
      if (!ran.ok) return refusal(ran.error);
      const report = parseProbe(ran.value.stdout);
      if (report === null) {
        const seen = JSON.stringify(ran.value.stdout.slice(0, 200));
        log.warn(`Testing ${target.name}: the probe answered ${seen} (exit ${ran.value.exitCode}).`);
        return fail(
          'internal',
          `${hostLabel(target.host, target.port)} let Cairn log in but did not answer uname -m and id -u as a Linux box does; check that it is the Alpine box you meant.`,
        );
      }
      log.info(
        `Tested ${target.name}: ${report.alpineVersion === null ? 'not Alpine' : `Alpine ${report.alpineVersion}`}, ${report.arch}, ${report.isRoot ? 'root' : 'not root'}, ${report.disks.length === 1 ? '1 disk' : `${report.disks.length} disks`}.`,
      );
      return ok({ ...report, hostKey: { keyType: conn.hostKey.type, fingerprint: conn.hostKey.fingerprint } });
    } finally {
      await conn.close();
    }
  };

  const accept = async (host: string, port: number, keyType: string, key: string): Promise<Result<KnownHost>> => {
    const badHost = knownHostNameProblem(host);
    if (badHost !== null) return fail('invalid-input', badHost, 'host');
    let parsed;
    try {
      parsed = hostKeyFromBase64(key);
    } catch {
      return fail('invalid-input', 'The key is not an SSH host key; test the connection again to get it from the box.', 'key');
    }
    if (parsed.type !== keyType) {
      return fail('invalid-input', `The key is an ${parsed.type} key, not ${keyType}; test the connection again to get it from the box.`, 'keyType');
    }
    // The window only relays what a box showed; a key it did not show (or no longer shows) is not the person's to trust.
    const seen = knownHosts.presented.lastSeen(host, port);
    if (seen === null) {
      return fail(
        'invalid-input',
        `${hostLabel(host, port)} has not shown Cairn a host key lately (Cairn remembers them only until it quits), so it cannot trust one for it: test the connection again and compare the fingerprint it shows.`,
        'key',
      );
    }
    if (seen.base64 !== parsed.base64) {
      return fail(
        'invalid-input',
        `${hostLabel(host, port)} last showed Cairn a different host key (${hostKeyFromBase64(seen.base64).fingerprint}) than the one to trust (${parsed.fingerprint}), so neither was trusted: test the connection again and compare the fingerprint it shows now.`,
        'key',
      );
    }
    const revoked = revokedIn(await loadKnownKeys(trust, host, port), parsed);
    if (revoked !== null) {
      return fail(
        'invalid-input',
        `The ${parsed.type} host key ${parsed.fingerprint} of ${hostLabel(host, port)} is marked @revoked in ${revoked}, so Cairn will not trust it: check the box and give it a new host key.`,
        'key',
      );
    }
    // The same store instance as knownHosts:list/remove, so writes to the file stay in one queue.
    await knownHosts.add(host, port, parsed.type, parsed.base64);
    log.info(`Trusted the ${parsed.type} host key ${parsed.fingerprint} of ${hostLabel(host, port)}.`);
    return ok({ host, port, keyType: parsed.type, fingerprint: parsed.fingerprint });
  };

  return { test, accept };
}
