import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api/events';

/**
 * The native menu. Profile and answer-file commands are carried out by the
 * window (it holds the form), so the items only forward a `menu.command` event.
 */
export function menuTemplate(send: (command: MenuCommand) => void, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(command),
  });
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('Start Page', 'app.start'),
      { type: 'separator' },
      item('New Profile', 'profile.new', 'CmdOrCtrl+N'),
      item('Open Profile…', 'profile.open', 'CmdOrCtrl+O'),
      item('Save Profile', 'profile.save', 'CmdOrCtrl+S'),
      { type: 'separator' },
      item('Import Answer File…', 'answerfile.import', 'CmdOrCtrl+I'),
      item('Export Answer File…', 'answerfile.export', 'CmdOrCtrl+E'),
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }];
}
