import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HostTrust } from '../../electron/ssh/known-hosts';
import type { TestTarget } from './target-types';

/** A fresh Cairn store and a fresh "user known_hosts" for one test, removed by the returned cleanup. */
export function freshTrust(): HostTrust & { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-trust-'));
  const userKnownHostsPath = path.join(dir, 'user_known_hosts');
  writeFileSync(userKnownHostsPath, '');
  return {
    dir,
    storePath: path.join(dir, 'cairn', 'known_hosts'),
    userKnownHostsPath,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A trust store that already knows the target's current key. */
export function trusting(target: TestTarget): ReturnType<typeof freshTrust> {
  const trust = freshTrust();
  writeFileSync(trust.userKnownHostsPath ?? '', `${target.knownHostsLine()}\n`);
  return trust;
}
