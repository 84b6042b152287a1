import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseBatchCsv } from '../shared/batch/csv';
import type { Batch } from '../shared/batch/row';
import { exportAnsible } from '../electron/export/ansible-export';
import { createKnownHostsStore } from '../electron/store/known-hosts';
import { storePaths } from '../electron/store/paths';
import { createTargetStore } from '../electron/store/targets';
import type { ParsedArgs } from './args';
import { dataDirFrom } from './data-dir';
import { EXIT, exitCodeOf } from './exit-codes';
import { CliError, displayName, readText, requireValidProfile, type CliIo } from './inputs';

/** The formats `cairn export` writes. */
export const EXPORT_FORMATS = ['ansible'] as const;

/** The shape of the command line past what the spec checks: a known format first. */
export function exportArgsProblem(parsed: ParsedArgs): string | null {
  const format = parsed.positional[0] ?? '';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    return `cairn export writes ${EXPORT_FORMATS.join(', ')}, not "${format}": cairn export ansible PROFILE.json --out DIR.`;
  const alone = ['--hostname', '--ipv4-pool'].filter((o) => parsed.values.has(o));
  if (alone.length > 0 && !parsed.values.has('--batch'))
    return `cairn export: ${alone.join(' and ')} ${alone.length === 1 ? 'applies' : 'apply'} to the rows of a batch; give --batch FILE.csv too.`;
  return null;
}

/** `--batch FILE.csv`: the rows of a batch table, as the app's batch dialog saves them. */
async function readBatch(io: CliIo, file: string, args: ParsedArgs): Promise<Batch> {
  let text: string;
  try {
    text = await readText(io, file);
  } catch (error) {
    throw error instanceof CliError ? new CliError(error.exitCode, `--batch: ${error.message}`) : error;
  }
  const parsed = parseBatchCsv(text);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.stderr(`${displayName(file)}:${p.row === null ? '' : `${p.row}:`} ${p.message}\n`);
    throw new CliError(EXIT.failed, `--batch ${displayName(file)} is not a batch table Cairn can read; fix the lines above and run again.`);
  }
  return { hostname: args.values.get('--hostname') ?? '', ipv4Pool: args.values.get('--ipv4-pool') ?? '', rows: parsed.rows };
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}

/** Which option a refusal is about, so the sentence names it. */
const FLAG_OF_FIELD: Record<string, string> = { folder: '--out', batch: '--batch' };

/**
 * `cairn export ansible PROFILE.json [--batch FILE.csv] --out DIR`: the
 * inventory, playbook and files that bring the boxes to the profile with
 * Ansible, written as the app's Export → Ansible writes them, with the
 * targets and host keys of the data folder.
 */
export async function exportCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const file = args.positional[1] ?? '-';
  const profile = await requireValidProfile(io, file);
  const batchFile = args.values.get('--batch');
  const batch = batchFile === undefined ? null : await readBatch(io, batchFile, args);
  const env = io.env ?? {};
  const home = env.HOME ?? homedir();
  const paths = storePaths(dataDirFrom(args.values.get('--data'), env, process.platform, home));
  const folder = resolve(args.values.get('--out') ?? '.');
  const done = await exportAnsible(
    {
      targets: createTargetStore(paths.targets),
      knownHosts: createKnownHostsStore(paths.knownHosts),
      sshConfig: { path: join(home, '.ssh', 'config'), homeDir: home, localUser: localUser() },
    },
    { profile, batch, folder, replace: args.flags.has('--force'), replaceHint: ', or add --force to overwrite the files the export writes' },
  );
  if (!done.ok) {
    const flag = FLAG_OF_FIELD[done.error.field ?? ''];
    const about = flag === undefined ? `${displayName(file)}: ` : `${flag}${flag === '--batch' && batchFile !== undefined ? ` ${displayName(batchFile)}` : ''}: `;
    // A table with problems is a file with errors (1), as for "cairn fleet"; a full folder is wrong usage (2).
    throw new CliError(done.error.field === 'batch' ? EXIT.failed : exitCodeOf(done.error.code), `${about}${done.error.message}`, done.error.code);
  }
  const { boxes, files, notExpressed } = done.value;
  io.stdout(`wrote ${folder} for ${boxes.length} box${boxes.length === 1 ? '' : 'es'} (${boxes.join(', ')}):\n${files.map((f) => `  ${f}\n`).join('')}`);
  if (notExpressed.length > 0) io.stderr(`note: not expressed in the playbook (listed at the top of site.yml):\n${notExpressed.map((n) => `  - ${n}\n`).join('')}`);
  io.stdout(`Run it with: cd ${folder} && ansible-playbook -i inventory.ini site.yml\n`);
  return EXIT.done;
}
