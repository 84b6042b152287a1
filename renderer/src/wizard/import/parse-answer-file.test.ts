import { describe, expect, it } from 'vitest';
import { engine } from '../../engine/engine';
import { parseAnswerFile } from './parse-answer-file';

// Under vitest there is no Worker, so this runs parse-answer-file's in-thread
// path: the same parse() and the same cap the worker applies.
describe('parsing an imported answer file', () => {
  // 300,000 notes: more than once made parse() overflow the stack (the journey imports 10 MB).
  it('reads a file of 300,000 stray lines, keeping the first 200 notes and the count', async () => {
    const hostile = `HOSTNAMEOPTS=big-box\n${'rm -rf /\n'.repeat(300_000)}`;
    const { profile, listed, total } = await parseAnswerFile(hostile, engine);
    expect(profile.hostname).toBe('big-box');
    expect(total).toBeGreaterThan(300_000);
    expect(listed).toHaveLength(200);
    expect(listed[0]).toMatchObject({ line: 2, message: expect.stringContaining('Cairn never runs commands from an answer file') });
  });

  it('turns a parse that throws into a rejection', async () => {
    const broken = {
      parse: () => {
        throw new Error('no');
      },
    };
    await expect(parseAnswerFile('x', broken)).rejects.toThrow('no');
  });
});
