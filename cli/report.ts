import type { CliIo } from './inputs';

/**
 * Where a box command's output goes. For people: progress and notes on
 * stderr, the answer on stdout. With --json: stdout holds only JSON, one
 * object per line, each with a `type`; stderr only says what went wrong.
 */
export interface Reporter {
  readonly json: boolean;
  /** Progress and notes for people (stderr); nothing with --json. */
  note(text: string): void;
  /** Something that went wrong, for people (stderr), with --json too. */
  problem(text: string): void;
  /** An object for scripts (stdout); nothing without --json. */
  event<T extends { readonly type: string }>(object: T): void;
  /** The command's answer: the text for people, or the object for scripts. */
  answer<T extends { readonly type: string }>(text: string, object: T): void;
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export function createReporter(io: CliIo, json: boolean): Reporter {
  const event = (object: { readonly type: string }) => {
    if (json) io.stdout(`${JSON.stringify(object)}\n`);
  };
  return {
    json,
    note: (text) => {
      if (!json) io.stderr(line(text));
    },
    problem: (text) => io.stderr(line(text)),
    event,
    answer: (text, object) => (json ? event(object) : io.stdout(line(text))),
  };
}
