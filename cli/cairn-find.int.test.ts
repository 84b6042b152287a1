import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../e2e/target';
import { freePort } from '../e2e/target/net';

// `cairn find` as a script runs it: a process, against real SSH servers on
// one port of several loopback addresses (the prepared box and a decoy).

const REPO = resolve(import.meta.dirname, '..');
const net = `127.${randomInt(10, 250)}.${randomInt(0, 255)}`;
let box: TestTarget;
let decoy: TestTarget;

function cairn(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['bin/cairn.js', ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  const port = await freePort(`${net}.3`);
  [box, decoy] = await Promise.all([startOpenSshTarget({ listenAddress: `${net}.3`, port }), startDropbearTarget({ listenAddress: `${net}.9`, port })]);
});
afterAll(async () => {
  await Promise.all([box?.stop(), decoy?.stop()]);
});

describe('cairn find', () => {
  it('prints the address of the server presenting the fingerprint, and only that', async () => {
    const r = await cairn(['find', `${net}.0/28`, '--fingerprint', box.hostKeyFingerprint, '--port', String(box.port)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${net}.3\n`);
  });

  it('says none was found, with how many other servers answered, and exits 1', async () => {
    const r = await cairn(['find', `${net}.0/28`, '--fingerprint', `SHA256:${'Q'.repeat(43)}`, '--port', String(box.port)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`No SSH server on ${net}.0/28 port ${box.port} presented SHA256:${'Q'.repeat(43)} (2 other SSH servers answered).`);
  });
});
