import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../e2e/target';
import { createStore } from '../electron/store';
import { buildCli, cairn, isolatedEnv, jsonLines } from './cli-process.test-support';

// facts, services, packages and lbu as a script runs them, against real sshd
// boxes (an Alpine chroot whose stand-ins record what they were asked), and
// host keys trusted as OpenSSH trusts them.

let box: TestTarget;
/** A box whose login key has a passphrase; its host key is replaced by the last test. */
let locked: TestTarget;
let dir: string;
let data: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  buildCli();
  [box, locked] = await Promise.all([startOpenSshTarget(), startOpenSshTarget({ keyPassphrase: 'correct horse' })]);
});
afterAll(() => Promise.all([box?.stop(), locked?.stop()]));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-cli-boxes-'));
  data = join(dir, 'data');
  env = isolatedEnv(dir);
  return () => rm(dir, { recursive: true, force: true });
});

const addressOf = (t: TestTarget) => `${t.user}@${t.host}:${t.port}`;
const hostKeyBlob = (t: TestTarget) => t.hostPublicKey.split(' ')[1] ?? '';
const records = async (tool: string) => ((await box.standIns?.records()) ?? []).filter((r) => r.tool === tool).map((r) => r.argv.join(' '));

async function saveTarget(t: TestTarget, name: string): Promise<void> {
  const store = await createStore(data);
  const saved = await store.targets.save({ name, host: t.host, port: t.port, user: t.user, auth: 'key', keyPath: t.privateKeyPath, tags: [] });
  if (!saved.ok) throw new Error(saved.error.message);
  await store.knownHosts.add(t.host, t.port, 'ssh-ed25519', hostKeyBlob(t));
}

describe('cairn facts', () => {
  it('refuses an unknown host key with exit 4 and its fingerprint, then trusts it with --accept-new and answers in JSON', async () => {
    const args = ['facts', addressOf(box), '--key', box.privateKeyPath, '--data', data, '--json'];
    const refused = await cairn(args, { env });
    expect(refused.status).toBe(4);
    const [error, result] = jsonLines(refused.stdout);
    expect(error).toMatchObject({ type: 'error', code: 'host-key-unknown', exitCode: 4, details: { fingerprint: box.hostKeyFingerprint, keyType: 'ssh-ed25519' } });
    expect(result).toEqual({ type: 'result', ok: false, exitCode: 4 });
    expect(refused.stderr).toContain(`the fingerprint ${box.hostKeyFingerprint}`);
    expect(refused.stderr).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    expect(await readFile(join(data, 'known_hosts'), 'utf8').catch(() => '')).toBe('');

    const accepted = await cairn([...args, '--accept-new'], { env });
    expect(accepted.status).toBe(0);
    const lines = jsonLines(accepted.stdout);
    expect(lines.map((l) => l.type)).toEqual(['host-key.accepted', 'facts', 'result']);
    expect(lines[0]).toMatchObject({ host: box.host, port: box.port, fingerprint: box.hostKeyFingerprint });
    expect(lines[1]).toMatchObject({ target: addressOf(box), facts: { alpineVersion: expect.stringMatching(/^3\./), storage: 'diskless' } });
    expect(await readFile(join(data, 'known_hosts'), 'utf8')).toBe(`[${box.host}]:${box.port} ssh-ed25519 ${hostKeyBlob(box)}\n`);

    // Trusted now: no --accept-new needed, nothing new written.
    const again = await cairn(args, { env });
    expect(jsonLines(again.stdout).map((l) => l.type)).toEqual(['facts', 'result']);
  });

  it("trusts a key from the person's ~/.ssh/known_hosts without writing it to Cairn's", async () => {
    await mkdir(join(dir, '.ssh'));
    await writeFile(join(dir, '.ssh', 'known_hosts'), `${box.knownHostsLine()}\n`);
    const r = await cairn(['facts', addressOf(box), '--key', box.privateKeyPath, '--data', data], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Alpine +3\./m);
    expect(await readFile(join(data, 'known_hosts'), 'utf8').catch(() => '')).toBe('');
  });

  it('says a name that is neither a saved target nor user@host is wrong usage', async () => {
    await saveTarget(box, 'garage');
    const r = await cairn(['facts', 'garage', 'attic', '--data', data], { env });
    expect(r).toEqual({ status: 2, stdout: '', stderr: '"attic" is neither a target saved in Cairn nor user@host[:port]. Saved targets: garage.\n' });
  });
});

