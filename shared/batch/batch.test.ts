import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../profile/defaults';
import type { Profile } from '../profile/schema';
import { emptyRow, expandBatch, type Batch, type BatchRow } from './batch';
import { expandPattern } from './pattern';
import { parsePool, poolAddress } from './pool';

/** A diskless board with a static address on eth0: what a batch of Pis starts from. */
function board(): Profile {
  const p = defaultProfile();
  return {
    ...p,
    name: 'Pi',
    hostname: 'pi',
    interfaces: [{ ...p.interfaces[0]!, ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' } }],
    disk: { ...p.disk, mode: 'none', disks: [] },
    diskless: { lbuMedia: 'mmcblk0p1', apkCacheDir: null },
  };
}
const row = (cells: Partial<BatchRow>): BatchRow => ({ ...emptyRow(), ...cells });
const batch = (rows: BatchRow[], settings: Partial<Omit<Batch, 'rows'>> = {}): Batch => ({ hostname: '', ipv4Pool: '', rows, ...settings });

describe('hostname patterns', () => {
  it('number the rows, zero-padded to the braces', () => {
    expect([1, 2, 10].map((n) => expandPattern('pi-{nn}', n))).toEqual(['pi-01', 'pi-02', 'pi-10']);
    expect(expandPattern('node{n}.lan', 123)).toBe('node123.lan');
    expect(expandPattern('plain', 4)).toBe('plain');
  });

  it('give every row of any batch its own hostname', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 4 }), (rows, digits) => {
        const names = Array.from({ length: rows }, (_, i) => expandPattern(`pi-{${'n'.repeat(digits)}}`, i + 1));
        expect(new Set(names).size).toBe(rows);
      }),
    );
  });
});

describe('address pools', () => {
  it('read a full range or a short last number, and refuse a reversed one', () => {
    expect(parsePool('192.168.1.40-192.168.1.59')).toEqual({ ok: true, pool: { first: '192.168.1.40', size: 20 } });
    expect(parsePool('10.0.0.250-10.0.1.4')).toEqual({ ok: true, pool: { first: '10.0.0.250', size: 11 } });
    expect(parsePool('192.168.1.40-59')).toEqual({ ok: true, pool: { first: '192.168.1.40', size: 20 } });
    expect(parsePool('192.168.1.59-192.168.1.40')).toMatchObject({ ok: false, message: expect.stringContaining('lower address first') });
    expect(parsePool('pool')).toMatchObject({ ok: false, message: expect.stringContaining('192.168.1.40-192.168.1.59') });
  });

  it('hand out distinct consecutive addresses inside the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 300 }), fc.integer({ min: 1, max: 256 }), (start, size) => {
        const first = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.');
        const all = Array.from({ length: size }, (_, n) => poolAddress({ first, size }, n));
        expect(new Set(all).size).toBe(size);
        expect(all[0]).toBe(first);
      }),
    );
  });
});

describe('a batch', () => {
  it('gives each box its own hostname and address, from the pattern and the pool, and keeps a row that names its own', () => {
    const expanded = expandBatch(
      board(),
      batch([row({ target: 'a' }), row({ target: 'b', ipv4: '192.168.1.99' }), row({ target: 'c', hostname: 'kitchen' })], { hostname: 'pi-{nn}', ipv4Pool: '192.168.1.40-41' }),
    );
    if (!expanded.ok) throw new Error(JSON.stringify(expanded.problems));
    expect(expanded.boxes.map((b) => [b.row, b.target, b.profile.hostname, b.profile.interfaces[0]?.ipv4])).toEqual([
      [2, 'a', 'pi-01', { mode: 'static', address: '192.168.1.40', prefix: 24, gateway: '192.168.1.1' }],
      [3, 'b', 'pi-02', { mode: 'static', address: '192.168.1.99', prefix: 24, gateway: '192.168.1.1' }],
      [4, 'c', 'kitchen', { mode: 'static', address: '192.168.1.41', prefix: 24, gateway: '192.168.1.1' }],
    ]);
  });

  it('names every problem by its row and column before anything runs', () => {
    const expanded = expandBatch(
      board(),
      batch(
        [
          row({ target: 'a', hostname: 'same' }),
          row({ target: 'a', hostname: 'same', ipv4: '10.9.9.9' }),
          row({ target: '', ipv4: '192.168.1.1' }),
          row({ target: 'd', ipv4: '192.168.1.300' }),
          row({ target: 'e', hostname: 'bad_name', ipv4: '192.168.1.50' }),
          row({ target: 'f', ipv4: '192.168.1.50' }),
        ],
        { ipv4Pool: '192.168.1.60-192.168.1.60' },
      ),
    );
    if (expanded.ok) throw new Error('expected problems');
    const where = expanded.problems.map((p) => `${p.row ?? '-'} ${p.column}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '3 ipv4', // 10.9.9.9 is outside 192.168.1.0/24 where the gateway is
        '3 target', // the same box twice
        '3 hostname', // the same hostname twice
        '4 target', // no target
        '4 ipv4', // the gateway's own address
        '5 ipv4', // not an address
        '6 hostname',
        '7 ipv4', // the same address as row 6
      ]),
    );
    for (const p of expanded.problems) expect(p.message).toMatch(/^[A-Z“"].+[.)]$/);
  });

  it('says when the pool is too small for the rows that take from it', () => {
    const expanded = expandBatch(board(), batch([row({ target: 'a' }), row({ target: 'b' }), row({ target: 'c' })], { hostname: 'pi-{n}', ipv4Pool: '192.168.1.40-41' }));
    expect(expanded).toEqual({
      ok: false,
      problems: [{ row: null, column: 'ipv4Pool', message: 'The range holds 2 addresses but 3 rows take one from it; widen it or give some rows their own address.' }],
    });
  });

  it('tells a problem of the profile itself once, not on every row', () => {
    const expanded = expandBatch({ ...board(), timezone: 'Mars/Base' }, batch([row({ target: 'a' }), row({ target: 'b' })], { hostname: 'pi-{n}', ipv4Pool: '192.168.1.40-49' }));
    if (expanded.ok) throw new Error('expected problems');
    expect(expanded.problems.filter((p) => /Mars\/Base/.test(p.message))).toHaveLength(1);
    expect(expanded.problems[0]).toMatchObject({ row: null, column: 'profile' });
  });
});
