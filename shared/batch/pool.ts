import { isIpv4 } from '../profile/values';

const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const toAddress = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/** An IPv4 range `192.168.1.40-192.168.1.59` (or `192.168.1.40-59`), first and last included. */
export interface Pool {
  first: string;
  size: number;
}

/** Reads a pool; a sentence naming what is wrong when it is not one. */
export function parsePool(text: string): { ok: true; pool: Pool } | { ok: false; message: string } {
  const m = /^\s*([\d.]+)\s*-\s*([\d.]+)\s*$/.exec(text);
  if (m === null) return { ok: false, message: `“${text}” is not an address range; write it like 192.168.1.40-192.168.1.59.` };
  const first = m[1] ?? '';
  // "192.168.1.40-59": the last number alone stands for the last part of the address.
  const last = /^\d{1,3}$/.test(m[2] ?? '') ? first.replace(/\d+$/, m[2] ?? '') : (m[2] ?? '');
  if (!isIpv4(first) || !isIpv4(last)) return { ok: false, message: `“${text}” is not a range of IPv4 addresses; write it like 192.168.1.40-192.168.1.59.` };
  const size = toNumber(last) - toNumber(first) + 1;
  if (size < 1) return { ok: false, message: `The range ${first}-${last} ends before it starts; put the lower address first.` };
  return { ok: true, pool: { first, size } };
}

/** The nth address of the pool, counting from 0. */
export const poolAddress = (pool: Pool, n: number): string => toAddress(toNumber(pool.first) + n);
