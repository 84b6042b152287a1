import type { Problem } from '../../../shared/profile/problems';
import type { Profile } from '../../../shared/profile/schema';

/**
 * Passphrases an opened profile had that the main process could not read back
 * (kept only for a Cairn session that has ended). Wifi ones are held by
 * interface name, as the main process keeps them: removing another interface
 * does not move the notice, and renaming the interface makes it another one.
 */
export interface LostSecrets {
  interfaces: readonly string[];
  disk: boolean;
}

export const NO_LOST_SECRETS: LostSecrets = { interfaces: [], disk: false };

export const LOST_PASSPHRASE = 'This passphrase was kept only until Cairn last closed: enter it again.';

/** `profiles:get`'s field paths (`interfaces.0.wifi.passphrase`, `disk.passphrase`) against the profile they came with. */
export function lostSecretsOf(paths: readonly string[], profile: Profile): LostSecrets {
  const interfaces = paths.flatMap((path) => {
    const n = /^interfaces\.(\d+)\.wifi\.passphrase$/.exec(path)?.[1];
    const name = n === undefined ? undefined : profile.interfaces[Number(n)]?.name;
    return name === undefined ? [] : [name];
  });
  return { interfaces, disk: paths.includes('disk.passphrase') };
}

export const hasLostSecrets = (lost: LostSecrets): boolean => lost.disk || lost.interfaces.length > 0;

/** Beside each passphrase field that is still empty: once something is typed the notice goes; emptied again, it is back, since the secret is still missing. */
export function lostSecretProblems(lost: LostSecrets, profile: Profile): Problem[] {
  if (!hasLostSecrets(lost)) return [];
  const out: Problem[] = [];
  profile.interfaces.forEach((i, n) => {
    if (i.wifi !== null && i.wifi.passphrase === '' && lost.interfaces.includes(i.name))
      out.push({ path: `interfaces.${n}.wifi.passphrase`, message: LOST_PASSPHRASE, severity: 'warning' });
  });
  if (lost.disk && profile.disk.encrypt && profile.disk.passphrase === '') out.push({ path: 'disk.passphrase', message: LOST_PASSPHRASE, severity: 'warning' });
  return out;
}

/** The notice said once when such a profile is opened: what was lost, on which step to enter it, and what to do afterwards. */
export function lostSecretsSentence(lost: LostSecrets, afterwards = 'then save'): string {
  const wifi = lost.interfaces.length;
  const many = wifi > 1 || (wifi > 0 && lost.disk);
  const what = wifi > 0 && lost.disk ? 'wifi and disk passphrases' : lost.disk ? 'disk passphrase' : `wifi passphrase${wifi > 1 ? 's' : ''}`;
  const where = wifi > 0 && lost.disk ? 'Network and Disk steps' : lost.disk ? 'Disk step' : 'Network step';
  return `Its ${what} ${many ? 'were' : 'was'} kept only until Cairn last closed: enter ${many ? 'them' : 'it'} again on the ${where}, ${afterwards}.`;
}
