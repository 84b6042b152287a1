import { diskEnvironment, diskOptions, fullNameTravels, render } from '../answerfile';
import { wifiConfigPath, wifiConfigText, withWifiSecret } from '../answerfile/wifi-config';
import { op } from '../shell';
import type { Profile } from '../profile';
import { asRoot, type Parts } from './privilege';
import { FORWARDING_FILE, writeForwarding } from './forwarding';
import { DEFAULT_WORK_DIR, type PlanOptions, type Step, type StepAnswer, type TargetFacts } from './step';
import { withReceipt } from './receipt-step';
import { CHPASSWD, chpasswdLine, setFullName } from './user-steps';

/** cryptsetup's prompts: "Enter passphrase for /dev/sda3: " (format, then open) and "Verify passphrase: ". */
const luksAnswers = (passphrase: string): StepAnswer[] => [
  { prompt: 'Enter passphrase for [^\\n]*: ?$', answer: passphrase },
  { prompt: 'Verify passphrase: ?$', answer: passphrase },
];

type Draft = Omit<Step, 'command' | 'erases' | 'destructive'> & { parts: Parts; erases?: string[] };

/** A full name setup-user cannot receive through USEROPTS (it word-splits there); the same rule render uses. */
export const fullNameNeedsStep = (fullName: string): boolean => !fullNameTravels(fullName);

/**
 * setup-alpine writes the wifi stanza into /etc/network/interfaces but installs
 * nothing for it; ifupdown-ng needs its wifi executor and wpa_supplicant.
 */
export const wifiPackages = (profile: Profile): string[] => (profile.interfaces.some((i) => i.wifi !== null) ? ['wpa_supplicant', 'ifupdown-ng-wifi'] : []);

/**
 * The remote steps of a pushed install, in the order ALPINE-FACTS requires:
 * setup-alpine with the disk held back, then everything the installed system
 * must contain (passwords, packages, services, forwarding), then setup-disk,
 * which copies the running system. The profile is assumed valid (`validate` has no errors).
 */
export function plan(profile: Profile, facts: TargetFacts, options: PlanOptions = {}): Step[] {
  const answers = `${facts.workDir ?? DEFAULT_WORK_DIR}/answers`;
  const user = profile.user;
  const disk = profile.disk;
  const lbuMedia = profile.diskless.lbuMedia;
  const packages = [...new Set([...profile.packages, ...wifiPackages(profile)])];
  // A wifi passphrase goes to a 0600 file of its own before setup-alpine writes the interfaces that name it.
  const wifiFiles = withWifiSecret(profile.interfaces).map((i) => ({
    iface: i.name,
    upload: `${facts.workDir ?? DEFAULT_WORK_DIR}/wifi-${i.name}.conf`,
    content: wifiConfigText(i.wifi),
  }));
  const drafts: Array<Draft | false> = [
    profile.rootPasswordHash !== null && {
      id: 'root-password',
      title: 'Set the root password',
      parts: CHPASSWD,
      stdin: chpasswdLine('root', profile.rootPasswordHash),
      duration: 'instant',
    },
    ...wifiFiles.map((w): Draft => ({
      id: `wifi-${w.iface}`,
      title: `Keep the wifi settings of ${w.iface} in ${wifiConfigPath(w.iface)} (readable by root only)`,
      parts: ['install', '-D', '-m', '600', w.upload, wifiConfigPath(w.iface)],
      upload: { path: w.upload, content: w.content, mode: 0o600 },
      duration: 'instant',
    })),
    {
      id: 'setup-alpine',
      title: 'Run setup-alpine with the answer file (disk step held back)',
      parts: ['setup-alpine', '-e', '-f', answers],
      upload: { path: answers, content: render(profile, { holdBackDisk: true, wifiInFiles: true }), mode: 0o600 },
      duration: 'long',
      detached: true,
    },
    // Removed straight away, before setup-disk or lbu copy the system: the
    // file can hold a Wi-Fi passphrase and must not reach the installed disk.
    {
      id: 'cleanup',
      title: wifiFiles.length > 0 ? 'Remove the uploaded answer file and wifi settings' : 'Remove the uploaded answer file',
      parts: ['rm', '-f', answers, ...wifiFiles.map((w) => w.upload)],
      duration: 'instant',
      always: true,
    },
    user !== null &&
      fullNameNeedsStep(user.fullName) && {
        id: 'user-fullname',
        title: `Set the full name of ${user.name}`,
        parts: setFullName(user.name, user.fullName),
        duration: 'instant',
      },
    user !== null &&
      user.passwordHash !== null && {
        id: 'user-password',
        title: `Set the password of ${user.name}`,
        parts: CHPASSWD,
        stdin: chpasswdLine(user.name, user.passwordHash),
        duration: 'instant',
      },
    packages.length > 0 && {
      id: 'packages',
      title: 'Install the extra packages',
      parts: ['apk', 'add', ...packages],
      duration: 'long',
    },
    profile.services.length > 0 && {
      id: 'services',
      title: 'Enable the services at boot',
      parts: profile.services.flatMap((s, n) => [...(n > 0 ? [op('&&')] : []), 'rc-update', 'add', s.name, s.runlevel]),
      duration: 'short',
    },
    profile.ipForwarding && {
      id: 'ip-forwarding',
      title: `Turn on IP forwarding from the next boot (${FORWARDING_FILE})`,
      parts: writeForwarding(),
      duration: 'instant',
    },
    disk.mode !== 'none' && {
      id: 'disk',
      title: disk.mode === 'sys' ? `Install Alpine to ${disk.disks.join(', ')}` : `Set up ${disk.disks.join(', ')} as the data disk`,
      parts: ['env', ...diskEnvironment(profile).map(([name, value]) => `${name}=${value}`), 'setup-disk', ...diskOptions(profile)],
      erases: [...disk.disks],
      duration: 'long',
      // setup-disk can prompt (to confirm erasing): detached, with stdin
      // closed, nobody answers and the runner says so. With -e cryptsetup
      // asks for the passphrase on a terminal, twice to format and once to
      // open: the step runs on one, and Cairn types the profile's passphrase.
      ...(disk.encrypt ? { answers: luksAnswers(disk.passphrase) } : { detached: true }),
    },
    // After a sys install the box boots from disk and lbu is not used
    // (setup-alpine skips setup-lbu then); otherwise nothing survives a
    // reboot until it is committed. -d replaces an overlay saved under
    // another host name (a headless bootstrap's localhost.apkovl.tar.gz),
    // which plain `lbu commit` refuses with "Please use -d to replace".
    disk.mode !== 'sys' &&
      lbuMedia !== null && {
        id: 'lbu-commit',
        title: `Save the configuration to ${lbuMedia} (lbu commit)`,
        parts: ['lbu', 'commit', '-d'],
        duration: 'short',
      },
    options.reboot === true && {
      id: 'reboot',
      title: disk.mode === 'sys' ? 'Reboot into the installed system' : 'Reboot',
      parts: ['reboot'],
      duration: 'instant',
      disconnects: true,
    },
  ];
  const steps = drafts
    .filter((d) => d !== false)
    .map(({ parts, erases = [], ...rest }) => ({
      ...rest,
      command: asRoot(parts, facts),
      destructive: erases.length > 0,
      erases,
    }));
  return withReceipt(steps, profile, facts, options.receipt);
}
