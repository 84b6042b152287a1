export const SERVICE_STATES = ['started', 'stopped', 'crashed', 'unsupervised', 'inactive', 'starting', 'stopping', 'scheduled', 'failed', 'unknown'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

export interface RcService {
  name: string;
  state: ServiceState;
  /** How long it has run, when OpenRC says (`started 1 day(s) 02:03:04 (1)`). */
  upSeconds: number | null;
}

export interface RcLevel {
  /** `default`, `boot`, ...; for dynamic levels `hotplugged`, `needed/wanted` or `manual`. */
  name: string;
  /** runlevel: a real one; stacked: pulled in by the level above; dynamic: services no runlevel asked for. */
  kind: 'runlevel' | 'stacked' | 'dynamic';
  services: RcService[];
}

// eslint-disable-next-line no-control-regex -- colour codes are what is being removed
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function uptime(detail: string): number | null {
  const m = /^(?:(\d+) day\(s\) )?(\d+):(\d\d):(\d\d)/.exec(detail);
  if (m === null) return null;
  const [, days = '0', h = '0', min = '0', s = '0'] = m;
  return Number(days) * 86400 + Number(h) * 3600 + Number(min) * 60 + Number(s);
}

function service(line: string): RcService | null {
  // " name   [  started 00:01:02 (1) ]": OpenRC pads to the terminal width (80 without one).
  const m = /^ +(\S+)\s+\[\s*([a-z]+)\s*(.*?)\s*\]\s*$/.exec(line);
  if (m === null) return null;
  const [, name = '', word = '', detail = ''] = m;
  const state = (SERVICE_STATES as readonly string[]).includes(word) ? (word as ServiceState) : 'unknown';
  return { name, state, upSeconds: state === 'started' ? uptime(detail) : null };
}

/**
 * OpenRC's `rc-status` (or `rc-status -a`): `Runlevel: NAME` headings, each
 * followed by ` service [ state ]` lines, then the dynamic levels
 * (`Dynamic Runlevel: hotplugged`, `needed/wanted`, `manual`) and any
 * `Stacked Runlevel: NAME`. Colour codes (when run on a terminal) are ignored.
 */
export function parseRcStatus(stdout: string): RcLevel[] {
  const levels: RcLevel[] = [];
  let current: RcLevel | null = null;
  for (const raw of stdout.replace(ANSI, '').split('\n')) {
    const heading = /^(Stacked |Dynamic )?Runlevel: (\S+)\s*$/.exec(raw);
    if (heading !== null) {
      const kind = heading[1] === 'Stacked ' ? 'stacked' : heading[1] === 'Dynamic ' ? 'dynamic' : 'runlevel';
      current = { name: heading[2] ?? '', kind, services: [] };
      levels.push(current);
      continue;
    }
    const s = service(raw);
    if (s !== null && current !== null) current.services.push(s);
  }
  return levels;
}

/** The runlevel links (`/etc/runlevels/LEVEL/SERVICE`, one a line) as runlevel → services. */
export function parseRunlevelLinks(lines: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of lines) {
    const m = /^\/etc\/runlevels\/([^/\s]+)\/([^/\s]+)$/.exec(line.trim());
    if (m === null) continue;
    const [, level = '', svc = ''] = m;
    (out[level] ??= []).push(svc);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

export interface ServiceSummary {
  name: string;
  state: ServiceState;
  upSeconds: number | null;
  /** The runlevels it starts in (stacked ones included); empty when only started by hand or as a dependency. */
  runlevels: string[];
}

/** Services are named like their file in /etc/init.d (`nginx`, `sshd`, `networking`). */
export const isServiceName = (s: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/.test(s) && s.length <= 128;

/**
 * One row per service: every script in /etc/init.d, with the runlevels that
 * list it and its state from rc-status (a service rc-status never names is
 * stopped: it is in no runlevel and nothing started it).
 */
export function summariseServices(levels: readonly RcLevel[], initScripts: readonly string[]): ServiceSummary[] {
  const rows = new Map<string, ServiceSummary>();
  const row = (name: string) => {
    let r = rows.get(name);
    if (!r) rows.set(name, (r = { name, state: 'stopped', upSeconds: null, runlevels: [] }));
    return r;
  };
  for (const name of initScripts) if (isServiceName(name) && !name.endsWith('.sh')) row(name);
  for (const level of levels) {
    for (const s of level.services) {
      const r = row(s.name);
      r.state = s.state;
      r.upSeconds = s.upSeconds;
      if (level.kind !== 'dynamic' && !r.runlevels.includes(level.name)) r.runlevels.push(level.name);
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}
