import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_SENTENCES } from '../shared/api/error-sentences';
import { ERROR_CODES, type ErrorCode } from '../shared/api/result';
import { apiErrorOf } from './api-error';
import type { BoxError, BoxErrorCode } from './boxes/errors';
import { createLog } from './log';
import type { RunErrorCode } from './runs/events';
import { runErrorOf } from './runs/run-error';
import { authMethods } from './ssh/auth';
import type { SshError, SshErrorCode } from './ssh/errors';
import { hostKeyFromBlob } from './ssh/fingerprint';

// Every code a layer can fail with, listed once per layer: the Record makes a
// code missing here a compile error, and the checks below fail at run time
// when one is not in the contract's closed list or has no sentence.
const SSH: Record<SshErrorCode, true> = {
  'host-key-unknown': true,
  'host-key-changed': true,
  'auth-failed': true,
  'key-unreadable': true,
  unreachable: true,
  'connection-lost': true,
  timeout: true,
  'idle-timeout': true,
  cancelled: true,
  'upload-mismatch': true,
  'remote-failed': true,
};
const BOX: Record<Exclude<BoxErrorCode, SshErrorCode>, true> = {
  'invalid-input': true,
  'unsaved-changes': true,
  'lbu-not-configured': true,
  'unexpected-output': true,
  internal: true,
};
const RUN: Record<Exclude<RunErrorCode, BoxErrorCode>, true> = {
  'invalid-profile': true,
  'confirmation-mismatch': true,
  'preflight-refused': true,
  'step-failed': true,
  'output-error': true,
  'prompt-loop': true,
  interrupted: true,
};

/** An ed25519 public key as SSH sends it: the type and the 32 key bytes, each length-prefixed. */
function ed25519HostKey() {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return hostKeyFromBlob(Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]));
}

describe('one vocabulary of error codes', () => {
  it('has the SSH, box and run codes inside the contract’s closed list, each with a sentence of its own', () => {
    expectTypeOf<SshErrorCode>().toExtend<ErrorCode>();
    expectTypeOf<BoxErrorCode>().toExtend<ErrorCode>();
    expectTypeOf<RunErrorCode>().toExtend<ErrorCode>();
    // Each code has its shape, and no shape has a code of its own.
    expectTypeOf<SshError['code']>().toEqualTypeOf<SshErrorCode>();
    expectTypeOf<BoxErrorCode>().toExtend<RunErrorCode>();
    const all = [...Object.keys(SSH), ...Object.keys(BOX), ...Object.keys(RUN)];
    expect(all.filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    const sentences = new Set(all.map((code) => ERROR_SENTENCES[code as ErrorCode]));
    expect(sentences.size).toBe(all.length);
  });
});

describe('an internal error as the window and the CLI get it', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-api-error-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps an unreadable key as key-unreadable, with the sentence naming the file, in the answer and in a run', async () => {
    const missing = join(dir, 'id_ed25519');
    const methods = await authMethods('root', [{ kind: 'key', privateKeyPath: missing }]);
    if (methods.ok) throw new Error('a missing key file was read');
    const message = `The private key file ${missing} cannot be read: check the path and its permissions.`;
    expect(apiErrorOf(methods.error)).toEqual({ code: 'key-unreadable', message });
    expect(runErrorOf(methods.error, 'preflight')).toEqual({ code: 'key-unreadable', message, stepId: 'preflight' });
  });

  it('keeps every SSH code as it came: a lost connection is not an unreachable box, a silent step not a slow one', () => {
    const plain: SshError[] = [
      { code: 'connection-lost', message: 'The connection was lost.' },
      { code: 'idle-timeout', message: 'The step printed nothing.' },
      { code: 'upload-mismatch', message: 'The file arrived damaged.' },
    ];
    expect(plain.map((e) => apiErrorOf(e))).toEqual(plain);
    expect(apiErrorOf({ code: 'remote-failed', message: 'apk refused.', exitCode: 1, stderr: 'ERROR: unable to select packages' })).toEqual({
      code: 'remote-failed',
      message: 'apk refused.',
    });
  });

  it('keeps the field at fault of a refused request and of a login refused before anything was sent', () => {
    const bad: BoxError = { code: 'invalid-input', message: '"vim; reboot" is not a package name.', field: 'names.1' };
    expect(apiErrorOf(bad)).toEqual({ code: 'invalid-input', message: bad.message, field: 'names.1' });
    expect(apiErrorOf({ code: 'auth-failed', methods: ['password'], message: 'No password is stored.', field: 'password' })).toEqual({
      code: 'auth-failed',
      message: 'No password is stored.',
      field: 'password',
    });
    expect(apiErrorOf({ code: 'unsaved-changes', message: '2 changes not saved.', uncommitted: 2 })).toEqual({ code: 'unsaved-changes', message: '2 changes not saved.' });
  });

  it('gives a changed host key the fingerprints to compare and where the old one is, and notes it in the log without the key', async () => {
    const key = ed25519HostKey();
    const expected = ed25519HostKey().fingerprint;
    const log = createLog({ file: join(dir, 'cairn.log') });
    const changed: SshError = { code: 'host-key-changed', message: 'The host key changed.', host: '10.0.0.5', port: 2222, expected, knownIn: 'user', actual: key.fingerprint, key };
    const api = apiErrorOf(changed, log);
    expect(api).toEqual({
      code: 'host-key-changed',
      message: expect.stringMatching(/^The host key changed\. The old key is in your own ~\/\.ssh\/known_hosts.*ssh-keygen -R "\[10\.0\.0\.5\]:2222"/),
      details: { host: '10.0.0.5', port: 2222, keyType: 'ssh-ed25519', fingerprint: key.fingerprint, key: key.base64, expected, knownIn: 'user' },
    });
    const logged = await readFile(log.file, 'utf8');
    expect(logged).toContain(`changed from ${expected} to ${key.fingerprint}`);
    expect(logged).not.toContain(key.base64);
    // In a run the same details ride along, so the Run screen can offer to compare and trust it in place.
    expect(runErrorOf(changed, null)).toEqual({ code: 'host-key-changed', message: api.message, stepId: null, details: api.details });
  });

  it('takes a run’s own error as it is, its step replaced by where it is reported', () => {
    const ended = { code: 'prompt-loop', message: 'setup-alpine kept asking.', stepId: 'setup-alpine' } as const;
    expect(apiErrorOf(ended)).toEqual({ code: 'prompt-loop', message: 'setup-alpine kept asking.' });
    expect(runErrorOf(ended, 'install')).toEqual({ ...ended, stepId: 'install' });
  });
});
