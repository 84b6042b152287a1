import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { overlayProblems } from '../shared/bootmedia';
import { buildOverlay, writeFailure } from '../electron/bootmedia/build';
import { loginPublicKey } from '../electron/bootmedia/login-key';
import { inspectMedium, sweepPartials, writeToMedium } from '../electron/bootmedia/medium';
import type { ParsedArgs } from './args';
import { CliError, displayName, problemLine, requireValidProfile, type CliIo } from './inputs';

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
    throw new CliError(1, `${folder} already holds ${medium.existingOverlays.join(', ')}; the boot takes the first overlay it finds. Add --replace to remove ${medium.existingOverlays.length === 1 ? 'it' : 'them'}.`);

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
