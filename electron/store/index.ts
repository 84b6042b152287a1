import { mkdir } from 'node:fs/promises';
import { createKnownHostsStore, type KnownHostsStore } from './known-hosts';
import { storePaths, type StorePaths } from './paths';
import { createProfileStore, type ProfileSecrets, type ProfileStore } from './profiles';
import { openRunFiles, type RunFiles } from './runs';
import { createTargetStore, type TargetStore } from './targets';

export { writeFileAtomic } from './atomic-write';
export { storePaths, type StorePaths, type ProfileStore, type TargetStore, type RunFiles };

export interface Store {
  paths: StorePaths;
  profiles: ProfileStore;
  targets: TargetStore;
  knownHosts: KnownHostsStore;
  /** Opens (or reopens, appending) the files of one run. */
  openRun(runId: string): Promise<RunFiles>;
}

/** Everything Cairn keeps on disk, under Electron's `app.getPath('userData')` (passed in). */
export async function createStore(userData: string, options: { profileSecrets?: ProfileSecrets } = {}): Promise<Store> {
  const paths = storePaths(userData);
  await mkdir(userData, { recursive: true, mode: 0o700 });
  return {
    paths,
    profiles: createProfileStore(paths.profiles, undefined, options.profileSecrets),
    targets: createTargetStore(paths.targets),
    knownHosts: createKnownHostsStore(paths.knownHosts),
    openRun: (runId) => openRunFiles(paths.runs, runId),
  };
}
