import type { Profile } from '../../../../shared/profile/schema';
import type { Engine } from '../../engine/engine';
import { capDiagnostics, type CappedDiagnostics } from './diagnostic-cap';

export interface ParseRequest {
  text: string;
}

export type ParseReply = ({ ok: true; profile: Profile } & CappedDiagnostics) | { ok: false; message: string };

export interface ParsedImport extends CappedDiagnostics {
  profile: Profile;
}

/** Thrown when the caller aborted the parse (the dialog was cancelled). */
export class ParseCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
  }
}

/**
 * Parses an imported answer file in a Web Worker (parse-worker.ts), so the
 * window keeps painting and answering while a large file is read; aborting
 * the signal ends the worker. Where there are no workers (jsdom in unit
 * tests) the engine's parse() runs here instead, capped the same way.
 */
export function parseAnswerFile(text: string, engine: Pick<Engine, 'parse'>, signal?: AbortSignal): Promise<ParsedImport> {
  if (typeof Worker === 'undefined') {
    return new Promise((resolve) => {
      const { profile, diagnostics } = engine.parse(text);
      resolve({ profile, ...capDiagnostics(diagnostics) });
    });
  }
  return new Promise<ParsedImport>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ParseCancelled());
      return;
    }
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'answer-file-parser' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      finish();
      reject(new ParseCancelled());
    };
    signal?.addEventListener('abort', cancel);
    worker.onmessage = ({ data }: MessageEvent<ParseReply>) => {
      finish();
      if (data.ok) resolve({ profile: data.profile, listed: data.listed, total: data.total });
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'The answer file reader stopped.'));
    };
    const request: ParseRequest = { text };
    worker.postMessage(request);
  });
}
