import { describe, expect, it } from 'vitest';
import { scanForHostKeys } from './scan';

// What a scan does before it connects anywhere; scans of real servers are in scan.int.test.ts.

describe('a host-key scan, before any connection', () => {
  it('refuses a host name instead of looking it up', async () => {
    await expect(scanForHostKeys({ addresses: ['127.0.0.1', 'printer.lan'], port: 22, wanted: new Set() })).rejects.toThrow('A scan takes IPv4 addresses, not "printer.lan".');
  });

  it('starts nothing when cancelled before it began', async () => {
    const probes: string[] = [];
    const progress: unknown[] = [];
    const result = await scanForHostKeys({
      addresses: ['127.0.0.1', '127.0.0.2'],
      port: 22,
      wanted: new Set(['SHA256:x']),
      signal: AbortSignal.abort(),
      onProbe: (a) => probes.push(a),
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({ found: [], others: 0, probed: 0, total: 2, ended: 'cancelled' });
    expect(probes).toEqual([]);
    expect(progress.at(-1)).toEqual({ probed: 0, total: 2, found: 0 });
  });

  it('is done at once with no address to try', async () => {
    expect(await scanForHostKeys({ addresses: [], port: 22, wanted: new Set(['SHA256:x']) })).toEqual({ found: [], others: 0, probed: 0, total: 0, ended: 'done' });
  });
});
