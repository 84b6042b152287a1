import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget } from './openssh-target';
import { sshRun, trustOnly } from './target-exec.test-support';
import type { TestTarget } from './target-types';

describe('OpenSSH test target', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('runs commands as root inside the Alpine chroot with real BusyBox', async () => {
    const run = await sshRun(target, 'busybox | head -1; id -un; cat /etc/alpine-release; pwd');
    expect(run.code).toBe(0);
    const [banner, user, release, cwd] = run.stdout.split('\n');
    expect(banner).toMatch(/^BusyBox v1\.36\.1 /);
    expect(user).toBe('root');
    expect(release).toBe('3.20.3');
    expect(cwd).toBe('/root');
  });

  it('keeps the chroot on a root-owned path that sshd accepts', () => {
    const root = target.root ?? '';
    expect(root.startsWith('/var/lib/cairn-test/')).toBe(true);
    for (let dir = root; dir !== '/'; dir = path.dirname(dir)) {
      const st = statSync(dir);
      expect(st.uid, dir).toBe(0);
      expect(st.mode & 0o022, dir).toBe(0);
    }
  });

  it('has the device nodes a shell needs', async () => {
    const run = await sshRun(target, 'head -c 8 /dev/urandom | wc -c; head -c 4 /dev/zero | wc -c; echo gone > /dev/null && echo ok');
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(['8', '4', 'ok']);
  });

  it('reports the host key fingerprint that the server really presents', async () => {
    expect(target.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const scan = readFileSync(path.join(path.dirname(target.root ?? ''), 'server', 'host_ed25519.pub'), 'utf8');
    expect(scan.startsWith(target.hostPublicKey)).toBe(true);
    expect(target.knownHostsLine()).toBe(`[127.0.0.1]:${target.port} ${target.hostPublicKey}`);
  });

  it('keeps the real apk for queries behind the wrapper', async () => {
    const run = await sshRun(target, 'apk info -e busybox && /sbin/apk.real --version');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^busybox\napk-tools 2\.14\.4/);
  });

  it('offers SFTP (internal-sftp) inside the chroot', async () => {
    const batch = 'put /etc/hostname /tmp/from-sftp\nls /tmp\n';
    const sftp = spawnSync(
      '/usr/bin/sftp',
      ['-b', '-', '-F', '/dev/null', ...trustOnly(target), '-i', target.privateKeyPath, '-P', String(target.port), `${target.user}@127.0.0.1`],
      { input: batch, encoding: 'utf8' },
    );
    expect(sftp.status).toBe(0);
    expect(readFileSync(path.join(target.root ?? '', 'tmp/from-sftp'), 'utf8')).toBe(readFileSync('/etc/hostname', 'utf8'));
  });

  it('serves a new host key on the same port after replaceHostKey', async () => {
    const before = target.hostKeyFingerprint;
    const port = target.port;
    await target.replaceHostKey();
    expect(target.port).toBe(port);
    expect(target.hostKeyFingerprint).not.toBe(before);
    const run = await sshRun(target, 'echo still-here');
    expect(run.stdout).toBe('still-here\n');
  });
});

describe('OpenSSH test target teardown', () => {
  it('leaves no process, login or directory behind, even with a session still running', async () => {
    const target = await startOpenSshTarget();
    const dir = path.dirname(target.root ?? '');
    const session = sshRun(target, 'sleep 300');
    await expect.poll(() => target.processes().some((p) => p.command === 'sleep 300')).toBe(true);
    await target.stop();
    await session;
    expect(target.processes()).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(readFileSync('/etc/passwd', 'utf8')).not.toContain(`${target.user}:`);
    expect(existsSync('/root')).toBe(true);
  });

  it('starts several targets side by side, each with its own port and login', async () => {
    const targets = await Promise.all([startOpenSshTarget(), startOpenSshTarget(), startOpenSshTarget()]);
    try {
      expect(new Set(targets.map((t) => t.port)).size).toBe(3);
      expect(new Set(targets.map((t) => t.user)).size).toBe(3);
      const names = await Promise.all(targets.map((t) => sshRun(t, 'cat /etc/alpine-release')));
      expect(names.map((r) => r.stdout)).toEqual(['3.20.3\n', '3.20.3\n', '3.20.3\n']);
    } finally {
      await Promise.all(targets.map((t) => t.stop()));
    }
  });
});
