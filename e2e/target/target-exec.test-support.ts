import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestTarget } from './target-types';

/** OpenSSH client options that trust exactly this target's host key, nothing else. */
export function trustOnly(target: TestTarget): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'cairn-kh-')), 'known_hosts');
  writeFileSync(file, `${target.knownHostsLine()}\n`, { mode: 0o600 });
  return ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${file}`];
}

export interface SshRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command on a target with Debian's OpenSSH client and the target's
 * key: the target helper's tests check the servers with a client that is
 * not Cairn's own.
 */
export function sshRun(target: TestTarget, command: string, input = ''): Promise<SshRun> {
  const args = [
    '-F',
    '/dev/null',
    '-o',
    'BatchMode=yes',
    ...trustOnly(target),
    '-o',
    'LogLevel=ERROR',
    '-i',
    target.privateKeyPath,
    '-p',
    String(target.port),
    `${target.user}@${target.host}`,
    command,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
