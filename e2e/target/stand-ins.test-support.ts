import { readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './paths';
import type { StandInRecord } from './stand-ins-types';
import type { TestTarget } from './target-types';

/** A real setup-alpine run from ../shared/alpine/setup-alpine-runs/ (read at test time, never copied). */
export function realRun(name: string): { answers: string; output: string } {
  const dir = path.resolve(REPO_ROOT, '..', 'shared', 'alpine', 'setup-alpine-runs', name);
  return {
    answers: readFileSync(path.join(dir, 'answers'), 'utf8'),
    output: readFileSync(path.join(dir, 'output.log'), 'utf8'),
  };
}

/** The section headings of setup-alpine output: a line followed by a line of dashes. */
export function headings(output: string): string[] {
  const lines = output.split('\n');
  return lines.filter((line, i) => line.trim() !== '' && /^-+$/.test(lines[i + 1] ?? ''));
}

/** An answer file with some variables replaced (KEY=value lines; multi-line values are kept as they are). */
export function withAnswers(answers: string, changes: Record<string, string>): string {
  let text = answers;
  for (const [key, value] of Object.entries(changes)) {
    const line = new RegExp(`^${key}=.*$`, 'm');
    text = line.test(text) ? text.replace(line, `${key}=${value}`) : `${text}${key}=${value}\n`;
  }
  return text;
}

/**
 * Takes a file out of a target's chroot (a keymap, a zone), as if the box's
 * package lacked it, so the real installer fails there as it would on such
 * a box. Returns how to put it back.
 */
export async function hideOnBox(target: TestTarget, file: string): Promise<() => Promise<void>> {
  const at = path.join(target.root ?? '', file);
  // A name the installer's globs (like us.bmap*) cannot match.
  const aside = path.join(path.dirname(at), `.hidden-${path.basename(at)}`);
  await rename(at, aside);
  return () => rename(aside, at);
}

/** How many times setup-alpine reached its disk step: it calls `setup-disk -w FILE` there, once per run. */
export const installerRuns = (records: readonly StandInRecord[]): number => records.filter((r) => r.tool === 'setup-disk' && r.argv[0] === '-w').length;
