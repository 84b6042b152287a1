import { unlink } from 'node:fs/promises';
import type { BatchMedia, BatchMediaBox } from '../../shared/api/bootmedia';
import { fail, ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import type { Batch } from '../../shared/batch/batch';
import type { Profile } from '../../shared/profile';
import type { Log } from '../log';
import type { KnownHostsStore } from '../store/known-hosts';
import type { SshConfigSource } from '../store/ssh-config-import';
import type { TargetStore } from '../store/targets';
import { expandHome } from '../targets/login-methods';
import { planBatchMedia, type PlannedBox } from './batch-plan';
import { buildOverlay, writeFailure, type BuiltOverlay } from './build';
import { loginPublicKey } from './login-key';
import { inspectMedium, sweepPartials, writeToMedium } from './medium';

export interface BatchMediaDeps {
  targets: Pick<TargetStore, 'list' | 'save' | 'remove'>;
  knownHosts: Pick<KnownHostsStore, 'add' | 'remove'>;
  /** Where a row's Host alias is looked up, as a batch run does. */
  sshConfig?: SshConfigSource | undefined;
  homeDir: string;
  log: Log;
}

export interface BatchMediaRequest {
  profile: Profile;
  batch: Batch;
  /** The private key Cairn logs in with: its public half joins every box's authorized_keys and every row's target logs in with it. */
  keyPath?: string | undefined;
  /** Write over overlays of the same names already in the folder. */
  replaceExisting: boolean;
  /** How the person says "replace" where they are, for the sentence that refuses a folder holding the names already. */
  replaceHint: string;
  /** What to do where they are when no key would let anyone in to the boxes. */
  nobodyIn: string;
}

/** The folder to write into, asked only once the rows are fine; null when the person chose none. */
export type ChooseFolder = () => Promise<string | null>;

type Written = { box: PlannedBox; built: BuiltOverlay; path: string };

/** What was changed so far, to take back when a later step fails: a batch is written whole or not at all. */
function undoLog(deps: BatchMediaDeps) {
  const files: string[] = [];
  const targets: Array<{ saved: Target; previous: Target | null }> = [];
  const trusted: Array<{ host: string; port: number; keyType: string }> = [];
  return {
    files,
    targets,
    trusted,
    async undo() {
      for (const path of files) await unlink(path).catch(() => undefined);
      for (const t of targets) {
        // A saved target is put back as it was (the store keeps a pin it already had); a new one goes.
        if (t.previous === null) await deps.targets.remove(t.saved.id).catch(() => undefined);
        else await deps.targets.save(t.previous).catch(() => undefined);
      }
      for (const k of trusted) await deps.knownHosts.remove(k.host, k.port, k.keyType).catch(() => undefined);
    },
  };
}

/**
 * A batch's boot media: the rows checked as a whole (every problem by row
 * and column, nothing written), then the folder, then for each row
 * `<hostname>.apkovl.tar.gz` with its own values and a host key made for it.
 * Each row's target is saved with that key pinned (pointing at the box's
 * static address when it has one) and the key is trusted in Cairn's
 * known_hosts for where the box will answer, before any box is powered on.
 * A failure part-way takes back what was done.
 */
export async function writeBatchMedia(deps: BatchMediaDeps, request: BatchMediaRequest, chooseFolder: ChooseFolder): Promise<Result<BatchMedia>> {
  let loginKey: string | null = null;
  const keyPath = request.keyPath === undefined ? undefined : expandHome(request.keyPath, deps.homeDir);
  if (keyPath !== undefined) {
    const read = await loginPublicKey(keyPath);
    if (!read.ok) return read;
    loginKey = read.value;
  }
  const plan = await planBatchMedia(
    { profile: request.profile, batch: request.batch, loginKey, keyPath: request.keyPath, nobodyIn: request.nobodyIn },
    (await deps.targets.list()).targets,
    deps.sshConfig,
  );
  if (!plan.ok) return ok({ status: 'problems', problems: plan.problems });

  const folder = await chooseFolder();
  if (folder === null) return ok({ status: 'canceled' });
  const medium = await inspectMedium(folder, 'second-stick');
  if (medium.problem !== null) return fail('invalid-input', medium.problem, 'folder');
  const clashes = new Map(plan.boxes.flatMap((b) => medium.existingOverlays.filter((n) => n.toLowerCase() === b.fileName.toLowerCase()).map((n) => [b.fileName, n] as const)));
  if (clashes.size > 0 && !request.replaceExisting) {
    const names = [...clashes.values()];
    return fail('invalid-input', `${folder} already holds ${names.join(', ')}: choose an empty folder${request.replaceHint}.`, 'replaceExisting');
  }

  // Keys are made and archives built before anything is written, so a failure here leaves nothing behind.
  const built = await Promise.all(plan.boxes.map(async (box) => ({ box, built: await buildOverlay(box.profile, loginKey) })));
  const done = undoLog(deps);
  const written: Written[] = [];
  await sweepPartials(folder);
  for (const { box, built: overlay } of built) {
    try {
      const other = clashes.get(box.fileName);
      // Only a same-named file that differs in case is left to remove; the same name is written over.
      const path = await writeToMedium(folder, box.fileName, overlay.archive, other === undefined ? [] : [other]);
      done.files.push(path);
      written.push({ box, built: overlay, path });
    } catch (error) {
      await done.undo();
      return fail('io-failed', `Cairn could not write ${box.fileName} to ${folder} (${writeFailure(error)}); none of the batch's overlays were left there.`, 'folder');
    }
  }

  const boxes: BatchMediaBox[] = [];
  for (const { box, built: overlay, path } of written) {
    const { hostKey } = overlay;
    const saved = await deps.targets.save({ ...box.target, hostKey: { keyType: hostKey.type, key: hostKey.base64, fingerprint: hostKey.fingerprint } });
    if (!saved.ok) {
      await done.undo();
      return fail(saved.error.code, `Row ${box.row}, target: ${saved.error.message} Nothing of the batch was kept.`, 'batch');
    }
    done.targets.push({ saved: saved.value, previous: box.previous });
    const { host, port } = saved.value;
    try {
      await deps.knownHosts.add(host, port, hostKey.type, hostKey.base64);
    } catch (error) {
      await done.undo();
      return fail(
        'io-failed',
        `Cairn could not trust row ${box.row}'s host key for ${host} (${error instanceof Error ? error.message : String(error)}); nothing of the batch was kept.`,
        'batch',
      );
    }
    done.trusted.push({ host, port, keyType: hostKey.type });
    boxes.push({
      row: box.row,
      hostname: box.profile.hostname,
      fileName: box.fileName,
      overlayPath: path,
      keyType: hostKey.type,
      fingerprint: hostKey.fingerprint,
      trustedHost: host,
      trustedPort: port,
      targetId: saved.value.id,
      targetName: saved.value.name,
    });
  }
  for (const b of boxes)
    deps.log.info(`Wrote ${b.overlayPath} for row ${b.row}; its host key ${b.fingerprint} is trusted for ${b.trustedHost} port ${b.trustedPort} (target ${b.targetName}).`);
  return ok({ status: 'written', folder, boxes, replaced: [...clashes.values()] });
}
