import type { Profile } from '../profile/schema';
import { validate } from '../profile/validate';
import { isIpv4, isIpv6 } from '../profile/values';
import type { BatchColumn } from './csv-columns';
import { expandPattern, isPattern } from './pattern';
import { parsePool, poolAddress } from './pool';
import type { Batch, BatchProblem } from './row';

export { emptyRow, type Batch, type BatchProblem, type BatchRow } from './row';

/** One box as it will be installed: its target and its own profile. */
export interface BatchBox {
  row: number;
  target: string;
  profile: Profile;
}

/** The profile problem paths each column fills. */
const COLUMN_OF_PATH: ReadonlyArray<[RegExp, BatchColumn]> = [
  [/^hostname$/, 'hostname'],
  [/^interfaces\.0\.ipv4\b/, 'ipv4'],
  [/^interfaces\.0\.ipv6\b/, 'ipv6'],
  [/^interfaces\.0\.wifi\b/, 'wifi_ssid'],
  [/^packages\b/, 'packages'],
];

/** `a.b.c.d/nn` or `a.b.c.d` (keeping the profile's prefix), for the first interface. */
function withAddress(profile: Profile, family: 'ipv4' | 'ipv6', cell: string): Profile | string {
  const [address = '', prefixText] = cell.split('/');
  const valid = family === 'ipv4' ? isIpv4(address) : isIpv6(address);
  if (!valid) return `“${cell}” is not an ${family === 'ipv4' ? 'IPv4 address, like 192.168.1.40/24' : 'IPv6 address, like 2001:db8::40/64'}.`;
  const first = profile.interfaces[0];
  if (first === undefined) return 'The profile has no network interface to give this address to.';
  const current = first[family];
  const prefix = prefixText === undefined ? (current.mode === 'static' ? current.prefix : null) : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (prefix === null) return `Add the prefix length, like ${address}/${family === 'ipv4' ? 24 : 64}: the profile's ${first.name} has no static address to take it from.`;
  if (Number.isNaN(prefix)) return `“${cell}” has a prefix length that is not a number.`;
  const gateway = current.mode === 'static' ? current.gateway : '';
  const next = { ...first, [family]: { mode: 'static', address, prefix, gateway } };
  return { ...profile, interfaces: [next, ...profile.interfaces.slice(1)] };
}

/**
 * Every box of the batch with its own profile, or every problem at once,
 * each named by its row and column: nothing runs until all are fixed.
 */
export function expandBatch(profile: Profile, batch: Batch): { ok: true; boxes: BatchBox[] } | { ok: false; problems: BatchProblem[] } {
  const problems: BatchProblem[] = [];
  const boxes: BatchBox[] = [];
  const pool = batch.ipv4Pool.trim() === '' ? null : parsePool(batch.ipv4Pool);
  if (pool !== null && !pool.ok) problems.push({ row: null, column: 'ipv4Pool', message: pool.message });
  if (batch.rows.length === 0) problems.push({ row: null, column: 'target', message: 'Add a row for each box, naming its target.' });
  const needPool = batch.rows.filter((r) => r.ipv4.trim() === '').length;
  if (pool?.ok && needPool > pool.pool.size)
    problems.push({
      row: null,
      column: 'ipv4Pool',
      message: `The range holds ${pool.pool.size} address${pool.pool.size === 1 ? '' : 'es'} but ${needPool} rows take one from it; widen it or give some rows their own address.`,
    });
  // The profile's own problems are told once, not on every row.
  const own = new Set(
    validate(profile)
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.path}\n${p.message}`),
  );
  let fromPool = 0;

  batch.rows.forEach((cells, index) => {
    const row = index + 2;
    const problem = (column: BatchColumn, message: string) => problems.push({ row, column, message });
    if (cells.target.trim() === '') problem('target', 'Name the box: a saved target, user@host[:port] or an alias from ~/.ssh/config.');
    let p: Profile = { ...profile };
    const hostname = cells.hostname.trim() !== '' ? cells.hostname.trim() : batch.hostname.trim();
    if (hostname !== '') p.hostname = isPattern(hostname) ? expandPattern(hostname, index + 1) : hostname;
    for (const family of ['ipv4', 'ipv6'] as const) {
      let cell = cells[family].trim();
      if (family === 'ipv4' && cell === '' && pool?.ok && fromPool < pool.pool.size) cell = poolAddress(pool.pool, fromPool++);
      if (cell === '') continue;
      const changed = withAddress(p, family, cell);
      if (typeof changed === 'string') problem(family, changed);
      else p = changed;
    }
    if (cells.wifi_ssid.trim() !== '' && p.interfaces[0] !== undefined) {
      p = { ...p, interfaces: [{ ...p.interfaces[0], wifi: { ssid: cells.wifi_ssid.trim(), passphrase: cells.wifi_passphrase } }, ...p.interfaces.slice(1)] };
    }
    if (cells.packages.trim() !== '') p = { ...p, packages: [...new Set([...p.packages, ...cells.packages.split(/[\s,]+/).filter((x) => x !== '')])] };
    for (const found of validate(p)) {
      if (found.severity !== 'error' || own.has(`${found.path}\n${found.message}`)) continue;
      const column = COLUMN_OF_PATH.find(([re]) => re.test(found.path))?.[1] ?? 'target';
      problem(column, found.message);
    }
    boxes.push({ row, target: cells.target.trim(), profile: p });
  });

  for (const message of own) problems.push({ row: null, column: 'profile', message: message.split('\n')[1] ?? message });
  duplicates(boxes, (b) => b.target.toLowerCase(), 'target', 'box', problems);
  duplicates(boxes, (b) => b.profile.hostname.toLowerCase(), 'hostname', 'hostname', problems);
  duplicates(boxes, (b) => staticAddress(b.profile, 'ipv4'), 'ipv4', 'address', problems);
  duplicates(boxes, (b) => staticAddress(b.profile, 'ipv6'), 'ipv6', 'address', problems);
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  return { ok: true, boxes };
}

const staticAddress = (p: Profile, family: 'ipv4' | 'ipv6') => {
  const v = p.interfaces[0]?.[family];
  return v?.mode === 'static' ? v.address : '';
};

/** Each value that more than one row has, named on every row after the first. */
function duplicates(boxes: readonly BatchBox[], key: (b: BatchBox) => string, column: BatchColumn, what: string, problems: BatchProblem[]): void {
  const first = new Map<string, number>();
  for (const b of boxes) {
    const k = key(b);
    if (k === '') continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, b.row);
    else problems.push({ row: b.row, column, message: `Row ${seen} has the same ${what} (${k}); each box needs its own.` });
  }
}
