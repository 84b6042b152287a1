import { defaultProfile, type Profile } from '../profile';
import { drift, type DriftOptions } from './drift';
import { parseReading, type BoxFacts } from './facts';
import type { BoxConfig } from './facts-config';
import { fixture } from './fixtures.test-support';

export const ROOT_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh0aXMgaXMgbm90IGEgcmVhbCBrZXkgYXQgYWxsIQ root@workshop';
export const ADMIN_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBpIGFkbWluIGtleSBmb3IgdGhlIGZpeHR1cmVz admin@laptop';
export const NEW_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5ldyBrZXkgZm9yIHRoZSBkcmlmdCB0ZXN0cyBvbmx5 jane@desk';

export interface Reading {
  facts: BoxFacts;
  config: BoxConfig;
}

/**
 * The diskless Pi of facts.diskless.documented.txt, with some sections
 * printed differently (`{ resolv: 'nameserver 9.9.9.9' }`): each test reads
 * its box through the same parser as a real one.
 */
export function pi(sections: Record<string, string> = {}): Reading {
  let text = fixture('facts.diskless.documented.txt');
  for (const [name, body] of Object.entries(sections)) {
    const at = new RegExp(`::cairn::${name}\\n[\\s\\S]*?\\n(?=::cairn::)`);
    if (!at.test(text)) throw new Error(`The fixture has no section ${name}.`);
    text = text.replace(at, () => `::cairn::${name}\n${body}\n\n`);
  }
  const reading = parseReading(text);
  if (reading === null) throw new Error('fixture unreadable');
  return reading;
}

/** The profile the Pi was installed from: it matches the fixture in every section drift compares. */
export const piProfile = (): Profile => {
  const base = defaultProfile();
  return {
    ...base,
    hostname: 'pi-sensor',
    timezone: 'Europe/Berlin',
    apkRepos: { mode: 'urls', urls: ['http://dl-cdn.alpinelinux.org/alpine/v3.20/main'], community: false },
    user: { ...(base.user as NonNullable<Profile['user']>), sshKeys: [ADMIN_KEY] },
    rootSshKeys: [ROOT_KEY],
    packages: ['mosquitto', 'chrony'],
    services: [
      { name: 'mosquitto', runlevel: 'default' },
      { name: 'sshd', runlevel: 'default' },
    ],
    disk: { ...base.disk, mode: 'none' },
    diskless: { lbuMedia: 'mmcblk0p1', apkCacheDir: '/media/mmcblk0p1/cache' },
  };
};

export const driftOf = (profile: Profile, reading: Reading, options?: DriftOptions) => drift(profile, reading.facts, reading.config, options);

/** The rows as a person reads them, without the fix. */
export const rows = (profile: Profile, reading: Reading, options?: DriftOptions) =>
  driftOf(profile, reading, options).map(({ field, item, expected, actual, guarded }) => ({ field, item, expected, actual, guarded }));
