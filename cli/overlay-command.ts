import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BatchMedia } from '../shared/api/bootmedia';
import type { ApiError } from '../shared/api/result';
import { parseBatchCsv } from '../shared/batch/csv';
import type { Batch } from '../shared/batch/row';
import { overlayProblems } from '../shared/bootmedia';
import { writeBatchMedia } from '../electron/bootmedia/batch-media';
import { buildOverlay, writeFailure } from '../electron/bootmedia/build';
import { loginPublicKey } from '../electron/bootmedia/login-key';
import { inspectMedium, sweepPartials, writeToMedium } from '../electron/bootmedia/medium';
import { createLog } from '../electron/log';
import { createKnownHostsStore } from '../electron/store/known-hosts';
import { storePaths } from '../electron/store/paths';
import { createTargetStore } from '../electron/store/targets';
import type { ArgSpec, ParsedArgs } from './args';
import { dataDirFrom } from './data-dir';
import { EXIT } from './exit-codes';
import { batchProblemLine } from './fleet-format';
import { sshConfigOf } from './fleet-targets';
import { CliError, displayName, problemLine, readText, requireValidProfile, type CliIo } from './inputs';

export const OVERLAY_ARGS: ArgSpec = {
  noun: 'file',
  count: 1,
  flags: ['--replace'],
  values: ['--out', '--key', '--batch', '--hostname', '--ipv4-pool', '--data'],
  required: ['--out'],
};

/** The options that belong to a batch, refused without one. */
export function overlayArgsProblem(parsed: ParsedArgs): string | null {
  const alone = ['--hostname', '--ipv4-pool', '--data'].filter((o) => parsed.values.has(o));
  if (alone.length === 0 || parsed.values.has('--batch')) return null;
  return `cairn overlay: ${alone.join(' and ')} ${alone.length === 1 ? 'applies' : 'apply'} to the rows of a batch; give --batch FILE.csv too.`;
}

/** `--key FILE`: a public key line, or the private key whose public half is wanted. */
async function keyFrom(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(2, `Cannot read the key ${file}: check the path.`);
  });
  if (/^(ssh-|ecdsa-|sk-)/.test(text.trim())) return text.trim().split('\n')[0] ?? '';
  const derived = await loginPublicKey(file);
  if (!derived.ok) throw new CliError(2, derived.error.message);
  return derived.value;
}

/**
 * `cairn overlay PROFILE.json --out DIR`: the same overlay the app writes to a
 * boot medium, into any folder. The fingerprint is the last line of stdout,
 * so a script can pin it (`cairn find … --fingerprint`).
 */
export async function overlayCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const csv = args.values.get('--batch');
  if (csv !== undefined) return overlayBatchCommand(io, args, csv);
  const file = args.positional[0] ?? '-';
  const profile = await requireValidProfile(io, file);
  const keyFile = args.values.get('--key');
  const loginKey = keyFile === undefined ? null : await keyFrom(keyFile);
  const problems = overlayProblems(profile, loginKey).map((p) => (p.path === 'loginKey' ? { ...p, path: '--key' } : p));
  if (problems.length > 0) {
    for (const p of problems) io.stderr(problemLine(p));
    throw new CliError(1, `${displayName(file)} cannot make a boot overlay yet; fix the above and run again.`);
  }
  const folder = resolve(args.values.get('--out') ?? '.');
  const medium = await inspectMedium(folder, 'second-stick');
  if (medium.problem !== null) throw new CliError(1, medium.problem);
  if (medium.existingOverlays.length > 0 && !args.flags.has('--replace'))
    throw new CliError(
      1,
      `${folder} already holds ${medium.existingOverlays.join(', ')}; the boot takes the first overlay it finds. Add --replace to remove ${medium.existingOverlays.length === 1 ? 'it' : 'them'}.`,
    );

  const built = await buildOverlay(profile, loginKey);
  await sweepPartials(folder);
  let written: string;
  try {
    written = await writeToMedium(folder, built.fileName, built.archive, medium.existingOverlays);
  } catch (error) {
    throw new CliError(1, `Cannot write ${built.fileName} to ${folder} (${writeFailure(error)}); nothing was left there.`);
  }
  for (const name of medium.existingOverlays) if (name !== built.fileName) io.stderr(`removed ${name}\n`);
  io.stdout(`wrote ${written}\nhost key ${built.hostKey.type}, trusted by: cairn find SUBNET --fingerprint ${built.hostKey.fingerprint}\n${built.hostKey.fingerprint}\n`);
  return 0;
}

