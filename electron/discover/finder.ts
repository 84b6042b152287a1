import type { FoundBox, ScanResult } from '../../shared/api/discover';
import { fail, ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { defaultSubnets, parseSubnet, scanAddresses, subnetProblem } from '../../shared/discover';
import type { EmitEvent } from '../ipc/events';
import type { Log } from '../log';
import type { KnownHostsStore } from '../store/known-hosts';
import type { TargetStore } from '../store/targets';
import { ownNetworks as readOwnNetworks, type OwnNetwork } from './own-networks';
import { scanForHostKeys, type FoundHostKey, type ScanOptions } from './scan';

// "Find on network": looks for the boxes prepared on a boot medium (targets
// with a pinned host key) on one of this computer's networks, and for each
// one found writes its address into the target and trusts its key there, so
// the next connection goes straight in without asking about the key.

export interface FinderDeps {
  targets: TargetStore;
  knownHosts: KnownHostsStore;
  emit?: EmitEvent;
  /** The computer's networks (default: read from its interfaces each time, since they change). */
  ownNetworks?: () => OwnNetwork[];
  scanDefaults?: Partial<Pick<ScanOptions, 'concurrency' | 'connectTimeoutMs' | 'timeLimitMs'>>;
  log: Log;
}

export interface ScanRequest {
  scanId: string;
  subnet: string;
  port: number;
}

export interface Finder {
  /** The networks offered for a search: the computer's own of /24 or smaller. */
  networks(): Result<{ networks: { cidr: string; interface: string }[] }>;
  scan(request: ScanRequest): Promise<Result<ScanResult>>;
  /** Whether a scan with this id was running (and is now ending). */
  cancel(scanId: string): { cancelled: boolean };
}

type TargetWithKey = Target & { hostKey: NonNullable<Target['hostKey']> };

export function createFinder(deps: FinderDeps): Finder {
  const running = new Map<string, AbortController>();
  const own = deps.ownNetworks ?? readOwnNetworks;

  // os.networkInterfaces() throws where the system will not tell (some sandboxes).
  const readOwn = (): Result<OwnNetwork[]> => {
    try {
      return ok(own());
    } catch (error) {
      deps.log.warn('discover: could not read the network interfaces', error);
      return fail(
        'io-failed',
        "Cairn could not read this computer's network interfaces, so it cannot tell which networks it may search. Check the network settings and try again.",
      );
    }
  };

  /** Writes the address into the target and trusts the key there; the target is read again, as it may have been edited during the scan. */
  const adopt = async (target: TargetWithKey, key: FoundHostKey): Promise<Result<FoundBox | null>> => {
    const fresh = await deps.targets.get(target.id);
    // Removed, or given another key, while the scan ran: it is not this box any more.
    if (!fresh.ok || fresh.value.hostKey?.fingerprint !== key.fingerprint) return ok(null);
    try {
      await deps.knownHosts.add(key.address, key.port, key.keyType, key.key);
    } catch (error) {
      deps.log.error(`discover: could not trust the key of ${fresh.value.name} at ${key.address}`, error);
      return fail('io-failed', `Cairn found ${fresh.value.name} at ${key.address} but could not save its host key: check that the disk is writable and search again.`);
    }
    const saved = await deps.targets.save({ ...fresh.value, host: key.address, port: key.port });
    if (!saved.ok) return saved;
    deps.log.info(`discover: ${saved.value.name} is at ${key.address} port ${key.port} (${key.fingerprint})`);
    return ok({ address: key.address, port: key.port, fingerprint: key.fingerprint, targetId: saved.value.id, targetName: saved.value.name });
  };

  const runScan = async (request: ScanRequest, signal: AbortSignal): Promise<Result<ScanResult>> => {
    const parsed = parseSubnet(request.subnet);
    if (!parsed.ok) return fail('invalid-input', parsed.message, 'subnet');
    const { subnet } = parsed;
    const networks = readOwn();
    if (!networks.ok) return networks;
    const problem = subnetProblem(subnet, networks.value);
    if (problem !== null) return fail('invalid-input', problem, 'subnet');

    const waiting = (await deps.targets.list()).targets.filter((t): t is TargetWithKey => t.hostKey !== undefined);
    if (waiting.length === 0) return fail('invalid-input', 'No target is waiting to be found: prepare a boot medium first.', 'subnet');
    const byFingerprint = new Map<string, TargetWithKey[]>();
    for (const t of waiting) byFingerprint.set(t.hostKey.fingerprint, [...(byFingerprint.get(t.hostKey.fingerprint) ?? []), t]);

    deps.log.info(`discover: searching ${subnet.cidr} port ${request.port} for ${waiting.length} prepared box(es)`);
    const scan = await scanForHostKeys({
      ...deps.scanDefaults,
      addresses: scanAddresses(subnet),
      port: request.port,
      wanted: new Set(byFingerprint.keys()),
      signal,
      onProgress: (p) => deps.emit?.('discover.progress', { scanId: request.scanId, ...p }),
    });

    const found: FoundBox[] = [];
    const placed = new Set<string>();
    for (const key of scan.found) {
      for (const target of byFingerprint.get(key.fingerprint) ?? []) {
        // The same box seen at two addresses (two cards on one network): the first address wins.
        if (placed.has(target.id)) continue;
        const adopted = await adopt(target, key);
        if (!adopted.ok) return adopted;
        if (adopted.value === null) continue;
        placed.add(target.id);
        found.push(adopted.value);
      }
    }
    deps.log.info(`discover: ${subnet.cidr} ${scan.ended}: ${found.length} found, ${scan.others} other SSH server(s), ${scan.probed} of ${scan.total} addresses tried`);
    return ok({ subnet: subnet.cidr, found, probed: scan.probed, total: scan.total, others: scan.others, ended: scan.ended });
  };

  return {
    networks: () => {
      const networks = readOwn();
      if (!networks.ok) return networks;
      return ok({ networks: defaultSubnets(networks.value).map((n) => ({ cidr: n.cidr, interface: n.interface })) });
    },

    scan: async (request) => {
      if (running.has(request.scanId)) return fail('invalid-input', 'A search with this id is already running: wait for it to end or cancel it first.', 'scanId');
      // Claimed before the first await, so two requests with one id cannot both start.
      const controller = new AbortController();
      running.set(request.scanId, controller);
      try {
        return await runScan(request, controller.signal);
      } finally {
        running.delete(request.scanId);
      }
    },

    cancel: (scanId) => {
      const controller = running.get(scanId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
