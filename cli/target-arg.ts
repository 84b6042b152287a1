import { resolve } from 'node:path';
import { targetSchema, type Target } from '../shared/api/targets';
import { contentId } from './backend';
import { EXIT } from './exit-codes';
import { CliError } from './inputs';

export interface Address {
  user: string;
  host: string;
  port: number;
}

/**
 * `user@host`, `user@host:port`, `user@[v6]:port` or `user@v6` (an IPv6
 * address without a port needs no brackets); null for anything else, which
 * is then a saved target's name.
 */
export function parseAddress(text: string): Address | null {
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const user = text.slice(0, at);
  const rest = text.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(rest);
  if (bracketed) return { user, host: bracketed[1] ?? '', port: Number(bracketed[2] ?? 22) };
  if (/^[0-9A-Fa-f:.%a-z]+$/.test(rest) && (rest.match(/:/g) ?? []).length >= 2) return { user, host: rest, port: 22 };
  const plain = /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(rest);
  return plain ? { user, host: plain[1] ?? '', port: Number(plain[2] ?? 22) } : null;
}

const hostLabel = (a: Address) => `${a.user}@${a.host.includes(':') ? `[${a.host}]` : a.host}${a.port === 22 ? '' : `:${a.port}`}`;

/** A target for an address on the command line: the same id each time, so its runs are found together. */
function addressTarget(address: Address, keyFile: string | undefined, given: string): Target {
  const draft = {
    id: contentId('host', `${address.user}@${address.host}:${address.port}`),
    name: hostLabel(address),
    host: address.host,
    port: address.port,
    user: address.user,
    auth: keyFile === undefined ? ('agent' as const) : ('key' as const),
    ...(keyFile === undefined ? {} : { keyPath: resolve(keyFile) }),
    tags: [],
  };
  const checked = targetSchema.safeParse(draft);
  if (!checked.success) throw new CliError(EXIT.usage, `${given}: ${checked.error.issues[0]?.message ?? 'this is not an address Cairn can log in to.'}`);
  return checked.data;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface TargetChoice {
  target: Target;
  /** True for user@host[:port]: known for this command only. */
  adHoc: boolean;
}

/**
 * The targets the command line names, in its order: a saved target by id or
 * name (ignoring case) first, else user@host[:port], which logs in with
 * `--key FILE` or the SSH agent.
 */
export function chooseTargets(
  given: readonly string[],
  saved: readonly Target[],
  options: { keyFile?: string | undefined; agentSocket?: string | undefined; platform: NodeJS.Platform },
): TargetChoice[] {
  const chosen: TargetChoice[] = [];
  for (const text of given) {
    const stored = saved.find((t) => t.id === text) ?? saved.find((t) => sameName(t.name, text));
    let choice: TargetChoice;
    if (stored !== undefined) {
      if (options.keyFile !== undefined)
        throw new CliError(
          EXIT.usage,
          `--key is for user@host targets; "${stored.name}" is saved in Cairn and logs in as saved there (change its key in the app, or give it as ${stored.user}@${stored.host}:${stored.port}).`,
        );
      choice = { target: stored, adHoc: false };
    } else {
      const address = parseAddress(text);
      if (address === null) {
        const names = saved.map((t) => t.name);
        const known = names.length === 0 ? 'No target is saved in Cairn yet' : `Saved targets: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`;
        throw new CliError(EXIT.usage, `"${text}" is neither a target saved in Cairn nor user@host[:port]. ${known}.`);
      }
      // Without the agent there is nothing to log in with; say so before reaching for the box.
      if (options.keyFile === undefined && (options.agentSocket ?? '') === '' && options.platform !== 'win32')
        throw new CliError(
          EXIT.usage,
          `${text}: give --key FILE (your private key), or start ssh-agent with your key loaded; the cairn command logs in to user@host targets with one of them.`,
        );
      choice = { target: addressTarget(address, options.keyFile, text), adHoc: true };
    }
    if (chosen.some((c) => c.target.id === choice.target.id)) throw new CliError(EXIT.usage, `"${text}" is given twice; name each target once.`);
    chosen.push(choice);
  }
  return chosen;
}