describe('box actions', () => {
  it('restarts a service on a saved target, kept as a run', async () => {
    await saveTarget(box, 'garage');
    await box.standIns?.clearRecords();
    const r = await cairn(['services', 'garage', 'restart', 'crond', '--data', data], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Restarted crond on garage \(run run-[a-z0-9-]+\)\.$/m);
    expect(await records('rc-service')).toEqual(['crond restart']);
    const [runId] = await readdir(join(data, 'runs'));
    expect(JSON.parse(await readFile(join(data, 'runs', runId ?? '', 'summary.json'), 'utf8'))).toMatchObject({ status: 'succeeded' });
  });

  it('lists services, adds a package and reads lbu status in JSON', async () => {
    await saveTarget(box, 'garage');
    const services = await cairn(['services', 'garage', '--json', '--data', data], { env });
    expect(jsonLines(services.stdout)[0]).toMatchObject({ type: 'services', services: expect.arrayContaining([expect.objectContaining({ name: 'crond' })]) });

    await box.standIns?.clearRecords();
    const added = await cairn(['packages', 'garage', 'add', 'htop', '--json', '--data', data], { env });
    expect(added.status).toBe(0);
    expect(jsonLines(added.stdout).find((l) => l.type === 'packages-added')).toMatchObject({ names: ['htop'], target: 'garage' });
    expect(await records('apk')).toContainEqual(expect.stringMatching(/^add --no-progress htop$/));

    const lbu = await cairn(['lbu', 'garage', 'status', '--json', '--data', data], { env });
    expect(jsonLines(lbu.stdout)[0]).toMatchObject({ type: 'lbu-status', changes: expect.any(Array) });
  });

  it('refuses a service name before reaching the box', async () => {
    await saveTarget(box, 'garage');
    await box.standIns?.clearRecords();
    const r = await cairn(['services', 'garage', 'start', '$(reboot)', '--data', data], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a service name');
    expect(await box.standIns?.records()).toEqual([]);
  });
});

describe('logging in and host keys', () => {
  it("reads a key's passphrase from CAIRN_KEY_PASSPHRASE, and says so when it is missing", async () => {
    await saveTarget(locked, 'attic');
    const without = await cairn(['facts', 'attic', '--data', data], { env });
    expect(without.status).toBe(5);
    expect(without.stderr).toContain('CAIRN_KEY_PASSPHRASE');
    // For scripts: the key is what cannot be read (not a refused login), with its own sentence.
    const json = await cairn(['facts', 'attic', '--json', '--data', data], { env });
    expect(json.status).toBe(5);
    expect(jsonLines(json.stdout)).toEqual([
      {
        type: 'error',
        targetId: expect.any(String),
        target: 'attic',
        code: 'key-unreadable',
        message: `The private key ${locked.privateKeyPath} is protected by a passphrase: enter the passphrase to use it.`,
        exitCode: 5,
      },
      { type: 'result', ok: false, exitCode: 5 },
    ]);
    const withIt = await cairn(['facts', 'attic', '--data', data], { env: { ...env, CAIRN_KEY_PASSPHRASE: 'correct horse' } });
    expect(withIt.status).toBe(0);
  });

  it('always refuses a key that changed, --accept-new or not, and leaves the old key', async () => {
    await saveTarget(locked, 'attic');
    const before = await readFile(join(data, 'known_hosts'), 'utf8');
    await locked.replaceHostKey();
    for (const extra of [[], ['--accept-new']]) {
      const r = await cairn(['facts', 'attic', '--json', '--data', data, ...extra], { env: { ...env, CAIRN_KEY_PASSPHRASE: 'correct horse' } });
      expect(r.status).toBe(4);
      expect(jsonLines(r.stdout)[0]).toMatchObject({ type: 'error', code: 'host-key-changed', details: { fingerprint: locked.hostKeyFingerprint } });
      expect(r.stderr).toContain(`ssh-keygen -R "[${locked.host}]:${locked.port}" -f ${join(data, 'known_hosts')}`);
    }
    expect(await readFile(join(data, 'known_hosts'), 'utf8')).toBe(before);
  });
});
