import type { JumpHost } from '../api/targets';

/** One `[user@]host[:port]` entry as OpenSSH's ProxyJump writes it; an IPv6 address goes in brackets. */
export interface HopSpec {
  user: string | null;
  host: string;
  port: number | null;
}

/** Reads one ProxyJump entry; null when it is not `[user@]host[:port]`. */
export function parseHop(spec: string): HopSpec | null {
  const m = /^(?:([^@\s]+)@)?(\[[^\]\s]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/.exec(spec.trim());
  if (m === null) return null;
  const port = m[3] === undefined ? null : Number(m[3]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { user: m[1] ?? null, host: (m[2] ?? '').replace(/^\[|\]$/g, ''), port };
}

/**
 * The jump hosts typed in one line, `admin@gw:2022, 10.0.0.1` (commas, as
 * ProxyJump takes them); a missing user is `defaultUser`, a missing port 22.
 */
export function parseJumpLine(text: string, defaultUser: string): { ok: true; hops: JumpHost[] } | { ok: false; message: string } {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const hops: JumpHost[] = [];
  for (const [n, entry] of entries.entries()) {
    const hop = parseHop(entry);
    if (hop === null) return { ok: false, message: `Jump host ${n + 1} (“${entry}”) is not user@host:port; write each like admin@gw.example.org:2022, separated by commas.` };
    hops.push({ host: hop.host, port: hop.port ?? 22, user: hop.user ?? defaultUser });
  }
  return { ok: true, hops };
}

/** The jump hosts as the form shows them: `ops@gw:2022, root@[2001:db8::1]`. */
export const formatJumpLine = (hops: readonly JumpHost[]): string =>
  hops.map((h) => `${h.user}@${h.host.includes(':') ? `[${h.host}]` : h.host}${h.port === 22 ? '' : `:${h.port}`}`).join(', ');
