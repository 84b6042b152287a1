import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * esbuild's command line in a child process, not its JS API: the API
 * refuses to run inside a jsdom test (a Uint8Array from another realm), and
 * the window's tests call the real handlers too.
 */
function compileWorker(): Promise<string> {
  const require = createRequire(join(__dirname, 'password-hash-thread.ts'));
  const esbuild = join(dirname(require.resolve('esbuild/package.json')), 'bin', 'esbuild');
  const args = [join(__dirname, 'password-hash-worker.ts'), '--bundle', '--platform=node', '--target=node20', '--format=cjs', '--log-level=warning'];
  return new Promise((resolve, reject) => {
    execFile(esbuild, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`esbuild could not build the password hashing thread (${error.message}).`));
      else if (stdout.trim() === '') reject(new Error('esbuild produced no password hashing thread.'));
      else resolve(stdout);
    });
  });
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
