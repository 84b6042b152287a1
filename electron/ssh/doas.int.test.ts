import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, type TestTarget } from '../../e2e/target';
import { trusting } from '../../e2e/target/ssh-trust.test-support';
import { sh } from '../../shared/shell';
import { connect, type SshConnection } from './connect';
import { execAsRoot } from './doas';
import { exec } from './exec';

// A real non-root login on Dropbear and Debian's real doas with a password
// rule ("permit persist USER as root", as setup-user writes for wheel): doas
// asks on the terminal, and Cairn types the password there.
describe('doas asking for a password on a terminal', () => {
  let target: TestTarget;
  let conn: SshConnection;
  let cleanup: () => void;
  beforeAll(async () => {
    target = await startDropbearTarget({ doas: 'password' });
    const trust = trusting(target);
    cleanup = trust.cleanup;
    const opened = await connect({ host: target.host, port: target.port, username: target.user, trust, auth: { kind: 'key', privateKeyPath: target.privateKeyPath } });
    if (!opened.ok) throw new Error(opened.error.message);
    conn = opened.value;
  });
  afterAll(async () => {
    await conn?.close();
    cleanup?.();
    await target?.stop();
  });

  it('is refused without the password: nothing can type it on a closed stdin', async () => {
    const plain = await exec(conn, sh('doas', '-n', 'id', '-u'), { timeoutMs: 10_000 });
    expect(plain.ok && plain.value.exitCode).not.toBe(0);
  });

  it('runs the command as root once the password is typed, stdout and stderr apart', async () => {
    const out: string[] = [];
    const ran = await execAsRoot(conn, 'id -u; echo warned >&2; echo done', target.password, { timeoutMs: 20_000, onStdout: (c) => out.push(c.toString()) });
    expect(ran.ok).toBe(true);
    if (!ran.ok) return;
    expect(ran.value).toMatchObject({ exitCode: 0, stdout: '0\ndone\n', stderr: 'warned\n' });
    // Neither the prompt nor the password reaches the caller.
    expect(out.join('')).toBe('0\ndone\n');
    expect(JSON.stringify(ran.value)).not.toContain(target.password);
  });

  it("passes the command's exit code and its stdin (kept off the command line)", async () => {
    const mine = async () => {
      const listed = await exec(conn, sh('/bin/sh', '-c', 'find /tmp -maxdepth 1 -user "$(id -un)"'), { timeoutMs: 10_000 });
      return listed.ok ? listed.value.stdout : 'unreadable';
    };
    const before = await mine();
    const ran = await execAsRoot(conn, 'cat; exit 3', target.password, { stdin: 'from stdin\n', timeoutMs: 20_000 });
    expect(ran.ok && ran.value).toMatchObject({ exitCode: 3, stdout: 'from stdin\n' });
    // The staged stdin file and the stderr file are gone again.
    expect(await mine()).toBe(before);
  });

  it('answers a root command that asks on the terminal too (cryptsetup under doas)', async () => {
    const asks = "printf 'Enter passphrase for /dev/sda3: ' > /dev/tty; IFS= read -r a < /dev/tty; printf '%s' \"$a\" | sha256sum";
    const ran = await execAsRoot(conn, asks, target.password, { timeoutMs: 20_000, terminal: { answers: [{ prompt: /Enter passphrase for [^\n]*: ?$/, answer: 'disk secret' }] } });
    expect(ran.ok).toBe(true);
    if (!ran.ok) return;
    expect(ran.value.exitCode).toBe(0);
    expect(ran.value.stdout).toContain(createHash('sha256').update('disk secret').digest('hex'));
    expect(ran.value.stdout).not.toContain('disk secret');
  });

  it('says a wrong password was refused, and where to enter the right one', async () => {
    const ran = await execAsRoot(conn, 'id -u', 'not-the-password', { timeoutMs: 30_000 });
    expect(ran.ok).toBe(false);
    if (ran.ok) return;
    expect(ran.error.code).toBe('auth-failed');
    expect(ran.error.message).toMatch(/doas .* refused the password .* doas password/);
    expect(ran.error.message).not.toContain('not-the-password');
  });
});
