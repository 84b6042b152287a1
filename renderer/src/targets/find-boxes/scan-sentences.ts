import type { ScanResult } from '../../../../shared/api/discover';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Searched 37 of 254 addresses" */
export const progressText = (probed: number, total: number): string => `Searched ${probed} of ${plural(total, 'address', 'addresses')}`;

/** "(2 other SSH servers)": servers whose key no prepared box has; Cairn sent them nothing. */
export const othersText = (others: number): string => (others === 0 ? 'no other SSH servers' : plural(others, 'other SSH server', 'other SSH servers'));

/** How the search ended, when it did not cover every address. */
export function endedText(result: ScanResult): string | null {
  if (result.ended === 'cancelled') return `The search was cancelled after ${result.probed} of ${plural(result.total, 'address', 'addresses')}.`;
  if (result.ended === 'time-limit') return `The search stopped at its time limit after ${result.probed} of ${plural(result.total, 'address', 'addresses')}.`;
  return null;
}

/** After "Found …": what changed, and why the search may have stopped before the last address. */
export function foundText(result: ScanResult): string {
  const pointed = result.found.length === 1 ? 'Its target now points there, with the host key trusted.' : 'Their targets now point there, with the host keys trusted.';
  const others =
    result.others === 0
      ? ''
      : ` ${result.others === 1 ? '1 other SSH server answered' : `${result.others} other SSH servers answered`}; Cairn sent ${result.others === 1 ? 'it' : 'them'} nothing.`;
  const early =
    result.ended === 'done' && result.probed < result.total
      ? ` Every prepared box was found, so the search stopped after ${result.probed} of ${plural(result.total, 'address', 'addresses')}.`
      : '';
  return `${pointed}${others}${early}`;
}

export const noneFoundText = (result: ScanResult): string => `No prepared box answered on ${result.subnet} (${othersText(result.others)}).`;

/** What to check when a prepared box did not answer. */
export const NONE_FOUND_HINTS: readonly string[] = [
  'Is the box powered on and cabled to this network (or in reach of the wifi its profile names)?',
  'Give it two minutes for its first boot, then search again.',
  'Check the network: the box must get an address on the network searched, and this computer must reach it.',
];
