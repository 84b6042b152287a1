import type { Batch, BatchRow } from '../shared/batch/batch';
import { parseBatchCsv } from '../shared/batch/csv';
import type { ParsedArgs } from './args';
import { EXIT } from './exit-codes';
import { followFleet } from './fleet-follow';
import { batchProblemLine, csvProblemLine, dryRunSummary, formatBoxLines, problemsSummary, type BatchFiles, type BatchProblemLine } from './fleet-format';
import { parallelOf } from './fleet-options';
import { sshConfigOf, useRowTargets } from './fleet-targets';
import { displayName, readText, requireValidProfile, type CliIo } from './inputs';
import { disksOf, eraseProblem, pushCommand } from './push-command';
import { acceptNewKeys, openRemote } from './remote';
import { createReporter, type Reporter } from './report';

const byRow = (a: BatchProblemLine, b: BatchProblemLine) => (a.row ?? 0) - (b.row ?? 0);

/** The CSV's rows, or null once its problems are told by line. */
async function readRows(io: CliIo, out: Reporter, csv: string): Promise<BatchRow[] | null> {
  const parsed = parseBatchCsv(await readText(io, csv));
  if (parsed.ok) return parsed.rows;
  for (const p of parsed.problems) {
    out.problem(csvProblemLine(p, displayName(csv)));
    out.event({ type: 'batch.problem', ...p });
  }
  out.problem(problemsSummary(parsed.problems.length, displayName(csv)));
  return null;
}

/**
 * `cairn fleet PROFILE.json --batch FILE.csv`: the app's batch. The table
 * is checked as a whole by runs:check-batch (every problem by row and
 * column, nothing sent), then runs:start-batch installs each row's box with
 * its own profile, --parallel at a time. With --dry-run it stops after the
 * check, with one line per box.
 */
async function batchCommand(io: CliIo, args: ParsedArgs, csv: string): Promise<number> {
  const file = args.positional[0] ?? '-';
  const dryRun = args.flags.has('--dry-run');
  const profile = await requireValidProfile(io, file);
  const files: BatchFiles = { csv: displayName(csv), profile: displayName(file) };
  const rows = await readRows(io, createReporter(io, args.flags.has('--json')), csv);
  if (rows === null) return EXIT.failed;

  const env = io.env ?? {};
  const remote = await openRemote(io, args, []);
  const { backend, out } = remote;
  const login = { keyFile: args.values.get('--key'), env, platform: process.platform, sshConfig: sshConfigOf(env) };
  const rowBoxes = await useRowTargets(backend, rows, login);
  const batch: Batch = { hostname: args.values.get('--hostname') ?? '', ipv4Pool: args.values.get('--ipv4-pool') ?? '', rows };
  const profileId = backend.useProfile(profile);
  const checked = await backend.call('runs:check-batch', { profileId, batch });
  if (!checked.ok) return remote.refuse(null, checked.error);

  const problems = [...checked.value.problems, ...rowBoxes.problems].sort(byRow);
  if (problems.length > 0) {
    for (const p of problems) {
      out.problem(batchProblemLine(p, files));
      out.event({ type: 'batch.problem', ...p });
    }
    out.problem(problemsSummary(problems.length, files.csv));
    return EXIT.failed;
  }
  const { boxes, erases } = checked.value;
  formatBoxLines(boxes).forEach((line, n) => {
    const box = { type: 'box', ...boxes[n] };
    if (dryRun) out.answer(line, box);
    else {
      out.note(line);
      out.event(box);
    }
  });
  // Before any box is reached, even to trust its key.
  const erase = disksOf(args.lists.get('--erase') ?? []);
  const refusal = eraseProblem(erases, erase);
  if (refusal !== null) return remote.refuse(null, { code: 'confirmation-mismatch', message: refusal });
  if (dryRun) {
    out.note(dryRunSummary(boxes.length));
    return EXIT.done;
  }
  if (args.flags.has('--accept-new')) await acceptNewKeys(backend, out, rowBoxes.targets);
  const start = () => backend.call('runs:start-batch', { profileId, batch, confirmErase: erase, reboot: args.flags.has('--reboot'), concurrency: parallelOf(args) });
  return followFleet(
    io,
    remote,
    start,
    boxes.map((b) => b.hostname),
  );
}

/** `cairn fleet PROFILE.json TARGET... --dry-run`: the targets found, each with the profile's hostname and addresses; nothing contacted. */
async function targetsDryRun(io: CliIo, args: ParsedArgs): Promise<number> {
  const [file = '-', ...targetArgs] = args.positional;
  const profile = await requireValidProfile(io, file);
  const remote = await openRemote(io, args, targetArgs);
  const { backend, out, targets } = remote;
  const planned = await backend.call('runs:plan', { profileId: backend.useProfile(profile), targetIds: targets.map((t) => t.id), reboot: args.flags.has('--reboot') });
  if (!planned.ok) return remote.refuse(null, planned.error);
  const first = profile.interfaces[0];
  const addresses = first === undefined ? [] : [first.ipv4, first.ipv6].flatMap((v) => (v.mode === 'static' ? [`${v.address}/${v.prefix ?? ''}`] : []));
  const boxes = targets.map((t) => ({ target: t.name, hostname: profile.hostname, addresses }));
  formatBoxLines(boxes).forEach((line, n) => out.answer(line, { type: 'box', ...boxes[n] }));
  const refusal = eraseProblem(planned.value.erases, disksOf(args.lists.get('--erase') ?? []));
  if (refusal !== null) return remote.refuse(null, { code: 'confirmation-mismatch', message: refusal });
  out.note(dryRunSummary(boxes.length));
  return EXIT.done;
}

/**
 * `cairn fleet`: one profile on many boxes. With --batch, each row of the
 * CSV is a box with its own values (the app's batch); with targets, each
 * gets the profile as it is, which is `cairn push` with --parallel.
 */
export async function fleetCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const csv = args.values.get('--batch');
  if (csv !== undefined) return batchCommand(io, args, csv);
  return args.flags.has('--dry-run') ? targetsDryRun(io, args) : pushCommand(io, args);
}
