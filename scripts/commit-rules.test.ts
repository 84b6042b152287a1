import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { problemsOf } from './commit-rules.mjs';

const GOOD = 'Detached steps ignore the hang-up\n\nWhy it was needed, and what it affects.\n';

describe('commit message rules', () => {
  it('accept a short subject, a blank line and a body', () => {
    expect(problemsOf(GOOD)).toEqual([]);
    expect(problemsOf(`${'x'.repeat(72)}\n\nBody.\n# a comment git strips\n`)).toEqual([]);
  });

  it('name the line and the fix for each broken rule', () => {
    expect(problemsOf(`${'x'.repeat(73)}\n\nBody.`)).toEqual([expect.stringMatching(/^Line 1: the subject has 73 characters; keep it to 72/)]);
    expect(problemsOf('Subject\ncontinues here\n\nBody.')).toEqual([expect.stringMatching(/^Line 2: .*leave line 2 blank/)]);
    expect(problemsOf('Subject only\n')).toEqual([expect.stringMatching(/^The body is missing/)]);
    expect(problemsOf('\n\nBody.')).toEqual([expect.stringMatching(/^Line 1: the subject is empty/)]);
  });
});

describe('the commit-msg check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-commit-msg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (message: string) => {
    const file = path.join(dir, 'MSG');
    writeFileSync(file, message);
    return spawnSync(process.execPath, ['scripts/check-commits.mjs', '--message', file], { encoding: 'utf8' });
  };

  it('lets a good message through and refuses a bad one with its reasons', () => {
    expect(check(GOOD).status).toBe(0);
    const refused = check(`${'y'.repeat(80)}\n`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/80 characters/);
    expect(refused.stderr).toMatch(/body is missing/);
  });
});
