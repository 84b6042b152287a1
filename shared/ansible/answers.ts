import { render } from '../answerfile';
import type { Profile } from '../profile';
import { wifiSecrets } from './vars';

/** The shell variable site.yml sets, before the answer file, to the passphrase of the `index`th interface. */
export const WIFI_SHELL_PREFIX = 'CAIRN_WIFI_PSK_';
export const wifiShellVariable = (index: number): string => `${WIFI_SHELL_PREFIX}${index}`;

/**
 * The answer file of a new box, as Cairn's own install uploads it (the disk
 * step held back for setup-disk to run after the packages and users are in),
 * without its secrets: render() never writes password hashes, and each wifi
 * passphrase is replaced by a reference to a shell variable. setup-alpine
 * sources the file with /bin/sh, and site.yml puts the variable's assignment
 * in front, from the vault, only on the box.
 *
 * The passphrase sits inside INTERFACESOPTS's single quotes, so the reference
 * closes them, expands the variable in double quotes (its value is never
 * read as shell) and opens them again.
 */
export function answerFile(p: Profile): string {
  const secrets = wifiSecrets(p);
  for (let attempt = 0; ; attempt++) {
    // A marker of letters and digits passes render's quoting unchanged; it must occur once, where the passphrase goes.
    const marker = (index: number) => `CairnWifiPassphrase${index}x${attempt}`;
    const marked: Profile = {
      ...p,
      interfaces: p.interfaces.map((i, index) => (i.wifi !== null && i.wifi.passphrase !== '' ? { ...i, wifi: { ...i.wifi, passphrase: marker(index) } } : i)),
    };
    const text = render(marked, { holdBackDisk: true });
    if (!secrets.every((s) => text.split(marker(s.index)).length === 2)) continue;
    return secrets.reduce((out, s) => out.replace(marker(s.index), `'"$${wifiShellVariable(s.index)}"'`), text);
  }
}
