import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { openRunFiles } from './runs';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('run files', () => {
  it('appends output in call order and keeps it when the run is reopened', async () => {
    const run = await openRunFiles(dir, 'run-1');
    await Promise.all(Array.from({ length: 50 }, (_, i) => run.appendLog(`line ${i}\n`)));
    await run.close();
    const again = await openRunFiles(dir, 'run-1');
    await again.appendLog(Buffer.from('after reconnect\n'));
    await again.close();
    const expected = `${Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join('')}after reconnect\n`;
    expect(await readFile(join(dir, 'run-1', 'output.log'), 'utf8')).toBe(expected);
    await expect(again.appendLog('late')).rejects.toThrow(/already closed/);
  });

  it('keeps every byte in order when a flood of chunks arrives faster than the disk takes them', async () => {
    const run = await openRunFiles(dir, 'run-flood');
    // More chunks than one writev takes (IOV_MAX is 1024), of uneven sizes, none awaited before the next.
    const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i}:${'x'.repeat(i % 97)}\n`));
    const written = chunks.map((chunk) => run.appendLog(chunk));
    await Promise.all(written);
    await run.close();
    expect(await readFile(run.logPath)).toEqual(Buffer.concat(chunks));
  });

  it('replaces the summary whole each time', async () => {
    const run = await openRunFiles(dir, 'run-2');
    await run.writeSummary({ status: 'running', steps: 1 });
    await run.writeSummary({ status: 'succeeded', steps: 9 });
    await run.close();
    expect(JSON.parse(await readFile(run.summaryPath, 'utf8'))).toEqual({ status: 'succeeded', steps: 9 });
    expect((await readdir(run.dir)).sort()).toEqual(['output.log', 'owner.json', 'summary.json']);
  });

  it('refuses a run id that could leave the runs folder', async () => {
    await expect(openRunFiles(dir, '../escape')).rejects.toThrow(/not one Cairn makes/);
  });
});
