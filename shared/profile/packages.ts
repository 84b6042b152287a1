import { packageCatalogue } from '../reference';
import { packageNameProblem } from './package-name';
import type { Report } from './problems';
import type { Profile } from './schema';

let known: Set<string> | undefined;
/** True when the name or one of its "-" prefixes is an origin in the catalogue (subpackages like openssh-server). */
export function looksLikeAlpinePackage(name: string): boolean {
  known ??= new Set(packageCatalogue().map((p) => p.name));
  const parts = name.split('-');
  for (let n = parts.length; n > 0; n--) if (known.has(parts.slice(0, n).join('-'))) return true;
  return false;
}

export function checkPackages(p: Profile, report: Report): void {
  const seen = new Set<string>();
  p.packages.forEach((name, n) => {
    const at = `packages.${n}`;
    const malformed = packageNameProblem(name);
    if (malformed !== null) report(at, malformed);
    else if (seen.has(name)) report(at, `${name} is listed twice.`, 'warning');
    else if (!looksLikeAlpinePackage(name)) report(at, `${name} is not in Alpine's main or community package list; check the spelling.`, 'warning');
    seen.add(name);
  });
}
