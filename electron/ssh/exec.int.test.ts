import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { freshTrust, trusting } from '../../e2e/target/ssh-trust.test-support';
import { sh } from '../../shared/shell';
import { connect, type SshConnection } from './connect';
import { exec, KILL_ANSWER_MS, type ExecOptions } from './exec';
import { startStallProxy, type StallProxy } from './stall-proxy.test-support';

async function open(target: TestTarget): Promise<{ conn: SshConnection; done: () => Promise<void> }> {
  const trust = trusting(target);
  const result = await connect({ host: target.host, port: target.port, username: target.user, trust, auth: { kind: 'key', privateKeyPath: target.privateKeyPath } });
  if (!result.ok) throw new Error(result.error.message);
  return { conn: result.value, done: async () => (await result.value.close(), trust.cleanup()) };
}

const leftover = (target: TestTarget, command: string) => target.processes().filter((p) => p.command.includes(command));

describe.each([
  ['OpenSSH in the Alpine chroot', startOpenSshTarget],
  ['Dropbear', startDropbearTarget],
])('exec on %s', (_name, start) => {
  let target: TestTarget;
  let conn: SshConnection;
  let done: () => Promise<void>;
  beforeAll(async () => {
    target = await start();
    ({ conn, done } = await open(target));
  });
  afterAll(async () => {
    await done?.();
    await target?.stop();
  });

  const run = async (command: string, options?: ExecOptions) => {
    const result = await exec(conn, command, options);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('streams stdout and stderr apart while the command runs', async () => {
    const seen: string[] = [];
    const result = await run('echo one; sleep 0.3; echo oops >&2; sleep 0.3; echo two', {
      onStdout: (c) => seen.push(`out:${c.toString().trim()}`),
      onStderr: (c) => seen.push(`err:${c.toString().trim()}`),
    });
    expect(seen).toEqual(['out:one', 'err:oops', 'out:two']);
    expect(result).toMatchObject({ exitCode: 0, signal: null, stdout: 'one\ntwo\n', stderr: 'oops\n', truncated: false });
  });

  it('reports a non-zero exit code as an outcome, not an error', async () => {
    expect(await run('echo bad >&2; exit 3')).toMatchObject({ exitCode: 3, stderr: 'bad\n' });
  });

  it('reports a command killed by a signal', async () => {
    expect(await run('kill -TERM $$')).toMatchObject({ exitCode: null, signal: 'TERM' });
  });

  it('closes stdin, so a command that reads it gets end-of-file at once', async () => {
    expect((await run('cat; read answer; echo "read=$?"')).stdout).toBe('read=1\n');
    expect((await run('cat', { stdin: 'given\n' })).stdout).toBe('given\n');
  });

  it('runs quoted data as data', async () => {
    const tricky = `it's $(id) "quoted" ; rm -rf /`;
    expect((await run(sh('printf', '%s', tricky))).stdout).toBe(tricky);
  });

  it('stops a command that goes quiet, and nothing is left running', async () => {
    const result = await exec(conn, 'echo started; sleep 31', { idleTimeoutMs: 500 });
    expect(result.ok ? null : result.error).toEqual({ code: 'idle-timeout', message: expect.stringContaining('printed nothing for 0.5 s') });
    await expect.poll(() => leftover(target, 'sleep 31')).toEqual([]);
  });

  it('stops a command that runs too long even while it prints', async () => {
    const started = Date.now();
    const result = await exec(conn, 'while :; do echo tick; sleep 0.1; done', { timeoutMs: 800, idleTimeoutMs: 500 });
    expect(result.ok ? null : result.error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    await expect.poll(() => leftover(target, 'while :')).toEqual([]);
  });

  it('cancels a running command and stops it on the target', async () => {
    const abort = new AbortController();
    const result = await exec(conn, 'echo ready; sleep 32; echo never', {
      signal: abort.signal,
      onStdout: () => abort.abort(),
    });
    expect(result.ok ? null : result.error).toEqual({ code: 'cancelled', message: expect.stringContaining('cancelled') });
    await expect.poll(() => leftover(target, 'sleep 32')).toEqual([]);
  });

  it('keeps only the first bytes of a huge output and says so', async () => {
    let streamed = 0;
    const result = await run('head -c 300000 /dev/zero', { keepBytes: 1000, onStdout: (c) => (streamed += c.length) });
    expect(result.stdout.length).toBe(1000);
    expect(result.truncated).toBe(true);
    expect(streamed).toBe(300000);
  });
});

describe('exec against the stand-ins', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());

  it('runs real BusyBox on the target', async () => {
    const { conn, done } = await open(target);
    const result = await exec(conn, 'busybox | head -1');
    await done();
    expect(result.ok && result.value.stdout).toMatch(/^BusyBox v1\.36\.1 /);
  });

  it('stops a hung setup-alpine, and the helpers it started, when cancelled', async () => {
    await target.standIns?.control({ apk: { mode: 'hang' } });
    const { conn, done } = await open(target);
    const abort = new AbortController();
    const command = `printf 'KEYMAPOPTS="us us"\\n' > /root/hang.answers && setup-alpine -e -f /root/hang.answers`;
    const running = exec(conn, command, { signal: abort.signal });
    // Cancelled once setup-alpine has started apk, which hangs.
    await expect.poll(async () => (await target.standIns?.recordsOf('apk'))?.length).toBeGreaterThan(0);
    abort.abort();
    const result = await running;
    await done();
    expect(result.ok ? null : result.error.code).toBe('cancelled');
    const [record] = (await target.standIns?.recordsOf('apk')) ?? [];
    expect(record?.exitCode).toBeNull();
    await expect.poll(() => leftover(target, 'setup-alpine')).toEqual([]);
    await expect.poll(() => leftover(target, '/sbin/apk')).toEqual([]);
    await target.standIns?.control({});
  });
});

