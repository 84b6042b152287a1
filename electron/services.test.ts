import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../shared/api/names';
import { defaultProfile } from '../shared/profile';
import { ok } from '../shared/api/result';
import { dispatch } from './ipc/dispatch';
import { SUMMARY_VERSION, type RunSummary } from './runs/persist';
import { stepRecord } from './runs/tracker';
import { createServices, type ServicesOptions } from './services';
import { fakeSafeStorage, scriptedDialogs, tempDir } from './services.test-support';
import { storePaths } from './store';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const build = (options: Partial<ServicesOptions> = {}) =>
  createServices({
    userData: dir,
    safeStorage: fakeSafeStorage(),
    dialogs: scriptedDialogs({}).dialogs,
    sshConfig: { path: join(dir, 'no-ssh-config'), homeDir: dir, localUser: 'tester' },
    app: { name: 'Cairn', version: '1.2.3' },
    ...options,
  });

/** A run a Cairn that quit mid-install left on disk: still "running", its process gone. */
async function leftRunning(runId: string) {
  const runDir = join(storePaths(dir).runs, runId);
  await mkdir(runDir, { recursive: true });
  const summary: RunSummary = {
    version: SUMMARY_VERSION,
    runId,
    fleetId: null,
    targetId: 'box',
    target: { host: 'box.lan', port: 22, user: 'root' },
    profileName: 'Garage',
    status: 'running',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: null,
    preflight: { facts: null, problems: [] },
    workDir: null,
    progress: null,
    steps: [{ ...stepRecord({ id: 'preflight', title: 'Check', destructive: false }), status: 'running' }],
    findings: [],
    error: null,
    logBytes: 0,
  };
  await writeFile(join(runDir, 'summary.json'), JSON.stringify(summary));
}

const statusOfRuns = async (built: Awaited<ReturnType<typeof build>>) => {
  const listed = await dispatch(built.table, 'runs:list', {}, { sender: 'test', log: built.log });
  if (!listed.ok) throw new Error(listed.error.message);
  return (listed.value as { runs: { runId: string; status: string }[] }).runs.map((r) => [r.runId, r.status]);
};

describe('the services, built in one place', () => {
  it('lets only the Cairn that owns the runs mark one a previous Cairn left running as interrupted', async () => {
    await leftRunning('run-left');
    // The cairn command and the tests: the app may be running it right now.
    expect(await statusOfRuns(await build())).toEqual([['run-left', 'running']]);
    expect(await statusOfRuns(await build({ ownsRuns: true }))).toEqual([['run-left', 'interrupted']]);
  });

  it('sends the window only events that keep the contract, and logs the others', async () => {
    const sent: [EventName, unknown][] = [];
    const built = await build({ send: (event, payload) => sent.push([event, payload]) });
    const line = { runId: 'run-1', fleetId: null, targetId: 'box-1', text: 'Hostname\n' };
    built.emit('run.output', line);
    built.emit('run.output', { ...line, runId: 'Not An Id' });
    expect(sent).toEqual([['run.output', line]]);
    expect(await readFile(built.log.file, 'utf8')).toMatch(/event run\.output broke the contract and was not sent/);
  });

  it('answers through the handler table with what an override put in place (the cairn command’s profile files)', async () => {
    const fromFile = { ...defaultProfile(), name: 'From a file', hostname: 'filebox' };
    const built = await build({
      override: (services) => ({
        profiles: {
          ...services.profiles,
          get: async (id) => (id === 'file-1' ? ok({ id, updatedAt: '2026-01-01T00:00:00.000Z', migratedFrom: null, profile: fromFile }) : services.profiles.get(id)),
        },
      }),
    });
    const got = await dispatch(built.table, 'profiles:get', { id: 'file-1' }, { sender: 'test', log: built.log });
    expect(got).toMatchObject({ ok: true, value: { profile: { name: 'From a file', hostname: 'filebox' } } });
    expect((await dispatch(built.table, 'profiles:get', { id: 'file-2' }, { sender: 'test', log: built.log })).ok).toBe(false);
  });

  it('reports what the program is, from what the caller says', async () => {
    const built = await build({ app: { name: 'Cairn', version: '1.2.3', electron: '41.0.0', chrome: null } });
    const info = await dispatch(built.table, 'app:info', {}, { sender: 'test', log: built.log });
    expect(info).toMatchObject({ ok: true, value: { version: '1.2.3', versions: { electron: '41.0.0', chrome: null }, userDataDir: dir, logFile: built.log.file } });
  });
});
