import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ansibleExport, type BoxConnection, type TrustedKey } from '../../shared/ansible';
import type { Target } from '../../shared/api/targets';
import { fail, ok, type Result } from '../../shared/api/result';
import type { Batch, BatchProblem } from '../../shared/batch/batch';
import type { Profile } from '../../shared/profile';
import { rowTargets } from '../runs/batch-targets';
import { writeFileAtomic } from '../store/atomic-write';
import type { KnownHostsStore } from '../store/known-hosts';
import type { ProfileStore } from '../store/profiles';
import type { SshConfigSource } from '../store/ssh-config-import';
import type { TargetStore } from '../store/targets';

export interface AnsibleExportDeps {
  targets: Pick<TargetStore, 'list'>;
  knownHosts: Pick<KnownHostsStore, 'list'>;
  /** Where a batch row's Host alias is looked up, as a batch run does. */
  sshConfig?: SshConfigSource;
}

export interface AnsibleExportRequest {
  profile: Profile;
  batch: Batch | null;
  folder: string;
  /** Write into a folder that already holds files, replacing those the export writes. */
  replace: boolean;
  /** How the person says "replace" where they are (`add --force`), for the sentence that refuses a full folder. */
  replaceHint: string;
}

export interface AnsibleExported {
  folder: string;
  /** The files written, relative to the folder. */
  files: string[];
  /** The inventory's hosts. */
  boxes: string[];
  /** What the playbook could not express, as its top comment lists it. */
  notExpressed: string[];
}

const where = (p: BatchProblem) => `${p.row === null ? '' : `Row ${p.row}, `}${p.column === 'profile' ? '' : `${p.column}: `}${p.message}`;

const connectionOf = (t: Pick<Target, 'host' | 'port' | 'user' | 'jump' | 'auth' | 'keyPath'>): BoxConnection => ({
  host: t.host,
  port: t.port,
  user: t.user,
  jump: t.jump ?? [],
  auth: t.auth,
  keyPath: t.keyPath ?? null,
});

/** Each row's target, as a batch run would reach it; the rows Cairn cannot resolve, by row. */
async function connections(deps: AnsibleExportDeps, batch: Batch | null): Promise<Result<BoxConnection[]>> {
  if (batch === null) return ok([]);
  const saved = (await deps.targets.list()).targets;
  const resolved = await rowTargets(batch.rows, saved, deps.sshConfig);
  if (resolved.problems.length > 0) return fail('invalid-input', resolved.problems.map(where).join(' '), 'batch');
  return ok(resolved.targets.map((t) => connectionOf('saved' in t ? t.saved : t.draft)));
}

/** Cairn's trust: its known_hosts, and the key a boot medium gave a saved target (trusted wherever the box turns up). */
async function trustedKeys(deps: AnsibleExportDeps): Promise<TrustedKey[]> {
  const pinned = (await deps.targets.list()).targets.flatMap((t) =>
    t.hostKey === undefined ? [] : [{ host: t.host, port: t.port, keyType: t.hostKey.keyType, key: t.hostKey.key }],
  );
  const stored = (await deps.knownHosts.list()).map((e) => ({ host: e.host, port: e.port, keyType: e.keyType, key: e.key }));
  return [...stored, ...pinned];
}

/** Null when the folder may be written; else why not. A missing folder is made. */
async function folderProblem(folder: string, replace: boolean, replaceHint: string): Promise<string | null> {
  const found = await stat(folder).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
  if (found === null) return null;
  if (!found.isDirectory()) return `${folder} is a file, not a folder; choose a folder for the export.`;
  const names = await readdir(folder);
  if (names.length === 0 || replace) return null;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return `${folder} is not empty (it holds ${shown}); export into an empty folder${replaceHint}.`;
}

/**
 * Writes the Ansible export of a profile (and a batch of boxes) into a
 * folder: the targets resolved as a batch run resolves them, the host keys
 * Cairn trusts for them, every file readable by its owner only (0600, folders
 * 0700). A folder that already holds files is refused unless `replace`.
 */
export async function exportAnsible(deps: AnsibleExportDeps, request: AnsibleExportRequest): Promise<Result<AnsibleExported>> {
  const { profile, batch, folder } = request;
  const reached = await connections(deps, batch);
  if (!reached.ok) return reached;
  const built = ansibleExport(profile, { batch, connections: reached.value, knownHosts: await trustedKeys(deps) });
  if (!built.ok) return fail(batch === null ? 'invalid-profile' : 'invalid-input', built.problems.map(where).join(' '), batch === null ? 'profile' : 'batch');
  const problem = await folderProblem(folder, request.replace, request.replaceHint);
  if (problem !== null) return fail('invalid-input', problem, 'folder');
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    for (const [path, file] of built.files) {
      const target = join(folder, path);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await writeFileAtomic(target, file.content, file.mode);
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    return fail('io-failed', `The export could not be written to ${folder} (${reason}); choose a folder you may write to.`, 'folder');
  }
  return ok({ folder, files: [...built.files.keys()], boxes: built.boxes, notExpressed: built.notExpressed });
}

/** The export as the window asks for it: a saved profile by id, into the folder the person chose. */
export interface AnsibleExporter {
  export(request: { profileId: string; batch: Batch | null; folder: string }): Promise<Result<AnsibleExported>>;
}

export function createAnsibleExporter(deps: AnsibleExportDeps & { profiles: Pick<ProfileStore, 'get'> }): AnsibleExporter {
  return {
    export: async ({ profileId, batch, folder }) => {
      const stored = await deps.profiles.get(profileId);
      if (!stored.ok) return fail(stored.error.code, `${stored.error.message} Save the profile and export again.`, 'profileId');
      // The window offers no "replace": a folder with files in it is a mistake more often than a wish.
      return exportAnsible(deps, { profile: stored.value.profile, batch, folder, replace: false, replaceHint: ', or make a new one in the dialog' });
    },
  };
}
