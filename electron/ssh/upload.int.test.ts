import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { trusting } from '../../e2e/target/ssh-trust.test-support';
import { connect, type SshConnection } from './connect';
import { exec } from './exec';
import { channelsDuring } from './channels.test-support';
import { placeCommand, upload } from './upload';

describe.each([
  ['OpenSSH in the Alpine chroot', startOpenSshTarget, '/root'],
  ['Dropbear (no SFTP)', startDropbearTarget, null],
] as const)('upload to %s', (_name, start, remoteDir) => {
  let target: TestTarget;
  let conn: SshConnection;
  let cleanup: () => void;
  // Where the box's path is on this machine: inside the chroot, or the Dropbear login's home.
  let dir: string;
  const local = (remote: string) => (target.root ? path.join(target.root, remote) : remote);

  beforeAll(async () => {
    target = await start();
    const trust = trusting(target);
    cleanup = trust.cleanup;
    const result = await connect({ host: target.host, port: target.port, username: target.user, trust, auth: { kind: 'key', privateKeyPath: target.privateKeyPath } });
    if (!result.ok) throw new Error(result.error.message);
    conn = result.value;
    const home = await exec(conn, 'printf %s "$HOME"');
    dir = remoteDir ?? (home.ok ? home.value.stdout : '');
  });
  afterAll(async () => {
    await conn?.close();
    cleanup?.();
    await target?.stop();
  });

  it('copies 1 MB intact, checked by sha256 on the target, readable by the owner only', async () => {
    const data = randomBytes(1024 * 1024);
    const remote = `${dir}/secret.bin`;
    const result = await upload(conn, remote, data);
    expect(result.ok && result.value.bytes).toBe(data.length);
    expect(readFileSync(local(remote)).equals(data)).toBe(true);
    expect(statSync(local(remote)).mode & 0o777).toBe(0o600);
    const mode = await exec(conn, `stat -c %a ${remote}`);
    expect(mode.ok && mode.value.stdout).toBe('600\n');
  });

  it('sets the mode asked for and leaves no temporary file', async () => {
    const remote = `${dir}/hello.sh`;
    const result = await upload(conn, remote, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    expect(result.ok).toBe(true);
    const run = await exec(conn, `${remote}; ls -a ${dir}`);
    expect(run.ok && run.value.stdout.split('\n')[0]).toBe('hello');
    expect(run.ok && run.value.stdout).not.toContain('.tmp');
  });

  it('says why when the folder does not exist', async () => {
    const result = await upload(conn, '/no/such/dir/file', 'x');
    expect(result.ok ? null : result.error.code).toBe('remote-failed');
    expect(result.ok ? '' : result.error.message).toMatch(
      /^Writing \/no\/such\/dir\/file on 127\.0\.0\.1:\d+ failed \(.*(nonexistent directory|Directory nonexistent)\): check that the folder exists and has free space\.$/,
    );
  });

  it('does not place a copy whose sha256 differs from what was sent, and leaves none behind', async () => {
    const remote = `${dir}/mismatch.txt`;
    const temp = `${remote}.cairn-test.tmp`;
    const sent = await exec(conn, placeCommand(temp, remote, 'f'.repeat(64), '0600'), { stdin: 'not what was hashed' });
    expect(sent.ok && sent.value.exitCode).toBe(65);
    expect(sent.ok && sent.value.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    const left = await exec(conn, `ls -a ${dir}`);
    expect(left.ok && left.value.stdout).not.toContain('mismatch.txt');
  });

  it('removes its copy when the box cannot check it (no sha256sum on PATH), and says so by its exit code', async () => {
    const bin = `${dir}/only-cat`;
    const made = await exec(conn, `mkdir -p ${bin} && ln -sf "$(command -v cat)" ${bin}/cat && ln -sf "$(command -v rm)" ${bin}/rm`);
    expect(made.ok && made.value.exitCode).toBe(0);
    const remote = `${dir}/unchecked.txt`;
    const temp = `${remote}.cairn-test.tmp`;
    const sent = await exec(conn, `PATH=${bin} ${placeCommand(temp, remote, 'f'.repeat(64), '0600')}`, { stdin: 'x' });
    expect(sent.ok && sent.value.exitCode).toBe(67);
    const left = await exec(conn, `ls -a ${dir}`);
    expect(left.ok && left.value.stdout).not.toContain('unchecked.txt');
  });

  // Each channel costs the box a process of its SSH server: 50 boxes at once feel every one.
  it('uses one channel of the box for the whole upload', async () => {
    const { result, channels } = await channelsDuring(conn, () => upload(conn, `${dir}/once.txt`, 'once'));
    expect(result.ok).toBe(true);
    expect(channels).toBe(1);
  });
});
