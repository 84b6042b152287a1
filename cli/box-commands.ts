import type { ResponseOf, ResultOf } from '../shared/api/channels';
import type { ChannelName } from '../shared/api/names';
import type { Target } from '../shared/api/targets';
import { mapPooled } from '../electron/runs/pool';
import type { ParsedArgs } from './args';
import { formatFacts, formatLbuChanges, formatPackages, formatServices } from './format-box';
import type { CliIo } from './inputs';
import { BOXES_AT_ONCE, firstFailure, openBoxes, type Remote } from './remote';

// facts, services, packages and lbu: each calls the boxes service the Boxes
// screen calls, through the same handler table. Reads change nothing; actions
// are runs, kept in the data folder's runs like the app's.

const addressOf = (t: Target) => `${t.user}@${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;

/** `cairn facts TARGET...`: every box read at once (a few at a time), answered in the order given. */
export async function factsCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const remote = await openBoxes(io, args, args.positional);
  const { backend, out, targets } = remote;
  const answers = await mapPooled(targets, BOXES_AT_ONCE, (t) => backend.call('boxes:facts', { targetId: t.id }));
  const codes = answers.map((answer, i) => {
    const target = targets[i] as Target;
    if (!answer.ok) return remote.refuse(target, answer.error);
    const { facts, refreshedAt } = answer.value;
    const address = addressOf(target);
    const heading = `${i === 0 ? '' : '\n'}${target.name === address ? address : `${target.name} (${address})`}`;
    out.answer(formatFacts(heading, facts), { type: 'facts', targetId: target.id, target: target.name, refreshedAt, facts });
    return 0;
  });
  return firstFailure(codes);
}

/**
 * Runs one box action: its live output to stderr (or as JSON events), Ctrl-C
 * stopping it as the app's Stop button does, and its answer or refusal.
 */
async function act<C extends Extract<ChannelName, `boxes:${string}`>>(
  io: CliIo,
  remote: Remote,
  target: Target,
  request: () => Promise<ResultOf<C>>,
  answer: (value: ResponseOf<C>) => [text: string, object: { readonly type: string } & object],
): Promise<number> {
  const { backend, out } = remote;
  const runs = new Set<string>();
  const stopListening = backend.onEvent((event, payload) => {
    if (event !== 'boxes.output') return;
    const output = payload as { runId: string; targetId: string; action: string; text: string };
    runs.add(output.runId);
    out.event({ type: event, ...output });
    if (!out.json && output.text !== '') io.stderr(output.text);
  });
  const stopCatching = io.onInterrupt?.(() => {
    out.note('Stopping…');
    for (const runId of runs) void backend.call('boxes:cancel', { runId });
  });
  try {
    const result = await request();
    if (!result.ok) return remote.refuse(target, result.error);
    const [text, object] = answer(result.value);
    out.answer(text, { ...object, targetId: target.id, target: target.name });
    return 0;
  } finally {
    stopListening();
    stopCatching?.();
  }
}

const PAST: Record<string, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

/** `cairn services TARGET [list | start|stop|restart NAME]`. */
export async function servicesCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const [targetArg = '', action = 'list', name = ''] = args.positional;
  const remote = await openBoxes(io, args, [targetArg]);
  const target = remote.targets[0] as Target;
  if (action === 'list') {
    const listed = await remote.backend.call('boxes:services', { targetId: target.id });
    if (!listed.ok) return remote.refuse(target, listed.error);
    remote.out.answer(formatServices(listed.value.services), { type: 'services', targetId: target.id, target: target.name, ...listed.value });
    return 0;
  }
  const verb = action as 'start' | 'stop' | 'restart';
  return act<'boxes:service-action'>(
    io,
    remote,
    target,
    () => remote.backend.call('boxes:service-action', { targetId: target.id, name, action: verb }),
    // A risky stop or restart runs guarded: the box may have undone it, and then it was not done.
    (done) => [
      done.guarded === undefined ? `${PAST[verb]} ${done.name} on ${target.name} (run ${done.runId}).` : `${done.guarded.summary} (run ${done.runId}).`,
      { type: 'service-action', ...done },
    ],
  );
}

/** `cairn packages TARGET [list | add|del NAME...]`. */
export async function packagesCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const [targetArg = '', action = 'list', ...names] = args.positional;
  const remote = await openBoxes(io, args, [targetArg]);
  const target = remote.targets[0] as Target;
  const { backend, out } = remote;
  if (action === 'list') {
    const listed = await backend.call('boxes:packages', { targetId: target.id });
    if (!listed.ok) return remote.refuse(target, listed.error);
    out.answer(formatPackages(listed.value.packages), { type: 'packages', targetId: target.id, target: target.name, ...listed.value });
    return 0;
  }
  const summary = (s: string | null) => (s === null ? '' : `\n${s}`);
  if (action === 'add')
    return act<'boxes:add-packages'>(
      io,
      remote,
      target,
      () => backend.call('boxes:add-packages', { targetId: target.id, names }),
      (done) => [`Installed ${done.names.join(', ')} on ${target.name} (run ${done.runId}).${summary(done.summary)}`, { type: 'packages-added', ...done }],
    );
  return act<'boxes:remove-packages'>(
    io,
    remote,
    target,
    () => backend.call('boxes:remove-packages', { targetId: target.id, names }),
    (done) => [`Removed ${done.names.join(', ')} from ${target.name} (run ${done.runId}).${summary(done.summary)}`, { type: 'packages-removed', ...done }],
  );
}

/** `cairn lbu TARGET [status | commit [-m MESSAGE]]`. */
export async function lbuCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const [targetArg = '', action = 'status'] = args.positional;
  const remote = await openBoxes(io, args, [targetArg]);
  const target = remote.targets[0] as Target;
  const { backend, out } = remote;
  if (action === 'status') {
    const status = await backend.call('boxes:lbu-status', { targetId: target.id });
    if (!status.ok) return remote.refuse(target, status.error);
    out.answer(formatLbuChanges(status.value.changes), { type: 'lbu-status', targetId: target.id, target: target.name, ...status.value });
    return 0;
  }
  const message = args.values.get('-m') ?? args.values.get('--message') ?? '';
  return act<'boxes:lbu-commit'>(
    io,
    remote,
    target,
    () => backend.call('boxes:lbu-commit', { targetId: target.id, message }),
    (done) => [`Saved the configuration of ${target.name} with lbu commit (run ${done.runId}).`, { type: 'lbu-commit', ...done }],
  );
}

/** The shape of each box command's arguments after TARGET, checked before anything is opened; a sentence when wrong. */
export function boxArgsProblem(command: string, args: ParsedArgs): string | null {
  const [, action, ...rest] = args.positional;
  const actions: Record<string, Record<string, [min: number, max: number, what: string]>> = {
    services: { list: [0, 0, ''], start: [1, 1, 'one service name'], stop: [1, 1, 'one service name'], restart: [1, 1, 'one service name'] },
    packages: { list: [0, 0, ''], add: [1, 100, 'the package names'], del: [1, 100, 'the package names'] },
    lbu: { status: [0, 0, ''], commit: [0, 0, ''] },
  };
  const known = actions[command];
  if (known === undefined || action === undefined) return null;
  const shape = known[action];
  if (shape === undefined) return `cairn ${command}: "${action}" is not one of ${Object.keys(known).join(', ')}.`;
  const [min, max, what] = shape;
  if (rest.length < min) return `cairn ${command} ${action} needs ${what}.`;
  if (rest.length > max)
    return max === 0 ? `cairn ${command} ${action} takes nothing after it (got ${rest.join(' ')}).` : `cairn ${command} ${action} takes ${what} (got ${rest.length}).`;
  if (command === 'lbu' && action === 'status' && (args.values.has('-m') || args.values.has('--message'))) return 'cairn lbu: -m MESSAGE goes with commit.';
  return null;
}
