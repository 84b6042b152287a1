import { sh, type ShellSyntax } from '../shell';
import type { TargetFacts } from './step';

export type Parts = ReadonlyArray<string | ShellSyntax>;

/**
 * The command line for `parts`, run as root. Through doas, a simple command
 * gets a `doas` prefix; a compound one (operators, redirections) runs as
 * `doas sh -c '...'`, because a prefix would raise only its first command
 * and the login user's shell would open the redirections.
 */
export function asRoot(parts: Parts, facts: TargetFacts): string {
  const line = sh(...parts);
  if (facts.privilege === 'root') return line;
  const words = parts.filter((p): p is string => typeof p === 'string');
  return words.length === parts.length ? sh('doas', ...words) : sh('doas', 'sh', '-c', line);
}
