import { wholeNumberProblem, type ArgSpec, type ParsedArgs } from './args';

/**
 * Boxes installed at the same time when --parallel is left out: the app's
 * "Boxes at once" default, which finishes a rack of boxes quickly while a
 * home network and this computer stay responsive (each box downloads its
 * packages, and each run holds an SSH connection here).
 */
export const DEFAULT_PARALLEL = 10;
/** The app's bounds for "Boxes at once" (runs:start takes 1 to 50). */
const PARALLEL_RANGE = { min: 1, max: 50 };

/** Null when --parallel is left out or fits; else the sentence naming it. */
export const parallelProblem = (command: string, parsed: ParsedArgs): string | null =>
  wholeNumberProblem(command, parsed, '--parallel', PARALLEL_RANGE, 'how many boxes install at the same time');

/** The boxes to install at once: --parallel N, else the default. */
export const parallelOf = (parsed: ParsedArgs): number => Number(parsed.values.get('--parallel') ?? DEFAULT_PARALLEL);

/** What `cairn fleet` takes besides the box options: a profile, then a batch file or targets. */
export const FLEET_ARGS = {
  count: { min: 1 },
  expects: 'a profile file, then --batch FILE.csv or at least one target',
  flags: ['--reboot', '--dry-run'],
  values: ['--batch', '--hostname', '--ipv4-pool', '--parallel'],
  lists: ['--erase'],
} as const satisfies Omit<ArgSpec, 'noun'>;

/** The shape of a fleet command line, checked before any file is read: a batch or targets, the batch's options with a batch. */
export function fleetArgsProblem(parsed: ParsedArgs): string | null {
  const parallel = parallelProblem('fleet', parsed);
  if (parallel !== null) return parallel;
  const targets = parsed.positional.slice(1);
  const batch = parsed.values.get('--batch');
  if (batch !== undefined && targets.length > 0)
    return `cairn fleet takes --batch FILE.csv or targets, not both: add ${targets.length === 1 ? `${targets[0] ?? ''} to ${batch} as a row` : `${targets.join(', ')} to ${batch} as rows`}.`;
  if (batch === undefined && targets.length === 0) return 'cairn fleet takes a profile file, then --batch FILE.csv or at least one target (none was given).';
  const batchOnly = ['--hostname', '--ipv4-pool'].filter((o) => parsed.values.has(o));
  if (batch === undefined && batchOnly.length > 0)
    return `cairn fleet: ${batchOnly.join(' and ')} go${batchOnly.length === 1 ? 'es' : ''} with --batch FILE.csv; without it every target gets the profile as it is.`;
  return null;
}
