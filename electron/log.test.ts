import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLog } from './log';
import { tempDir } from './services.test-support';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const now = () => new Date('2026-03-01T10:00:00.000Z');

describe('the main-process log', () => {
  it('writes timestamped lines with error stacks and causes', async () => {
    const log = createLog({ file: join(dir, 'logs', 'main.log'), now });
    log.error('run failed', new Error('connect ECONNREFUSED', { cause: new Error('socket closed') }));
    log.debug('not written at the default level');
    const text = await readFile(log.file, 'utf8');
    expect(text).toMatch(/^2026-03-01T10:00:00.000Z ERROR run failed Error: connect ECONNREFUSED\n\s+at /);
    expect(text).toContain('caused by: Error: socket closed');
    expect(text).not.toContain('not written');
  });

  it('replaces registered secrets wherever they appear, the longest first', async () => {
    const log = createLog({ file: join(dir, 'main.log'), now });
    log.redact('hunter2');
    log.redact('hunter2-extended');
    log.warn('login with hunter2-extended failed', { note: 'tried hunter2 too' });
    const text = await readFile(log.file, 'utf8');
    expect(text).toBe('2026-03-01T10:00:00.000Z WARN login with [redacted] failed {"note":"tried [redacted] too"}\n');
  });

  it('keeps one older generation when the file has grown too large', async () => {
    const file = join(dir, 'main.log');
    await writeFile(file, 'x'.repeat(200));
    const log = createLog({ file, rotateBytes: 100, now });
    log.info('fresh start');
    expect(await readFile(`${file}.1`, 'utf8')).toBe('x'.repeat(200));
    expect(await readFile(file, 'utf8')).toBe('2026-03-01T10:00:00.000Z INFO fresh start\n');
  });
});
