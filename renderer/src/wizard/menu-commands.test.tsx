// @vitest-environment jsdom
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedDialogs, tempDir } from '../../../electron/services.test-support';
import { renderShell } from '../targets/render-shell.test-support';

// The native menu's commands arrive as `menu.command` events through the
// bridge's subscribe, as the preload delivers them, and drive the wizard.
let removeDir: (() => Promise<void>) | null = null;
afterEach(async () => {
  await removeDir?.();
  removeDir = null;
});

describe('menu commands', () => {
  it('open the new, open and import dialogs, switching to the wizard first', async () => {
    const { events, store } = await renderShell({ screen: 'targets' });
    await waitFor(() => expect(events.count('menu.command')).toBe(1));
    for (const [command, title] of [
      ['profile.new', 'New profile'],
      ['profile.open', 'Open a profile'],
      ['answerfile.import', 'Import an answer file'],
    ] as const) {
      act(() => events.emit('menu.command', { command }));
      expect(await screen.findByRole('dialog', { name: title })).toBeInTheDocument();
      expect(store.getState().ui.screen).toBe('wizard');
      act(() => store.getState().ui.setScreen('targets'));
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    }
  });

  it('show the start page from any screen, with its four ways in', async () => {
    const { events, store } = await renderShell({ screen: 'targets' });
    await waitFor(() => expect(events.count('menu.command')).toBe(1));
    act(() => events.emit('menu.command', { command: 'app.start' }));
    expect(store.getState().ui.screen).toBe('start');
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'Install Alpine on a box',
      'Prepare a boot medium for a headless box',
      'Manage boxes I already have',
      'Write or check an answer file',
    ]);
  });

  it('save the profile through the main process, once per command', async () => {
    // From another screen: the wizard mounts with the command waiting, under StrictMode's double effects.
    const { events, store, h } = await renderShell({ screen: 'targets' });
    act(() => store.getState().wizard.update((p) => ({ ...p, name: 'Menu saved' })));
    act(() => events.emit('menu.command', { command: 'profile.save' }));
    await waitFor(() => expect(store.getState().wizard.profileId).not.toBeNull());
    expect((await h.services.profiles.list()).profiles.map((p) => p.name)).toEqual(['Menu saved']);
    expect(screen.getByRole('status')).toHaveTextContent('Saved “Menu saved”.');
    expect((await h.logText()).match(/ipc profiles:save ok/g)).toHaveLength(1);
  });

  it('export the answer file where the save dialog points', async () => {
    const dir = await tempDir();
    removeDir = dir.cleanup;
    const path = join(dir.dir, 'box.answers');
    const { events } = await renderShell({ dialogs: scriptedDialogs({ save: path }).dialogs });
    act(() => events.emit('menu.command', { command: 'answerfile.export' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(`Answer file saved as ${path}.`));
    expect(await readFile(path, 'utf8')).toContain('HOSTNAMEOPTS=alpine');
  });

  it('ignore a command outside the contract, and stop listening when the window closes', async () => {
    const { events, store, unmount } = await renderShell({ screen: 'targets' });
    await waitFor(() => expect(events.count('menu.command')).toBe(1));
    act(() => events.emit('menu.command', { command: 'shell.exec' }));
    expect(store.getState().ui.screen).toBe('targets');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    unmount();
    expect(events.count('menu.command')).toBe(0);
  });
});
