import { knownHostNameProblem } from '../../shared/api/known-hosts';
import { targetInputSchema, type Target } from '../../shared/api/targets';
import { expandBatch, type Batch, type BatchProblem } from '../../shared/batch/batch';
import { batchOverlayProblems, overlayFileName, staticAddressOf } from '../../shared/bootmedia';
import type { Profile } from '../../shared/profile';
import { rowTargets } from '../runs/batch-targets';
import type { SshConfigSource } from '../store/ssh-config-import';
import type { TargetDraft } from '../store/targets';

/** One row's box as its medium will start it: its profile, its file, where it will answer and the target that reaches it. */
export interface PlannedBox {
  row: number;
  profile: Profile;
  fileName: string;
  /** The target as it will be saved (before its key is pinned). */
  target: TargetDraft;
  /** The saved target it updates, to put back if the batch cannot finish; null for a new one. */
  previous: Target | null;
}

export type BatchPlan = { ok: true; boxes: PlannedBox[] } | { ok: false; problems: BatchProblem[] };

const PASSWORD_LOGINS = new Set(['password', 'keyboard-interactive']);

/**
 * Every row of the batch as a box to start from a medium, or every problem
 * at once by row and column: the batch's own rules (shared/batch), each
 * row's target (as a batch run finds it), what a medium needs of each row's
 * profile, and that no two boxes would answer at the same address. Nothing
 * is written here.
 */
export async function planBatchMedia(
  input: { profile: Profile; batch: Batch; loginKey: string | null; keyPath: string | undefined; nobodyIn: string },
  saved: readonly Target[],
  sshConfig: SshConfigSource | undefined,
): Promise<BatchPlan> {
  const expanded = expandBatch(input.profile, input.batch);
  const resolved = await rowTargets(input.batch.rows, saved, sshConfig);
  const problems: BatchProblem[] = [...(expanded.ok ? [] : expanded.problems), ...resolved.problems];
  problems.push(...batchOverlayProblems(input.profile, expanded.ok ? expanded.boxes : [], input.loginKey, { nobodyIn: input.nobodyIn }));
  // Told even when the table has other problems: it is the row's target, not its values.
  resolved.targets.forEach((found, n) => {
    const base = 'saved' in found ? found.saved : found.draft;
    if (input.keyPath === undefined && PASSWORD_LOGINS.has(base.auth))
      problems.push({
        row: n + 2,
        column: 'target',
        message: `“${base.name}” logs in with a password, but a box started from a boot medium lets only SSH keys in: log in to it with a key file or the SSH agent.`,
      });
  });
  if (!expanded.ok) return { ok: false, problems: sorted(problems) };

  const boxes: PlannedBox[] = [];
  const firstAt = new Map<string, number>();
  for (const [n, box] of expanded.boxes.entries()) {
    const found = resolved.targets[n];
    const problem = (column: BatchProblem['column'], message: string) => problems.push({ row: box.row, column, message });
    if (found === undefined || problems.some((p) => p.row === box.row && p.column === 'target')) continue;
    const base = 'saved' in found ? found.saved : found.draft;
    const fixed = staticAddressOf(box.profile);
    // The box answers at its static address once booted; without one, where its target already points (a name DHCP registers, a reserved lease).
    const host = fixed ?? base.host;
    const login = input.keyPath === undefined ? {} : { auth: 'key' as const, keyPath: input.keyPath };
    const hostProblem = knownHostNameProblem(host);
    if (hostProblem !== null) problem(fixed === null ? 'target' : 'ipv4', `Cairn cannot trust a host key for “${host}”: ${hostProblem}`);
    const target = { ...base, ...login, host };
    const checked = targetInputSchema.safeParse(target);
    if (!checked.success) problem('target', checked.error.issues[0]?.message ?? 'This is not a target Cairn can save.');
    const at = `${host.toLowerCase()} port ${target.port}`;
    const seen = firstAt.get(at);
    if (seen !== undefined)
      problem(
        fixed === null ? 'target' : 'ipv4',
        `Row ${seen}'s box will answer at the same address (${at}); each box needs its own, or Cairn could not tell their host keys apart.`,
      );
    else firstAt.set(at, box.row);
    boxes.push({ row: box.row, profile: box.profile, fileName: overlayFileName(box.profile.hostname), target, previous: 'saved' in found ? found.saved : null });
  }
  return problems.length > 0 ? { ok: false, problems: sorted(problems) } : { ok: true, boxes };
}

const sorted = (problems: BatchProblem[]) => [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
