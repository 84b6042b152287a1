import type { Disk, NetworkInterface, Profile, ProfileUser } from '../../../shared/profile/schema';

// Small typed updaters so steps change one part of the profile without
// spelling out every spread.

export const withDisk = (p: Profile, patch: Partial<Disk>): Profile => ({ ...p, disk: { ...p.disk, ...patch } });

export const withDns = (p: Profile, patch: Partial<Profile['dns']>): Profile => ({ ...p, dns: { ...p.dns, ...patch } });

export const withApkRepos = (p: Profile, patch: Partial<Profile['apkRepos']>): Profile => ({
  ...p,
  apkRepos: { ...p.apkRepos, ...patch },
});

export const withDiskless = (p: Profile, patch: Partial<Profile['diskless']>): Profile => ({
  ...p,
  diskless: { ...p.diskless, ...patch },
});

/** Changes the user; a profile without a user stays without one. */
export const withUser = (p: Profile, patch: Partial<ProfileUser>): Profile => (p.user === null ? p : { ...p, user: { ...p.user, ...patch } });

export const withInterface = (p: Profile, index: number, change: (i: NetworkInterface) => NetworkInterface): Profile => ({
  ...p,
  interfaces: p.interfaces.map((i, n) => (n === index ? change(i) : i)),
});

/** Empty text means "none" for the optional text settings (proxy, LBU media, apk cache). */
export const orNull = (text: string): string | null => (text === '' ? null : text);
