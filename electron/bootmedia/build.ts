import { overlayEntries, overlayFileName, wifiCardOf } from '../../shared/bootmedia';
import type { Profile } from '../../shared/profile';
import { overlayArchive } from './archive';
import { newBoxHostKey, type BoxHostKey } from './host-key';
import { wpaPsk } from './wpa-psk';

export interface BuiltOverlay {
  fileName: string;
  archive: Buffer;
  /** The box's new host key; its private half is only inside `archive`. */
  hostKey: BoxHostKey;
}

/**
 * The overlay archive for one box: a new host key, root's keys (the
 * profile's and the login key), the wifi PSK. The profile must pass
 * overlayProblems; the app and the CLI both build it here.
 */
export async function buildOverlay(profile: Profile, loginKey: string | null): Promise<BuiltOverlay> {
  const hostKey = newBoxHostKey(profile.hostname);
  const wifi = wifiCardOf(profile)?.wifi ?? null;
  const keys = {
    hostKey,
    authorizedKeys: [...new Set([...profile.rootSshKeys, ...(loginKey === null ? [] : [loginKey])].map((k) => k.trim()))],
    wifiPsk: wifi === null || wifi.passphrase === '' ? null : wpaPsk(wifi.ssid, wifi.passphrase),
  };
  return { fileName: overlayFileName(profile.hostname), archive: await overlayArchive(overlayEntries(profile, keys)), hostKey };
}

/** A write failure in words: what the person can do about it. */
export function writeFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return 'the medium is full';
  if (e.code === 'EROFS' || e.code === 'EACCES' || e.code === 'EPERM') return 'the medium is read-only';
  if (e.code === 'EIO') return 'the medium failed to write (was it removed?)';
  return e.code ?? e.message;
}
