import { join } from 'node:path';
import type { AppInfo } from '../../shared/api/app';
import { fail, ok } from '../../shared/api/result';
import type { Log } from '../log';
import { hashPasswordOffThread } from '../secrets/password-hash-thread';
import type { SecretStore } from '../secrets/secrets';
import type { KnownHostsStore } from '../store/known-hosts';
import type { ProfileStore } from '../store/profiles';
import { readSshConfig, type SshConfigSource } from '../store/ssh-config-import';
import type { TargetStore } from '../store/targets';
import { createConnectionTester, type ConnectionTester } from '../targets/connection-test';
import { createBootMediaService, type BootMediaService } from '../bootmedia/prepare';
import { createFinder, type Finder } from '../discover/finder';
import { createBoxService, type BoxOptions, type BoxService } from '../boxes/box-service';
import { storePaths } from '../store/paths';
import { openRunFiles } from '../store/runs';
import { createRunLauncher, type RunLauncher } from '../runs/launch';
import { silentRunServices, type RunServices } from '../runs/run-services';
import { profileIdOfRun, runHistory } from '../store/run-history';
import { bootMediaHandlers } from './bootmedia-handlers';
import { boxHandlers } from './box-handlers';
import { connectionHandlers } from './connection-handlers';
import { discoverHandlers } from './discover-handlers';
import type { EmitEvent } from './events';
import { ansibleExportHandlers, fileHandlers, type DialogService } from './file-handlers';
import { createAnsibleExporter } from '../export/ansible-export';
import { runHandlers } from './run-handlers';
import type { DomainHandlers, HandlerTable } from './types';

/** What the handlers call. main.ts builds it from Electron; tests build it from temp dirs and stand-ins. */
export interface Services {
  profiles: ProfileStore;
  targets: TargetStore;
  knownHosts: KnownHostsStore;
  secrets: SecretStore;
  dialogs: DialogService;
  sshConfig: SshConfigSource;
  appInfo: () => AppInfo;
  log: Log;
  /**
   * Reaches boxes over SSH for "Test connection". Left out, it is built from
   * the stores above, trusting Cairn's known_hosts and the one in
   * `sshConfig.homeDir` (so tests with a temp home never read the tester's).
   */
  connections?: ConnectionTester;
  /** Where runs are kept and where their events go; left out, runs live under appInfo().userDataDir and send no events. */
  runs?: RunServices;
  /** Sends events to the window (the boxes' facts, output and returns from reboot); left out, they go nowhere. */
  emit?: EmitEvent;
  /** Concurrency and waits of the boxes service; its defaults when left out. */
  boxes?: BoxOptions;
  /** Writes boot media; left out, it is built from the stores above. */
  bootMedia?: BootMediaService;
  /** Finds prepared boxes on the network; left out, it scans the desktop's own networks with the default bounds. */
  finder?: Finder;
}

const profileHandlers = ({ profiles }: Services): DomainHandlers<'profiles'> => ({
  'profiles:list': async () => ok(await profiles.list()),
  'profiles:get': ({ id }) => profiles.get(id),
  'profiles:save': ({ id, profile }) => profiles.save(profile, id),
  'profiles:remove': ({ id }) => profiles.remove(id),
  'profiles:duplicate': ({ id, name }) => profiles.duplicate(id, name),
});

const targetHandlers = ({ targets, secrets, sshConfig }: Services): Omit<DomainHandlers<'targets'>, 'targets:test-connection'> => ({
  'targets:list': async () => ok(await targets.list()),
  'targets:save': ({ target }) => targets.save(target),
  'targets:remove': async ({ id }) => {
    const removed = await targets.remove(id);
    if (removed.ok) await secrets.clear(id);
    return removed;
  },
  'targets:import-ssh-config': async ({ preview }) => {
    let found;
    try {
      found = await readSshConfig(sshConfig);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fail('not-found', `There is no SSH client config at ${sshConfig.path}.`);
      throw e;
    }
    const { added, skipped } = await targets.addMany(found.drafts, { dryRun: preview });
    return ok({ source: sshConfig.path, imported: added, skipped: [...found.skipped, ...skipped] });
  },
});

