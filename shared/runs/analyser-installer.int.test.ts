import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstallerOracle } from '../../e2e/target/installer-oracle';
import { OutputAnalyser } from './analyser';

const RUNS = path.resolve(import.meta.dirname, '../../../shared/alpine/setup-alpine-runs');
const answers = (name: string) => readFileSync(path.join(RUNS, name, 'answers'), 'utf8');

let oracle: InstallerOracle;
beforeAll(async () => {
  oracle = await InstallerOracle.start();
});
afterAll(() => oracle?.stop());

/** What the runner's analyser makes of the real setup-alpine's output for an answer file, fed as it streams. */
async function analysed(text: string, timeoutMs?: number) {
  const run = await oracle.run(text, { timeoutMs });
  const analyser = new OutputAnalyser();
  const sections: string[] = [];
  for (let at = 0; at < run.output.length; at += 97) {
    for (const e of analyser.feed(run.output.slice(at, at + 97))) if (e.kind === 'progress') sections.push(e.progress.section);
  }
  analyser.end();
  return { run, analyser, sections };
}

describe('the runner reading the real setup-alpine as it prints', () => {
  it('follows every section of a good run and finds nothing', async () => {
    const { run, analyser, sections } = await analysed(answers('ok'));
    expect(run.code).toBe(0);
    expect(sections).toEqual(['Keymap', 'Hostname', 'Interface', 'Timezone', 'Proxy', 'Network Time Protocol', 'APK Mirror', 'User', 'Disk & Install']);
    expect(analyser.findings).toEqual([]);
  });

  it('warns about a zone the box lacks although it exits 0', async () => {
    const { run, analyser } = await analysed(answers('badzone'));
    expect(run.code).toBe(0);
    expect(analyser.findings).toEqual([expect.objectContaining({ kind: 'invalid-timezone', section: 'Timezone' })]);
  });

  it('says no user was created when USEROPTS splits', async () => {
    const { run, analyser } = await analysed(answers('splituser'));
    expect(run.code).toBe(0);
    expect(analyser.findings).toEqual([expect.objectContaining({ kind: 'user-not-created', severity: 'error', section: 'User' })]);
  });

  it('notices the endless keymap prompt', async () => {
    const { run, analyser } = await analysed(answers('badkeymap'), 3000);
    expect(run.code).toBeNull();
    expect(analyser.promptLoop).toMatchObject({ kind: 'prompt-loop', section: 'Keymap' });
    expect(analyser.promptLoop?.reason).toContain("Select variant (or 'abort'):");
  });
});
