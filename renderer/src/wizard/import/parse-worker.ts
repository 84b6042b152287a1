import { z } from 'zod';
import { parse } from '../../../../shared/answerfile';
import { capDiagnostics } from './diagnostic-cap';
import type { ParseReply, ParseRequest } from './parse-answer-file';

// The Web Worker that reads an imported answer file (parse-answer-file.ts
// starts it). A 10 MB file takes seconds to parse and can yield a million
// diagnostics; here that time passes off the window's thread, and only the
// profile and the first diagnostics travel back (copying a million objects
// into the window would cost nearly as much as making them).

// As in main.tsx: the CSP forbids the `new Function` zod would probe for.
z.config({ jitless: true });

interface WorkerScope {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  try {
    const { profile, diagnostics } = parse(data.text);
    scope.postMessage({ ok: true, profile, ...capDiagnostics(diagnostics) });
  } catch (e) {
    scope.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};
