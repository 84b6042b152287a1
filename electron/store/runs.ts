import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { idSchema } from '../../shared/api/result';
import { writeFileAtomic } from './atomic-write';
import { recordRunOwner } from './run-owner';

// Each run gets a folder: `output.log` grows by appends only (a crash loses at
// most the last chunk, never what came before) and `summary.json` is replaced
// atomically, so it is always the last complete summary.

export interface RunFiles {
  readonly dir: string;
  readonly logPath: string;
  readonly summaryPath: string;
  /** Appends in call order; resolves once the bytes are handed to the OS. */
  appendLog(chunk: string | Uint8Array): Promise<void>;
  writeSummary(summary: unknown): Promise<void>;
  /** Flushes the log to disk and closes it. */
  close(): Promise<void>;
}

export const runDir = (runsDir: string, runId: string): string => {
  if (!idSchema.safeParse(runId).success) throw new Error(`The run id ${JSON.stringify(runId)} is not one Cairn makes.`);
  return join(runsDir, runId);
};

export async function openRunFiles(runsDir: string, runId: string): Promise<RunFiles> {
  const dir = runDir(runsDir, runId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // So that a start of the app can tell this run, while this process lives, from one left by a process that is gone.
  await recordRunOwner(dir);
  const logPath = join(dir, 'output.log');
  const summaryPath = join(dir, 'summary.json');
  const handle: FileHandle = await open(logPath, 'a', 0o600);
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  /** Chunks waiting for the write in front of them to finish; they are written together. */
  let batch: { chunks: Uint8Array[]; written: Promise<void> } | null = null;
  const queue = (task: () => Promise<void>): Promise<void> => {
    const next = tail.then(task);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    dir,
    logPath,
    summaryPath,
    appendLog: (chunk) => {
      if (closed) return Promise.reject(new Error(`The log of run ${runId} is already closed.`));
      // Chunks that arrive while a write is under way go out together in one writev: a flood comes in
      // 32 KiB packets, and one write each made the disk the pace of the stream.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (batch !== null) {
        batch.chunks.push(bytes);
        return batch.written;
      }
      const next = { chunks: [bytes], written: Promise.resolve() };
      batch = next;
      next.written = queue(async () => {
        batch = null;
        await writeAll(handle, next.chunks);
      });
      return next.written;
    },
    writeSummary: (summary) => writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`),
    close: () => {
      if (closed) return tail;
      closed = true;
      return queue(async () => {
        await handle.sync();
        await handle.close();
      });
    },
  };
}

/** Appends every chunk in order, going on where the OS wrote only part of them. */
async function writeAll(handle: FileHandle, chunks: Uint8Array[]): Promise<void> {
  let rest = chunks;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    let skip = bytesWritten;
    const left: Uint8Array[] = [];
    for (const chunk of rest) {
      if (skip >= chunk.length) skip -= chunk.length;
      else {
        left.push(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      }
    }
    rest = left;
  }
}
