import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
let dir = '';
afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('restores the size and place the window had', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-ws-'));
    const file = join(dir, 'window-state.json');
    await saveWindowState(file, { x: 200, y: 100, width: 1400, height: 900, maximized: true });
    expect(await loadWindowState(file, screen)).toEqual({ x: 200, y: 100, width: 1400, height: 900, maximized: true });
  });

  it('opens at the default size when nothing was saved or the file is damaged', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-ws-'));
    expect(await loadWindowState(join(dir, 'missing.json'), screen)).toEqual({ width: 1280, height: 820, maximized: false });
    await writeFile(join(dir, 'bad.json'), '{ not json');
    expect((await loadWindowState(join(dir, 'bad.json'), screen)).width).toBe(1280);
  });

  it('brings back a window left on a monitor that is gone, keeping its size', () => {
    expect(fitToDisplays({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }, screen)).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('never restores a window smaller than usable', () => {
    expect(fitToDisplays({ x: 10, y: 10, width: 50, height: 20, maximized: false }, screen)).toMatchObject({ width: 900, height: 600 });
  });
});
