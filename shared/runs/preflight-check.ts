import type { Profile } from '../profile';
import type { PreflightFacts } from './preflight';

export interface PreflightProblem {
  /** An error refuses the run; a warning is shown beside it. */
  severity: 'error' | 'warning';
  message: string;
}

const diskName = (path: string): string | null => /^\/dev\/([^/]+)$/.exec(path)?.[1] ?? null;

/** What Cairn holds for the login besides the facts: a kept doas password lets it answer doas's prompt. */
export interface PreflightContext {
  doasPassword: boolean;
}

function privilege(facts: PreflightFacts, context: PreflightContext): PreflightProblem[] {
  if (facts.uid === 0) return [];
  if (facts.uid === null) return [{ severity: 'error', message: 'Cairn could not tell which user it is logged in as (id -u printed nothing): log in as root.' }];
  if (!facts.doas) return [{ severity: 'error', message: 'The login user is not root and doas is not installed: log in as root, or install doas and allow this user to use it.' }];
  if (!facts.doasNoPassword && !context.doasPassword) {
    return [
      {
        severity: 'error',
        message:
          'doas asks this user for its password (as setup-user\'s wheel rule does): enter it as the target\'s doas password (Targets › Edit) so Cairn can type it when asked, log in as root, or add a "permit nopass" rule for the user.',
      },
    ];
  }
  return [];
}

/** setup-lbu saves to /media/NAME and stops with "not a directory" when the box has no such folder. */
function lbuMedium(facts: PreflightFacts, profile: Profile): PreflightProblem[] {
  const name = profile.diskless.lbuMedia;
  if (profile.disk.mode === 'sys' || name === null || !/^[A-Za-z0-9_-]+$/.test(name) || !facts.media) return [];
  if (facts.media.includes(name)) return [];
  const has = facts.media.length > 0 ? facts.media.join(', ') : 'nothing';
  return [
    {
      severity: 'error',
      message: `The box has no /media/${name} (its /media holds ${has}), so setup-lbu would stop with "not a directory" and lbu could not save the configuration. Attach that medium, or choose one the box has in the Diskless step.`,
    },
  ];
}

function disks(facts: PreflightFacts, profile: Profile): PreflightProblem[] {
  const disk = profile.disk;
  if (disk.mode === 'none') return [];
  const problems: PreflightProblem[] = [];
  for (const path of disk.disks) {
    const name = diskName(path);
    if (facts.disks === null || name === null) {
      problems.push({ severity: 'warning', message: `Cairn could not list the disks of the box, so it cannot check that ${path} exists: check it on the box (ls /sys/block).` });
    } else if (!facts.disks.includes(name)) {
      const seen = facts.disks.length > 0 ? `it has ${facts.disks.map((d) => `/dev/${d}`).join(', ')}` : 'it lists no disks';
      problems.push({ severity: 'error', message: `The disk ${path} does not exist on the box (${seen}): choose one of its disks in the Disk step.` });
    }
  }
  if (disk.mode === 'sys' && facts.boot === 'disk') {
    problems.push({
      severity: 'error',
      message: `The box already runs from a disk (/ is ${facts.rootMount ?? 'on a disk'}), so installing to disk again would erase the running system: boot it from the Alpine ISO first, or choose "no disk".`,
    });
  } else if (disk.mode === 'sys' && facts.boot === 'unknown') {
    problems.push({
      severity: 'warning',
      message: 'Cairn could not tell whether the box runs from RAM or from a disk: make sure it was booted from the Alpine ISO before installing to disk.',
    });
  }
  return problems;
}

/** What stops the profile's plan from working on this box (errors), and what Cairn could not check (warnings). */
export function checkPreflight(facts: PreflightFacts, profile: Profile, context: PreflightContext = { doasPassword: false }): PreflightProblem[] {
  if (facts.alpineRelease === null) {
    return [{ severity: 'error', message: 'The box does not run Alpine Linux (/etc/alpine-release is missing): boot it from the Alpine ISO and try again.' }];
  }
  const problems: PreflightProblem[] = [];
  if (facts.setupAlpine === null) {
    problems.push({ severity: 'error', message: 'setup-alpine is not installed on the box: install it with "apk add alpine-conf" and try again.' });
  }
  problems.push(...privilege(facts, context), ...disks(facts, profile), ...lbuMedium(facts, profile));
  if (facts.alpineConf === null) {
    problems.push({
      severity: 'warning',
      message: 'Cairn could not read the alpine-conf version (apk info -v alpine-conf): helpers differ between releases, so check the result on the box.',
    });
  }
  if (facts.interfaces !== null) {
    for (const i of profile.interfaces) {
      if (i.name !== 'lo' && !facts.interfaces.includes(i.name)) {
        problems.push({
          severity: 'warning',
          message: `The box has no interface ${i.name} (it has ${facts.interfaces.join(', ')}): check the interface names in the Interfaces step.`,
        });
      }
    }
  }
  return problems;
}