/** The option a refusal of the batch service is about, and the exit status it ends with. */
const REFUSED: Record<string, { flag: string; exit: number }> = {
  folder: { flag: '--out', exit: EXIT.failed },
  replaceExisting: { flag: '--out', exit: EXIT.failed },
  keyPath: { flag: '--key', exit: EXIT.usage },
  batch: { flag: '--batch', exit: EXIT.failed },
};

const NOBODY_IN = 'The boxes would let nobody in: add your public key for root to the profile (rootSshKeys), or give --key FILE with the private key Cairn logs in with.';

/** `--batch FILE.csv`: the rows, or every line the file cannot give told by its number. */
async function readBatch(io: CliIo, csv: string, args: ParsedArgs): Promise<Batch> {
  const parsed = parseBatchCsv(await readText(io, csv));
  if (!parsed.ok) {
    for (const p of parsed.problems) io.stderr(`${displayName(csv)}:${p.row === null ? '' : `${p.row}:`} ${p.message}\n`);
    throw new CliError(EXIT.failed, `--batch ${displayName(csv)} is not a batch table Cairn can read; fix the lines above and run again.`);
  }
  return { hostname: args.values.get('--hostname') ?? '', ipv4Pool: args.values.get('--ipv4-pool') ?? '', rows: parsed.rows };
}

function writtenLines(done: Extract<BatchMedia, { status: 'written' }>, knownHosts: string): string {
  const width = (texts: string[]) => Math.max(...texts.map((t) => t.length));
  const [names, files] = [width(done.boxes.map((b) => b.hostname)), width(done.boxes.map((b) => b.fileName))];
  const lines = done.boxes.map(
    (b) =>
      `  row ${b.row}  ${b.hostname.padEnd(names)}  ${b.fileName.padEnd(files)}  ${b.fingerprint}  trusted for ${b.trustedHost} port ${b.trustedPort} (target ${b.targetName})\n`,
  );
  const count = done.boxes.length;
  return `wrote ${count} overlay${count === 1 ? '' : 's'} to ${done.folder}; copy each onto its own box's boot medium:\n${lines.join('')}Each box's host key is trusted in ${knownHosts} for its address, and its target saved with the key pinned.\n`;
}

/**
 * `cairn overlay PROFILE.json --batch FILE.csv --out DIR`: the app's "Make
 * boot media for these boxes": the rows checked as a whole (every problem by
 * row and column, nothing written), then one overlay per row into DIR, each
 * with its own host key, trusted in the data folder's known_hosts for the
 * address its box will have, and its row's target saved with the key pinned.
 */
async function overlayBatchCommand(io: CliIo, args: ParsedArgs, csv: string): Promise<number> {
  const file = args.positional[0] ?? '-';
  const profile = await requireValidProfile(io, file);
  const batch = await readBatch(io, csv, args);
  const env = io.env ?? {};
  const home = env.HOME ?? homedir();
  const dataDir = dataDirFrom(args.values.get('--data'), env, process.platform, home);
  const paths = storePaths(dataDir);
  const keyFile = args.values.get('--key');
  const folder = resolve(args.values.get('--out') ?? '.');
  const done = await writeBatchMedia(
    {
      targets: createTargetStore(paths.targets),
      knownHosts: createKnownHostsStore(paths.knownHosts),
      sshConfig: sshConfigOf(env),
      homeDir: home,
      log: createLog({ file: join(dataDir, 'logs', 'cli.log') }),
    },
    {
      profile,
      batch,
      keyPath: keyFile === undefined ? undefined : resolve(keyFile),
      replaceExisting: args.flags.has('--replace'),
      replaceHint: ', or add --replace to write over them',
      nobodyIn: NOBODY_IN,
    },
    async () => folder,
  );
  if (!done.ok) throw refusal(done.error, csv);
  if (done.value.status === 'problems') {
    const files = { csv: displayName(csv), profile: displayName(file) };
    for (const p of done.value.problems) io.stderr(`${batchProblemLine(p, files)}\n`);
    const count = done.value.problems.length;
    io.stderr(`${files.csv}: ${count} problem${count === 1 ? '' : 's'} to fix (each named by row and column above); no overlay was written and no key trusted.\n`);
    return EXIT.failed;
  }
  if (done.value.status === 'canceled') return EXIT.failed;
  io.stdout(writtenLines(done.value, paths.knownHosts));
  return EXIT.done;
}

function refusal(error: ApiError, csv: string): CliError {
  const about = REFUSED[error.field ?? ''];
  const where = about === undefined ? '' : `${about.flag}${about.flag === '--batch' ? ` ${displayName(csv)}` : ''}: `;
  return new CliError(about?.exit ?? EXIT.failed, `${where}${error.message}`, error.code);
}