const knownHostHandlers = ({ knownHosts }: Services): Omit<DomainHandlers<'knownHosts'>, 'knownHosts:accept'> => ({
  'knownHosts:list': async () => ok({ hosts: (await knownHosts.list()).map(({ key: _key, ...shown }) => shown), problems: [] }),
  'knownHosts:remove': async ({ host, port, keyType }) => {
    const removed = await knownHosts.remove(host, port, keyType);
    return removed === 0 ? fail('not-found', `Cairn has no saved key for ${host} port ${port}.`) : ok({ removed });
  },
});

const secretHandlers = ({ secrets, targets }: Services): DomainHandlers<'secrets'> => ({
  'secrets:set': async ({ targetId, kind, value }) => {
    const target = await targets.get(targetId);
    if (!target.ok) return target;
    return ok({ targetId, kind, storage: await secrets.set(targetId, kind, value) });
  },
  'secrets:clear': async ({ targetId, kind }) => {
    await secrets.clear(targetId, kind);
    return ok({ targetId });
  },
  'secrets:status': async () => ok(await secrets.status()),
  'secrets:hash-password': async ({ password }) => ok({ hash: await hashPasswordOffThread(password) }),
});

const appHandlers = ({ appInfo }: Services): DomainHandlers<'app'> => ({
  'app:info': async () => ok(appInfo()),
});

const defaultConnections = ({ targets, secrets, knownHosts, sshConfig, log }: Services): ConnectionTester =>
  createConnectionTester({
    targets,
    secrets,
    knownHosts,
    userKnownHostsPath: join(sshConfig.homeDir, '.ssh', 'known_hosts'),
    homeDir: sshConfig.homeDir,
    log,
  });

const defaultBootMedia = ({ profiles, targets, knownHosts, sshConfig, log }: Services): BootMediaService =>
  createBootMediaService({ profiles, targets, knownHosts, sshConfig, homeDir: sshConfig.homeDir, log });

const runLauncher = ({ profiles, targets, secrets, knownHosts, sshConfig, log }: Services, runs: RunServices): RunLauncher =>
  createRunLauncher({ profiles, targets, secrets, knownHosts, homeDir: sshConfig.homeDir, sshConfig, log, runs });

const defaultBoxes = ({ targets, secrets, knownHosts, profiles, sshConfig, appInfo, log, emit, runs, boxes }: Services, installing: (targetId: string) => boolean): BoxService =>
  createBoxService({
    targets,
    secrets,
    knownHosts,
    profiles,
    userKnownHostsPath: join(sshConfig.homeDir, '.ssh', 'known_hosts'),
    homeDir: sshConfig.homeDir,
    installing,
    // Box actions are runs beside the installs: the runner's folder, or userData/runs when the table was built without one.
    openRun: runs?.openRun ?? ((runId) => openRunFiles(storePaths(appInfo().userDataDir).runs, runId)),
    profileOfRun: async (runId) => {
      const profileId = await profileIdOfRun(runs?.runsDir ?? storePaths(appInfo().userDataDir).runs, runId);
      const stored = profileId === null ? null : await profiles.get(profileId);
      return stored?.ok ? stored.value.profile : null;
    },
    emit: emit ?? (() => undefined),
    log,
    ...(boxes === undefined ? {} : { options: boxes }),
  });

const defaultFinder = ({ targets, knownHosts, emit, log }: Services): Finder => createFinder({ targets, knownHosts, log, ...(emit === undefined ? {} : { emit }) });

/** The one handler table: every channel of shared/api, each calling a service. */
export function createHandlers(services: Services): HandlerTable {
  const runs = services.runs ?? silentRunServices(services.appInfo().userDataDir);
  const launcher = runLauncher(services, runs);
  return {
    ...profileHandlers(services),
    ...targetHandlers(services),
    ...knownHostHandlers(services),
    ...connectionHandlers(services.connections ?? defaultConnections(services)),
    ...secretHandlers(services),
    ...fileHandlers(services.dialogs),
    ...ansibleExportHandlers(services.dialogs, createAnsibleExporter(services)),
    ...runHandlers(launcher, runHistory(runs.runsDir)),
    ...boxHandlers(defaultBoxes(services, (targetId) => launcher.busy([targetId]).length > 0)),
    ...bootMediaHandlers(services.bootMedia ?? defaultBootMedia(services), services.dialogs),
    ...discoverHandlers(services.finder ?? defaultFinder(services)),
    ...appHandlers(services),
  };
}
