import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';

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
