import { checkApkcache } from './apkcache';
import { checkApkrepos } from './apkrepos';
import { checkDisk } from './disk';
import { checkDns } from './dns';
import { checkHostname } from './hostname';
import { checkInterfaces } from './interfaces';
import { checkKeymap } from './keymap';
import { checkLbu } from './lbu';
import { checkNtp } from './ntp';
import { checkPackages } from './packages';
import { collector, type Problem, type Report } from './problems';
import { checkProxy } from './proxy';
import { profileSchema, type Profile } from './schema';
import { SECTIONS, type Section } from './sections';
import { checkServices } from './services';
import { checkSshd } from './sshd';
import { checkTimezone } from './timezone';
import { checkUser } from './user';
import { hasControlChars } from './values';

type Check = (p: Profile, report: Report) => void;

function checkName(p: Profile, report: Report): void {
  if (p.name.trim() === '') report('name', 'Give the profile a name, like "Living-room NAS".');
  else if (hasControlChars(p.name) || p.name.length > 100) report('name', 'A profile name is one line of at most 100 characters.');
}

/** One rule module per section: a section without its check does not compile. */
const SECTION_CHECKS: Record<Section, Check> = {
  keymap: checkKeymap,
  hostname: checkHostname,
  interfaces: checkInterfaces,
  dns: checkDns,
  timezone: checkTimezone,
  proxy: checkProxy,
  ntp: checkNtp,
  apkrepos: checkApkrepos,
  user: checkUser,
  sshd: checkSshd,
  disk: checkDisk,
  lbu: checkLbu,
  apkcache: checkApkcache,
};

/** In setup-alpine's order, so problems read top to bottom like the wizard. */
const CHECKS: readonly Check[] = [checkName, ...SECTIONS.map((s) => SECTION_CHECKS[s]), checkPackages, checkServices];

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
