import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { trusting } from '../../e2e/target/ssh-trust.test-support';
import { connect, type SshConnection } from '../ssh/connect';
import type { SshResult } from '../ssh/errors';

/** Opens connections to a test target with its key, trusting its host key; cleanup() closes them all. */
export function boxConnector(target: TestTarget) {
  const trust = trusting(target);
  const opened: SshConnection[] = [];
  const open = async (port = target.port, signal?: AbortSignal): Promise<SshResult<SshConnection>> => {
    const result = await connect({
      host: target.host,
      port,
      username: target.user,
      auth: { kind: 'key', privateKeyPath: target.privateKeyPath },
      trust,
      readyTimeoutMs: 5000,
      signal,
    });
    if (result.ok) opened.push(result.value);
    return result;
  };
  return {
    open,
    async conn(): Promise<SshConnection> {
      const result = await open();
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    async cleanup() {
      await Promise.all(opened.map((c) => c.close()));
      trust.cleanup();
    },
  };
}

/** Reads a file of the box from the host side (the chroot's directory). */
export const boxFile = (target: TestTarget, file: string) => readFile(path.join(target.root ?? '/nonexistent', file), 'utf8');

export const writeBoxFile = (target: TestTarget, file: string, text: string) => writeFile(path.join(target.root ?? '/nonexistent', file), text);

export interface ConnectedBox {
  target: TestTarget;
  box: ReturnType<typeof boxConnector>;
  conn: SshConnection;
}

/**
 * One fresh OpenSSH test target for a describe block, with a connection to it;
 * stopped and closed after the block. Read the fields inside tests (they are set in beforeAll).
 */
export function connectedBox(): ConnectedBox {
  const env = {} as ConnectedBox;
  beforeAll(async () => {
    env.target = await startOpenSshTarget();
    env.box = boxConnector(env.target);
    env.conn = await env.box.conn();
  });
  afterAll(async () => {
    await env.box?.cleanup();
    await env.target?.stop();
  });
  return env;
}
