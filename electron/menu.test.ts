import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../shared/api/events';
import { menuTemplate } from './menu';

const fileItems = (t: MenuItemConstructorOptions[]) => ((t.find((m) => m.label === '&File')?.submenu ?? []) as MenuItemConstructorOptions[]).filter((i) => i.label);

describe('native menu', () => {
  it('offers the start page, new, open and save profile and answer-file import and export, with shortcuts', () => {
    const items = fileItems(menuTemplate(() => {}, 'linux'));
    expect(items.map((i) => [i.label, i.accelerator])).toEqual([
      ['Start Page', undefined],
      ['New Profile', 'CmdOrCtrl+N'],
      ['Open Profile…', 'CmdOrCtrl+O'],
      ['Save Profile', 'CmdOrCtrl+S'],
      ['Import Answer File…', 'CmdOrCtrl+I'],
      ['Export Answer File…', 'CmdOrCtrl+E'],
    ]);
  });

  it('forwards each item to the window as a menu command', () => {
    const sent: MenuCommand[] = [];
    for (const i of fileItems(menuTemplate((c) => sent.push(c), 'linux'))) (i.click as () => void)();
    expect(sent).toEqual(['app.start', 'profile.new', 'profile.open', 'profile.save', 'answerfile.import', 'answerfile.export']);
  });

  it('follows the macOS convention of an app menu', () => {
    expect(menuTemplate(() => {}, 'darwin')[0]).toEqual({ role: 'appMenu' });
    expect(menuTemplate(() => {}, 'linux')[0]?.label).toBe('&File');
  });
});
