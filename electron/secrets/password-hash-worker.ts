import { parentPort, workerData } from 'node:worker_threads';
import { hashPassword, type HashOptions } from './password-hash';

// The body of the thread password-hash-thread.ts starts: one hash, one answer, then the thread ends.

export interface HashRequest extends HashOptions {
  password: string;
}

export type HashAnswer = { hash: string } | { error: string };

const { password, ...options } = workerData as HashRequest;
let answer: HashAnswer;
try {
  answer = { hash: hashPassword(password, options) };
} catch (e) {
  answer = { error: e instanceof Error ? e.message : String(e) };
}
parentPort?.postMessage(answer);
