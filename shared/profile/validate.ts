import { checkApkRepos } from './apkrepos';
import { checkDisk } from './disk';
import { checkDns } from './dns';
import { checkHostname } from './hostname';
import { checkInterfaces } from './interfaces';
import { checkKeymap } from './keymap';
import { checkDiskless } from './lbu';
import { checkNtp } from './ntp';
import { checkPackages } from './packages';
import { collector, type Problem, type Report } from './problems';
import { checkProxy } from './proxy';
import { profileSchema, type Profile } from './schema';
import { checkServices } from './services';
import { checkSshd } from './sshd';
import { checkTimezone } from './timezone';
import { checkUser } from './user';
import { hasControlChars } from './values';

function checkName(p: Profile, report: Report): void {
  if (p.name.trim() === '') report('name', 'Give the profile a name, like "Living-room NAS".');
  else if (hasControlChars(p.name) || p.name.length > 100) report('name', 'A profile name is one line of at most 100 characters.');
}

/** In setup-alpine's order, so problems read top to bottom like the wizard. */
const CHECKS: ReadonlyArray<(p: Profile, report: Report) => void> = [
  checkName,
  checkKeymap,
  checkHostname,
  checkInterfaces,
  checkDns,
  checkTimezone,
  checkProxy,
  checkNtp,
  checkApkRepos,
  checkUser,
  checkSshd,
  checkDisk,
  checkDiskless,
  checkPackages,
  checkServices,
];

/** Every problem at once; an empty list means the profile can be rendered and run. */
export function validate(input: unknown): Problem[] {
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: `This field has the wrong form (${issue.message}); the profile file may be damaged or from a newer Cairn.`,
      severity: 'error' as const,
    }));
  }
  const { problems, report } = collector();
  for (const check of CHECKS) check(parsed.data, report);
  return problems;
}

export const errorsOf = (problems: readonly Problem[]): Problem[] => problems.filter((p) => p.severity === 'error');
