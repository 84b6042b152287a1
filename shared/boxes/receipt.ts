import { z } from 'zod';
import { loadProfile, type Profile } from '../profile';
import { sideFile, thenReplace } from '../plan/replace-file';
import { op } from '../shell';
import type { Parts } from './sections';

/**
 * Cairn's version, written into receipts. package.json is the source of
 * truth: receipt.test.ts fails when the two differ (shared/ cannot read files).
 */
export const CAIRN_VERSION = '0.1.0';

export const RECEIPT_DIR = '/etc/cairn';
/** Under /etc, so lbu saves it with the rest of the configuration (apk's default protected paths). */
export const RECEIPT_PATH = `${RECEIPT_DIR}/receipt.json`;

const originSchema = z.object({
  profileId: z.string().nullable(),
  profileName: z.string(),
  at: z.string(),
  cairnVersion: z.string(),
});

/** Who made or last changed the box: a profile, when, with which Cairn. */
export type ReceiptOrigin = z.infer<typeof originSchema>;

const fileSchema = originSchema.extend({
  format: z.literal(1),
  /** An install run, or an apply of drift fixes. */
  kind: z.enum(['install', 'apply']),
  /** The plan steps (install) or drift fix steps (apply) that ran, by id. */
  applied: z.array(z.string()),
  /** What was left out and why (sections that need confirm-or-revert). */
  notApplied: z.array(z.object({ what: z.string(), why: z.string() })),
  /** The install the box came from, kept across later applies; null when Cairn did not install it. */
  madeBy: originSchema.nullable(),
  /** Where secrets were taken out of `profile` (field paths, never values). */
  removed: z.array(z.string()),
  profile: z.unknown(),
});

export interface Receipt extends Omit<z.infer<typeof fileSchema>, 'profile'> {
  /** The profile as applied, every secret taken out (see `removed`). */
  profile: Profile;
}

/** What the window is told about a receipt: who made the box and when, without the profile. */
export type ReceiptSummary = Pick<Receipt, 'kind' | 'profileId' | 'profileName' | 'at' | 'cairnVersion' | 'madeBy'>;

export const summaryOf = ({ kind, profileId, profileName, at, cairnVersion, madeBy }: Receipt): ReceiptSummary => ({ kind, profileId, profileName, at, cairnVersion, madeBy });

/** Reads /etc/cairn/receipt.json; null when there is none, or it is not one Cairn can read. */
export function parseReceipt(text: string): Receipt | null {
  if (text.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) return null;
  const profile = loadProfile(file.data.profile);
  return profile.ok ? { ...file.data, profile: profile.profile } : null;
}

/** Keys of interface options that carry a credential (wpa_supplicant and ppp spellings among them). */
const SECRET_OPTION = /(psk|pass|secret|key)/i;

/** A URL without the user and password it may carry (`http://user:pw@proxy:3128` → `http://proxy:3128`). */
const withoutCredentials = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');

/**
 * The profile with every secret taken out: the password hashes, the wifi
 * passphrases (what the secrets store keeps), credentials in the proxy and
 * repository URLs, and interface options that carry a key. `removed` names
 * where, so a reader knows the receipt's profile lacks them.
 */
export function withoutSecrets(p: Profile): { profile: Profile; removed: string[] } {
  const removed: string[] = [];
  const cut = <T>(path: string, present: boolean, value: T, empty: T): T => {
    if (!present) return value;
    removed.push(path);
    return empty;
  };
  const interfaces = p.interfaces.map((i, n) => {
    const keep = (family: 'inet' | 'inet6') =>
      i.extraOptions[family].filter((line, k) => {
        const secret = SECRET_OPTION.test(line.trim().split(/\s+/)[0] ?? '');
        if (secret) removed.push(`interfaces.${n}.extraOptions.${family}.${k}`);
        return !secret;
      });
    return {
      ...i,
      wifi: i.wifi === null ? null : { ...i.wifi, passphrase: cut(`interfaces.${n}.wifi.passphrase`, i.wifi.passphrase !== '', i.wifi.passphrase, '') },
      extraOptions: { inet: keep('inet'), inet6: keep('inet6') },
    };
  });
  const proxy = p.proxy === null ? null : cut('proxy', withoutCredentials(p.proxy) !== p.proxy, p.proxy, withoutCredentials(p.proxy));
  const urls = p.apkRepos.urls.map((u, n) => cut(`apkRepos.urls.${n}`, withoutCredentials(u) !== u, u, withoutCredentials(u)));
  const user = p.user === null ? null : { ...p.user, passwordHash: cut('user.passwordHash', p.user.passwordHash !== null, p.user.passwordHash, null) };
  const rootPasswordHash = cut('rootPasswordHash', p.rootPasswordHash !== null, p.rootPasswordHash, null);
  const disk = { ...p.disk, passphrase: cut('disk.passphrase', p.disk.passphrase !== '', p.disk.passphrase, '') };
  return { profile: { ...p, interfaces, proxy, apkRepos: { ...p.apkRepos, urls }, user, rootPasswordHash, disk }, removed };
}

export interface ReceiptInput {
  kind: Receipt['kind'];
  profile: Profile;
  profileId: string | null;
  at: Date;
  applied: readonly string[];
  notApplied?: Receipt['notApplied'];
  /** The receipt already on the box: an apply keeps the install it records. */
  previous?: Receipt | null;
}

export function makeReceipt(input: ReceiptInput): Receipt {
  const { profile, removed } = withoutSecrets(input.profile);
  const origin: ReceiptOrigin = { profileId: input.profileId, profileName: input.profile.name, at: input.at.toISOString(), cairnVersion: CAIRN_VERSION };
  return {
    format: 1,
    kind: input.kind,
    ...origin,
    applied: [...input.applied],
    notApplied: [...(input.notApplied ?? [])],
    madeBy: input.kind === 'install' ? origin : (input.previous?.madeBy ?? null),
    removed,
    profile,
  };
}

/** The file's text: readable JSON, one trailing newline. */
export const receiptText = (receipt: Receipt): string => `${JSON.stringify(receipt, null, 2)}\n`;

/**
 * Writes the receipt arriving on stdin: /etc/cairn 0755, the file 0644,
 * written beside and renamed over, so a failure never leaves half a receipt
 * (nor a stray copy for lbu to save). `path` is a parameter only for tests.
 */
export function writeReceipt(path = RECEIPT_PATH): Parts {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  return ['mkdir', '-p', dir, op('&&'), 'chmod', '755', dir, op('&&'), 'cat', op('>'), sideFile(path), ...thenReplace(path, '644')];
}
