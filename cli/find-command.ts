import { parseSubnet, scanAddresses, subnetProblem } from '../shared/discover';
import { ownNetworks } from '../electron/discover/own-networks';
import { scanForHostKeys } from '../electron/discover/scan';
import type { ParsedArgs } from './args';
import { CliError, type CliIo } from './inputs';

/**
 * `cairn find SUBNET --fingerprint SHA256:…`: the bounded scan of "Find on
 * network". Progress goes to stderr; the address found is the only stdout.
 */
export async function findCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const fingerprint = args.values.get('--fingerprint') ?? '';
  if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(fingerprint))
    throw new CliError(2, `"${fingerprint}" is not a host key fingerprint; give it as cairn overlay printed it, like SHA256:AbC…(43 characters).`);
  const portText = args.values.get('--port') ?? '22';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : 0;
  if (port < 1 || port > 65535) throw new CliError(2, `--port ${portText}: the port is a number from 1 to 65535 (SSH uses 22).`);
  const parsed = parseSubnet(args.positional[0] ?? '');
  if (!parsed.ok) throw new CliError(2, parsed.message);
  const problem = subnetProblem(parsed.subnet, ownNetworks());
  if (problem !== null) throw new CliError(2, problem);

  const scan = await scanForHostKeys({
    addresses: scanAddresses(parsed.subnet),
    port,
    wanted: new Set([fingerprint]),
    onProgress: (p) => io.stderr(`searched ${p.probed} of ${p.total}\r`),
  });
  io.stderr('\n');
  const found = scan.found[0];
  if (found !== undefined) {
    io.stdout(`${found.address}\n`);
    return 0;
  }
  const others = scan.others === 0 ? 'no SSH server answered' : `${scan.others} other SSH server${scan.others === 1 ? '' : 's'} answered`;
  const cut = scan.ended === 'time-limit' ? ` The search stopped at its time limit after ${scan.probed} of ${scan.total} addresses.` : '';
  io.stderr(
    `No SSH server on ${parsed.subnet.cidr} port ${port} presented ${fingerprint} (${others}).${cut} Check that the box is powered on and cabled, give its first boot two minutes, and search again.\n`,
  );
  return 1;
}
