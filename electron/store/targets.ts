import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result, type StoreProblem } from '../../shared/api/result';
import { targetSchema, type SkippedHost, type Target } from '../../shared/api/targets';
import { sweepTempFiles } from './atomic-write';
import { serial } from './serial';
import { readVersioned, writeVersioned, type FileFormat } from './versioned-file';

// All targets in one small file: a target is a handful of fields and the list
// is read whole by every screen that shows it. Secrets are never in here.

const FORMAT: FileFormat<{ targets: Target[] }> = {
  what: 'target list',
  version: 1,
  schema: z.object({ targets: z.array(targetSchema) }),
};

/** A target to store: new when it has no id. */
export type TargetDraft = Omit<Target, 'id'> & { id?: string | undefined };

export interface TargetStore {
  list(): Promise<{ targets: Target[]; problems: StoreProblem[] }>;
  get(id: string): Promise<Result<Target>>;
  save(target: TargetDraft): Promise<Result<Target>>;
  remove(id: string): Promise<Result<{ id: string }>>;
  /** Adds the drafts whose names are free; the others come back as skipped. `dryRun` only reports. */
  addMany(drafts: TargetDraft[], options?: { dryRun?: boolean }): Promise<{ added: TargetDraft[]; skipped: SkippedHost[] }>;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createTargetStore(file: string, now: () => Date = () => new Date()): TargetStore {
  const exclusive = serial();
  const ready = sweepTempFiles(dirname(file));

  const load = async (): Promise<{ targets: Target[]; problems: StoreProblem[]; writable: boolean }> => {
    await ready;
    const outcome = await readVersioned(file, FORMAT, now());
    switch (outcome.state) {
      case 'ok':
        return { targets: outcome.data.targets, problems: [], writable: true };
      case 'missing':
        return { targets: [], problems: [], writable: true };
      case 'corrupt':
        return { targets: [], problems: [outcome.problem], writable: true };
      case 'newer':
        return { targets: [], problems: [outcome.problem], writable: false };
    }
  };

  // Writing over a newer Cairn's file would lose what it holds; refuse instead.
  const loadForWrite = async (): Promise<Result<Target[]>> => {
    const current = await load();
    if (!current.writable) return fail('newer-format', current.problems[0]?.message ?? 'The target list was saved by a newer Cairn.');
    return ok(current.targets);
  };

  const list = async () => {
    const { targets, problems } = await load();
    return { targets: [...targets].sort((a, b) => a.name.localeCompare(b.name)), problems };
  };

  const get = async (id: string): Promise<Result<Target>> => {
    const found = (await load()).targets.find((t) => t.id === id);
    return found === undefined ? fail('not-found', 'This target no longer exists; it may have been removed.') : ok(found);
  };

  const save = (draft: TargetDraft) =>
    exclusive(async (): Promise<Result<Target>> => {
      const current = await loadForWrite();
      if (!current.ok) return current;
      const targets = current.value;
      if (draft.id !== undefined && !targets.some((t) => t.id === draft.id)) {
        return fail('not-found', 'This target no longer exists; it may have been removed.');
      }
      if (targets.some((t) => t.id !== draft.id && sameName(t.name, draft.name))) {
        return fail('invalid-input', `A target named "${draft.name}" already exists; choose another name.`, 'target.name');
      }
      // The window's edit form does not carry the key a boot medium pinned; editing the address keeps it.
      const pinned = draft.hostKey ?? targets.find((t) => t.id === draft.id)?.hostKey;
      const target: Target = { ...draft, id: draft.id ?? randomUUID(), ...(pinned === undefined ? {} : { hostKey: pinned }) };
      const next = draft.id === undefined ? [...targets, target] : targets.map((t) => (t.id === target.id ? target : t));
      await writeVersioned(file, FORMAT, { targets: next });
      return ok(target);
    });

  const remove = (id: string) =>
    exclusive(async (): Promise<Result<{ id: string }>> => {
      const current = await loadForWrite();
      if (!current.ok) return current;
      if (!current.value.some((t) => t.id === id)) return fail('not-found', 'This target no longer exists; it may have been removed.');
      await writeVersioned(file, FORMAT, { targets: current.value.filter((t) => t.id !== id) });
      return ok({ id });
    });

  const addMany = (drafts: TargetDraft[], options: { dryRun?: boolean } = {}) =>
    exclusive(async () => {
      const current = await loadForWrite();
      if (!current.ok) return { added: [], skipped: drafts.map((d) => ({ host: d.name, reason: current.error.message })) };
      const next = [...current.value];
      const added: TargetDraft[] = [];
      const skipped: SkippedHost[] = [];
      for (const draft of drafts) {
        if (next.some((t) => sameName(t.name, draft.name))) {
          skipped.push({ host: draft.name, reason: 'A target with this name already exists.' });
          continue;
        }
        const target: Target = { ...draft, id: randomUUID() };
        next.push(target);
        added.push(options.dryRun === true ? draft : target);
      }
      if (added.length > 0 && options.dryRun !== true) await writeVersioned(file, FORMAT, { targets: next });
      return { added, skipped };
    });

  return { list, get, save, remove, addMany };
}
