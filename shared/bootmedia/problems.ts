import { publicKeyProblem } from '../bootstrap/iso-commands';
import { errorsOf, validate, type Problem, type Profile } from '../profile';
import { utf8Bytes } from './wpa-supplicant';

/**
 * Why this profile cannot make a boot medium, each problem at the profile
 * field (or `loginKey`) to fix; empty when it can. A box booted from the
 * overlay must come up on the network and let exactly these keys in.
 */
export function overlayProblems(profile: Profile, loginKey: string | null): Problem[] {
  const problems: Problem[] = errorsOf(validate(profile));
  const report = (path: string, message: string) => problems.push({ path, message, severity: 'error' });

  profile.rootSshKeys.forEach((key, n) => {
    const problem = publicKeyProblem(key);
    if (/^https?:/i.test(key.trim()))
      report(`rootSshKeys.${n}`, 'A boot medium needs the key itself, not a URL: the box has no network to fetch it when it first starts. Paste the public key line.');
    else if (problem !== null) report(`rootSshKeys.${n}`, problem);
  });
  if (loginKey !== null) {
    const problem = publicKeyProblem(loginKey);
    if (problem !== null) report('loginKey', problem);
  }
  if (profile.rootSshKeys.length === 0 && loginKey === null)
    report('rootSshKeys', 'The box would let nobody in: add your public key for root in the User and SSH keys step, or choose the key file Cairn logs in with.');

  if (profile.sshd === 'none')
    report('sshd', 'The boot medium starts the SSH server the profile installs, and this profile has none: choose OpenSSH or Dropbear in the SSH server step.');
  if (!profile.interfaces.some((i) => i.auto && (i.ipv4.mode !== 'none' || i.ipv6.mode !== 'none')))
    report('interfaces', 'No network card comes up at boot with an address: the box could not be reached. Mark one card "Start at boot" with DHCP or a static address.');
  const wifi = profile.interfaces.map((i, n) => ({ i, n })).filter(({ i }) => i.wifi !== null);
  for (const { n } of wifi.slice(1)) report(`interfaces.${n}.wifi`, 'A boot medium joins one wifi network; keep wifi on one card and add the others after the install.');
  for (const { i, n } of wifi) {
    if (i.wifi !== null && utf8Bytes(i.wifi.ssid).length > 32)
      report(`interfaces.${n}.wifi.ssid`, 'A wifi network name is at most 32 bytes; letters outside ASCII take two to four each.');
  }
  return problems;
}
