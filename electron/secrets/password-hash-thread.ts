import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HashOptions } from './password-hash';
import type { HashAnswer, HashRequest } from './password-hash-worker';

// SHA-crypt at 100,000 rounds takes 0.4 s, and 2.4 s for the longest password
// the contract accepts; on the main process's thread that would stall every
// IPC answer and run event meanwhile. So each hash runs in a thread of its own.
//
// The thread's script is password-hash-worker.ts bundled into one string and
// started with `eval: true`: scripts/build-node.mjs puts that string into the
// app's, the CLI's and the journeys' bundles (define), so no worker file has to
// be found at run time (a worker file inside app.asar is a known failure); from
// the TypeScript sources (the tests) esbuild compiles the same file here, once.

declare const __CAIRN_PASSWORD_HASH_WORKER__: string | undefined;

let compiled: Promise<string> | undefined;

async function compileWorker(): Promise<string> {
  // A computed name, so a bundler of this file never tries to take esbuild in.
  const name = 'esbuild';
  const { build } = (await import(/* @vite-ignore */ name)) as typeof import('esbuild');
  const result = await build({
    entryPoints: [join(__dirname, 'password-hash-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no password hashing thread.');
  return code;
}

function workerSource(): Promise<string> {
  if (typeof __CAIRN_PASSWORD_HASH_WORKER__ === 'string') return Promise.resolve(__CAIRN_PASSWORD_HASH_WORKER__);
  compiled ??= compileWorker();
  return compiled;
}

/** hashPassword() in a worker thread: the same SHA-512 crypt, while the caller's event loop keeps running. */
export async function hashPasswordOffThread(password: string, options: HashOptions = {}): Promise<string> {
  const code = await workerSource();
  const request: HashRequest = { password, ...options };
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: request });
    worker.once('message', (answer: HashAnswer) => ('hash' in answer ? resolve(answer.hash) : reject(new Error(answer.error))));
    worker.once('error', reject);
    // After an answer this settles nothing; without one it says why the caller got none.
    worker.once('exit', (exitCode) => reject(new Error(`The password hashing thread ended without a hash (exit code ${exitCode}).`)));
  });
}
