import { MID_LINE_PHRASE, findingOf, mayStartFinding, type Finding } from './findings';
import { PROMPT_REPEATS, PromptCounter, lastVisible, mayEndPrompt, promptLoopFinding, repeatedPromptAtEnd } from './prompt-loop';
import { headingProgress, type Progress, type Section } from './sections';

export type AnalyserEvent = { kind: 'progress'; progress: Progress } | { kind: 'finding'; finding: Finding };

export interface AnalyserOptions {
  /** Times the same prompt may appear before it is a loop (default 5). */
  promptRepeats?: number;
}

// eslint-disable-next-line no-control-regex -- colour codes are what is being removed
const COLOUR = /\x1b\[[0-9;]*m/g;
/** An unfinished line longer than this is checked for a prompt repeated without newlines. */
const CHECK_EVERY = 1024;
/** A heading is a title line followed by a line of dashes. */
const DASH = 45;
/** Output without newlines is kept only this far back. */
const KEEP = 64 * 1024;

/**
 * Reads setup-alpine's output as it streams, in chunks cut anywhere: turns
 * section headings into progress and known error lines into findings, and
 * notices a prompt that repeats because nobody answers it.
 */
export class OutputAnalyser {
  progress: Progress | null = null;
  readonly findings: Finding[] = [];
  /** Set once a prompt loop is seen; the caller should stop the command. */
  promptLoop: Finding | null = null;
  private pending = '';
  private checkedAt = 0;
  /** The line before, for a heading (its title comes before its dashes); kept as a range of the chunk until needed. */
  private previous: string | { text: string; start: number; end: number } = '';
  private readonly prompts: PromptCounter;
  private readonly repeats: number;
  private readonly seen = new Set<string>();

  constructor(options: AnalyserOptions = {}) {
    this.repeats = options.promptRepeats ?? PROMPT_REPEATS;
    this.prompts = new PromptCounter(this.repeats);
  }

  get section(): Section | null {
    return this.progress?.section ?? null;
  }

  feed(text: string): AnalyserEvent[] {
    const events: AnalyserEvent[] = [];
    let start = 0;
    // Where the next colour code and mid-line finding phrase are in this chunk (-1: none), found once, not per line.
    let esc = text.indexOf('\x1b');
    let phrase = text.indexOf(MID_LINE_PHRASE);
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      while (esc !== -1 && esc < start) esc = text.indexOf('\x1b', start);
      while (phrase !== -1 && phrase < start) phrase = text.indexOf(MID_LINE_PHRASE, start);
      const plain = this.pending === '' && (esc === -1 || esc > nl) && (phrase === -1 || phrase > nl);
      if (plain && this.quiet(text, start, nl)) {
        // Nothing to find in it: only remembered as the line before, without a copy.
        this.previous = { text, start, end: text.charCodeAt(nl - 1) === 13 && nl > start ? nl - 1 : nl };
      } else {
        const piece = text.slice(start, nl);
        const line = this.pending === '' ? piece : this.pending + piece;
        this.pending = '';
        this.checkedAt = 0;
        this.line(line, events);
      }
      start = nl + 1;
    }
    if (start < text.length) {
      this.pending += text.slice(start);
      if (this.pending.length > KEEP) this.pending = this.pending.slice(-KEEP);
      if (this.pending.length - this.checkedAt >= CHECK_EVERY) {
        this.checkedAt = this.pending.length;
        const prompt = repeatedPromptAtEnd(this.pending, this.repeats);
        if (prompt) this.loop(prompt, events);
      }
    }
    return events;
  }

  /** The last line, when the output does not end with a newline. */
  end(): AnalyserEvent[] {
    const events: AnalyserEvent[] = [];
    if (this.pending !== '') this.line(this.pending, events);
    this.pending = '';
    return events;
  }

  private line(raw: string, events: AnalyserEvent[]): void {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.includes('\x1b')) line = line.replace(COLOUR, '');
    const progress = line.charCodeAt(0) === DASH ? headingProgress(this.previousLine(), line) : null;
    this.previous = line;
    if (progress) {
      this.progress = progress;
      this.prompts.reset();
      events.push({ kind: 'progress', progress });
      return;
    }
    const finding = findingOf(line, this.section);
    if (finding) this.add(finding, events);
    const prompt = this.prompts.see(line);
    if (prompt) this.loop(prompt, events);
  }

  /**
   * A line that can be no heading's dashes, no finding and no prompt; most
   * of a flood is such lines, and skipping them spares a copy of each.
   * Called only for lines without colour codes or the mid-line phrase.
   */
  private quiet(text: string, start: number, end: number): boolean {
    if (start === end) return true;
    const first = text.charCodeAt(start);
    return first !== DASH && !mayStartFinding(first) && !mayEndPrompt(lastVisible(text, start, end));
  }

  private previousLine(): string {
    if (typeof this.previous !== 'string') this.previous = this.previous.text.slice(this.previous.start, this.previous.end);
    return this.previous;
  }

  private loop(prompt: string, events: AnalyserEvent[]): void {
    if (this.promptLoop) return;
    this.promptLoop = promptLoopFinding(prompt, this.repeats, this.section);
    this.add(this.promptLoop, events);
  }

  private add(finding: Finding, events: AnalyserEvent[]): void {
    const key = `${finding.kind}\n${finding.line}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(finding);
    events.push({ kind: 'finding', finding });
  }
}

/** The worst severity among findings: what they make of a step that exited 0. */
export function verdictOf(findings: readonly Finding[]): 'ok' | 'warning' | 'error' {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length > 0 ? 'warning' : 'ok';
}
