import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchMedia, MediumReport, Prepared } from '../../shared/api/bootmedia';
import type { z } from 'zod';
import type { prepareBatchRequestSchema, prepareRequestSchema } from '../../shared/api/bootmedia';
import { fail, ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { MEDIA, afterInstallNote, overlayFileName, overlayProblems, staticAddressOf, type MediumKind } from '../../shared/bootmedia';
import type { Profile } from '../../shared/profile';
import type { Log } from '../log';
import type { KnownHostsStore } from '../store/known-hosts';
import type { ProfileStore } from '../store/profiles';
import type { SshConfigSource } from '../store/ssh-config-import';
import type { TargetStore } from '../store/targets';
import { expandHome } from '../targets/login-methods';
import { writeBatchMedia, type ChooseFolder } from './batch-media';
import { buildOverlay, writeFailure } from './build';
import { loginPublicKey } from './login-key';
import { inspectMedium, sweepPartials, writeToMedium } from './medium';

export type PrepareRequest = z.output<typeof prepareRequestSchema>;
export type PrepareBatchRequest = Omit<z.output<typeof prepareBatchRequestSchema>, 'folder'>;

export interface BootMediaDeps {
  profiles: Pick<ProfileStore, 'get'>;
  targets: TargetStore;
  knownHosts: Pick<KnownHostsStore, 'add' | 'remove'>;
  /** Where a batch row's Host alias is looked up, as a batch run does. */
  sshConfig?: SshConfigSource;
  homeDir: string;
  log: Log;
}

export interface BootMediaService {
  inspect(folder: string, medium: MediumKind): Promise<MediumReport>;
  prepare(request: PrepareRequest): Promise<Result<Prepared>>;
  /** One overlay per row of a batch into the folder `chooseFolder` gives, asked once every row is fine. */
  prepareBatch(request: PrepareBatchRequest, chooseFolder: ChooseFolder): Promise<Result<BatchMedia>>;
}

/** Where Cairn first looks for the box: its static address when the profile gives one, else its name (DHCP servers often register it). */
const firstHost = (profile: Profile): string => staticAddressOf(profile) ?? profile.hostname;

const NOBODY_IN_BATCH = 'The boxes would let nobody in: add your public key for root in the profile’s “User and SSH keys” step and save it, then make the boot media again.';

function profileRefusal(profile: Profile, problem: { path: string; message: string }) {
  if (problem.path === 'loginKey') return fail('invalid-input', problem.message, 'keyPath');
  return fail(
    'invalid-profile',
    `The profile "${profile.name}" cannot start a box from a medium yet: ${problem.message} Fix it in the wizard (${problem.path}), then prepare the medium again.`,
    'profileId',
  );
}

export function createBootMediaService(deps: BootMediaDeps): BootMediaService {
  const { targets, knownHosts, log } = deps;

  /** The target for this box: the one already named after it, updated, or a new one. */
  async function saveTarget(profile: Profile, request: PrepareRequest, hostKey: NonNullable<Target['hostKey']>): Promise<Result<Target>> {
    const existing = (await targets.list()).targets.find((t) => t.name.toLowerCase() === profile.hostname.toLowerCase());
    const login = request.keyPath === undefined ? { auth: 'agent' as const } : { auth: 'key' as const, keyPath: request.keyPath };
    const { keyPath: _old, ...kept } = existing ?? { tags: [] as string[] };
    return targets.save({
      ...kept,
      ...(existing === undefined ? {} : { id: existing.id }),
      name: existing?.name ?? profile.hostname,
      host: firstHost(profile),
      port: request.port,
      user: request.user,
      ...login,
      tags: existing?.tags ?? [],
      hostKey,
    });
  }

  return {
    inspect: (folder, medium) => inspectMedium(folder, medium),

    async prepareBatch({ profileId, batch, keyPath, replaceExisting }, chooseFolder) {
      const stored = await deps.profiles.get(profileId);
      if (!stored.ok) return fail(stored.error.code, stored.error.message, 'profileId');
      const request = { profile: stored.value.profile, batch, keyPath, replaceExisting, replaceHint: ', or remove those files first', nobodyIn: NOBODY_IN_BATCH };
      return writeBatchMedia({ targets, knownHosts, sshConfig: deps.sshConfig, homeDir: deps.homeDir, log }, request, chooseFolder);
    },

    async prepare(request) {
      const stored = await deps.profiles.get(request.profileId);
      if (!stored.ok) return fail(stored.error.code, stored.error.message, 'profileId');
      const profile = stored.value.profile;

      let loginKey: string | null = null;
      if (request.keyPath !== undefined) {
        const read = await loginPublicKey(expandHome(request.keyPath, deps.homeDir));
        if (!read.ok) return read;
        loginKey = read.value;
      }
      const problem = overlayProblems(profile, loginKey)[0];
      if (problem !== undefined) return profileRefusal(profile, problem);

      const medium = await inspectMedium(request.folder, request.medium);
      if (medium.problem !== null) return fail('invalid-input', medium.problem, 'folder');
      const fileName = overlayFileName(profile.hostname);
      if (medium.existingOverlays.length > 0 && !request.replaceExisting) {
        const listed = medium.existingOverlays.join(', ');
        return fail(
          'invalid-input',
          `The medium already holds ${listed}. At boot the first overlay found wins, so the box might not start Cairn's. Choose "Replace the overlay already there" to remove ${medium.existingOverlays.length === 1 ? 'it' : 'them'}, or use another medium.`,
          'replaceExisting',
        );
      }

      const { archive, hostKey } = await buildOverlay(profile, loginKey);

      await sweepPartials(request.folder);
      let overlayPath: string;
      try {
        overlayPath = await writeToMedium(request.folder, fileName, archive, medium.existingOverlays);
      } catch (error) {
        return fail('io-failed', `Cairn could not write ${fileName} to ${request.folder} (${writeFailure(error)}); nothing was left on the medium.`, 'folder');
      }

      const pinned = { keyType: hostKey.type, key: hostKey.base64, fingerprint: hostKey.fingerprint };
      const target = await saveTarget(profile, request, pinned);
      if (!target.ok) {
        // A medium whose key no target knows would only lead to a trust prompt later: take it back.
        await unlink(join(request.folder, fileName)).catch(() => undefined);
        return target;
      }
      // The pin on the target already refuses any other key; known_hosts only spares the check at the first address.
      await knownHosts.add(target.value.host, target.value.port, hostKey.type, hostKey.base64).catch((error: unknown) => {
        log.warn(`Could not add ${hostKey.fingerprint} to Cairn's known hosts for ${target.value.host}`, error);
      });
      log.info(`Wrote ${overlayPath} for ${profile.hostname}; its host key ${hostKey.fingerprint} is trusted for target ${target.value.name}.`);
      return ok({
        overlayPath,
        fileName,
        keyType: hostKey.type,
        fingerprint: hostKey.fingerprint,
        target: target.value,
        replaced: medium.existingOverlays.filter((n) => n !== fileName),
        steps: MEDIA[request.medium].steps(fileName),
        afterInstall: afterInstallNote(profile.disk.mode !== 'sys', fileName),
      });
    },
  };
}