describe('stopping a command on a box that stopped answering', () => {
  let target: TestTarget;
  let proxy: StallProxy;
  let trust: ReturnType<typeof freshTrust>;
  beforeAll(async () => {
    target = await startOpenSshTarget();
    proxy = await startStallProxy(target.port);
    trust = freshTrust();
    writeFileSync(trust.userKnownHostsPath ?? '', `[${target.host}]:${proxy.port} ${target.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`);
  });
  afterAll(async () => {
    await proxy?.close();
    trust?.cleanup();
    await target?.stop();
  });

  it('ends the stop within seconds when the kill gets no answer, drops the connection and says the command may still run', async () => {
    // No keepalive in the test's time: only the stop's own limit can end the wait.
    const opened = await connect({
      host: target.host,
      port: proxy.port,
      username: target.user,
      trust,
      auth: { kind: 'key', privateKeyPath: target.privateKeyPath },
      keepaliveIntervalMs: 600_000,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const conn = opened.value;
    const abort = new AbortController();
    let started = false;
    const running = exec(conn, 'echo started; sleep 33', { signal: abort.signal, onStdout: () => (started = true) });
    await expect.poll(() => started).toBe(true);
    proxy.stall();
    const stopping = Date.now();
    abort.abort();
    const result = await running;
    expect(Date.now() - stopping).toBeLessThan(KILL_ANSWER_MS + 5000);
    expect(result.ok ? null : result.error).toEqual({
      code: 'cancelled',
      message: `The command on 127.0.0.1:${proxy.port} was cancelled, but the box did not answer the kill within 5 s, so Cairn closed the connection: the command may still be running there; check the box before trying again.`,
    });
    await expect.poll(() => conn.closed).toBe(true);
    // The box never heard the kill: the command is still there, as the message says.
    expect(leftover(target, 'sleep 33')).not.toEqual([]);
    for (const p of leftover(target, 'sleep 33')) process.kill(p.pid);
  }, 30_000);

  it('closes a connection whose server no longer answers within seconds', async () => {
    const quiet = await startStallProxy(target.port);
    writeFileSync(trust.userKnownHostsPath ?? '', `[${target.host}]:${quiet.port} ${target.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`, { flag: 'a' });
    try {
      const opened = await connect({
        host: target.host,
        port: quiet.port,
        username: target.user,
        trust,
        auth: { kind: 'key', privateKeyPath: target.privateKeyPath },
        keepaliveIntervalMs: 600_000,
      });
      if (!opened.ok) throw new Error(opened.error.message);
      quiet.stall();
      const closing = Date.now();
      await opened.value.close();
      expect(Date.now() - closing).toBeLessThan(8000);
      expect(opened.value.closed).toBe(true);
    } finally {
      await quiet.close();
    }
  }, 30_000);
});
