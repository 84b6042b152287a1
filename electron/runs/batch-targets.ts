import { relative, sep } from 'node:path';
import type { Target } from '../../shared/api/targets';
import type { BatchProblem, BatchRow } from '../../shared/batch/batch';
import { parseHop } from '../../shared/targets/jump-spec';
import { readSshConfig, type SshConfigImport, type SshConfigSource } from '../store/ssh-config-import';
import type { TargetDraft } from '../store/targets';

/** A row's box: a saved target, or one to save (from `user@host[:port]` or a ~/.ssh/config alias) when the batch starts. */
export type RowTarget = { saved: Target } | { draft: TargetDraft };

type Aliases = { ok: true; config: SshConfigImport } | { ok: false; reason: string };

/** The config's path as people write it: ~/.ssh/config when it is under the home folder. */
const shown = (source: SshConfigSource) => {
  const inside = relative(source.homeDir, source.path);
  return inside !== '' && !inside.startsWith('..') ? `~/${inside.split(sep).join('/')}` : source.path;
};

/** The config's Host aliases; a missing file has none, as ssh reads it. */
async function readAliases(source: SshConfigSource): Promise<Aliases> {
  try {
    return { ok: true, config: await readSshConfig(source) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, config: { drafts: [], skipped: [] } };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Where a row's box is reached, to find two rows naming the same box by different names. */
const boxKey = (t: RowTarget) =>
  'saved' in t ? `id ${t.saved.id}` : `${t.draft.user}@${t.draft.host}:${t.draft.port} via ${(t.draft.jump ?? []).map((j) => `${j.user}@${j.host}:${j.port}`).join(',')}`;

/**
 * Reads each row's target cell, in this order: a saved target's name (any
 * case) or id; `user@host[:port]`, which becomes a new target logging in
 * with the SSH agent; or a Host alias of the SSH client config (with its
 * Include files), which logs in as ssh would: its HostName, User, Port,
 * IdentityFile and ProxyJump. New targets are tagged "batch" so they can be
 * found again. The config is read only when a row needs it. A name none of
 * these knows, and two rows reaching the same box, are named with their row.
 */
export async function rowTargets(rows: readonly BatchRow[], saved: readonly Target[], sshConfig?: SshConfigSource): Promise<{ targets: RowTarget[]; problems: BatchProblem[] }> {
  const problems: BatchProblem[] = [];
  let aliases: Aliases | null = null;
  const targets: RowTarget[] = [];
  for (const [n, r] of rows.entries()) {
    const cell = r.target.trim();
    const row = n + 2;
    const named = saved.find((t) => t.id === cell || t.name.toLowerCase() === cell.toLowerCase());
    if (named !== undefined) {
      targets.push({ saved: named });
      continue;
    }
    const hop = cell.includes('@') ? parseHop(cell) : null;
    if (hop !== null) {
      const known = saved.find((t) => t.host === hop.host && t.port === (hop.port ?? 22) && t.user === hop.user);
      targets.push(
        known !== undefined ? { saved: known } : { draft: { name: cell, host: hop.host, port: hop.port ?? 22, user: hop.user ?? 'root', auth: 'agent', tags: ['batch'] } },
      );
      continue;
    }
    const unknown: TargetDraft = { name: cell, host: cell, port: 22, user: 'root', auth: 'agent', tags: ['batch'] };
    if (cell === '') {
      targets.push({ draft: unknown });
      continue;
    }
    if (sshConfig === undefined) {
      problems.push({ row, column: 'target', message: `No saved target is named “${cell}”: write its name as Targets lists it, or user@host[:port].` });
      targets.push({ draft: unknown });
      continue;
    }
    aliases ??= await readAliases(sshConfig);
    const where = shown(sshConfig);
    if (!aliases.ok) {
      problems.push({
        row,
        column: 'target',
        message: `No saved target is named “${cell}”, and ${where} could not be read (${aliases.reason}): write the name as Targets lists it, or user@host[:port].`,
      });
      targets.push({ draft: unknown });
      continue;
    }
    // ssh matches Host aliases without regard to case, as it lowercases the name it is given.
    const same = (name: string) => name.toLowerCase() === cell.toLowerCase();
    const alias = aliases.config.drafts.find((d) => same(d.name));
    const skipped = aliases.config.skipped.find((s) => same(s.host));
    if (alias !== undefined) targets.push({ draft: { ...alias, tags: [...new Set(['batch', ...alias.tags])] } });
    else {
      problems.push({
        row,
        column: 'target',
        message:
          skipped !== undefined
            ? `“${cell}” in ${where} cannot be used: ${skipped.reason}`
            : `No saved target is named “${cell}”, and ${where} has no Host ${cell}: write its name as Targets lists it, user@host[:port], or a Host alias from ${where}.`,
      });
      targets.push({ draft: unknown });
    }
  }
  // The same cell twice is the batch's own duplicate rule; this finds one box under two names.
  const first = new Map<string, number>();
  for (const [n, t] of targets.entries()) {
    const cell = rows[n]?.target.trim().toLowerCase() ?? '';
    if (cell === '' || problems.some((p) => p.row === n + 2)) continue;
    const key = boxKey(t);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, n);
    else if ((rows[seen]?.target.trim().toLowerCase() ?? '') !== cell)
      problems.push({ row: n + 2, column: 'target', message: `Row ${seen + 2} (${rows[seen]?.target.trim() ?? ''}) reaches the same box; name each box once.` });
  }
  return { targets, problems };
}
