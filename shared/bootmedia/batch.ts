import type { BatchBox, BatchProblem } from '../batch/batch';
import type { BatchColumn } from '../batch/csv-columns';
import { errorsOf, validate, type Problem, type Profile } from '../profile';
import { overlayProblems } from './problems';

/** The static IPv4 address a box booted from its overlay answers at; null when it takes one by DHCP. */
export function staticAddressOf(profile: Profile): string | null {
  const fixed = profile.interfaces.find((i) => i.auto && i.ipv4.mode === 'static');
  return fixed?.ipv4.mode === 'static' ? fixed.ipv4.address : null;
}

/**
 * The cell behind a problem only this row has. A row changes only the first
 * card, but its wifi there can clash with wifi the profile has on another
 * card, which is where the problem is reported.
 */
const COLUMN_OF_PATH: ReadonlyArray<[RegExp, BatchColumn]> = [
  [/^interfaces\.\d+\.wifi\b/, 'wifi_ssid'],
  [/^interfaces\.0\.ipv4\b/, 'ipv4'],
  [/^interfaces\.0\.ipv6\b/, 'ipv6'],
  [/^hostname$/, 'hostname'],
  [/^packages\b/, 'packages'],
];

const keyOf = (p: Problem) => `${p.path}\n${p.message}`;

/** What keeps a profile from a boot medium beyond what validate() says (the batch's own rules already tell those). */
function mediumOnly(profile: Profile, loginKey: string | null, nobodyIn: string | undefined): Problem[] {
  const told = new Set(errorsOf(validate(profile)).map(keyOf));
  return (
    overlayProblems(profile, loginKey)
      // The login key is the request's, not a row's: the caller refuses it as a whole.
      .filter((p) => p.path !== 'loginKey' && !told.has(keyOf(p)))
      .map((p) => (p.path === 'rootSshKeys' && nobodyIn !== undefined ? { ...p, message: nobodyIn } : p))
  );
}

/**
 * Why the boxes of a batch cannot start from boot media, beyond the batch's
 * own rules: a problem every box shares with the profile (no SSH server, no
 * key to let anyone in) is told once, with no row; one a row's cells brought
 * (a second wifi card, an SSID too long) is told on that row and column.
 * Without boxes (the batch itself has problems) only the profile's are told.
 * `nobodyIn` says how to let someone in where the caller is (the window has
 * no key field; the command has --key).
 */
export function batchOverlayProblems(profile: Profile, boxes: readonly BatchBox[], loginKey: string | null, options: { nobodyIn?: string } = {}): BatchProblem[] {
  const own = mediumOnly(profile, loginKey, options.nobodyIn);
  const shared = new Set(own.map(keyOf));
  const problems: BatchProblem[] = [];
  const told = new Set<string>();
  const tellOnce = (p: Problem) => {
    if (told.has(keyOf(p))) return;
    told.add(keyOf(p));
    problems.push({ row: null, column: 'profile', message: p.message });
  };
  if (boxes.length === 0) own.forEach(tellOnce);
  for (const box of boxes) {
    for (const p of mediumOnly(box.profile, loginKey, options.nobodyIn)) {
      if (shared.has(keyOf(p))) tellOnce(p);
      else problems.push({ row: box.row, column: COLUMN_OF_PATH.find(([re]) => re.test(p.path))?.[1] ?? 'profile', message: p.message });
    }
  }
  return problems;
}
