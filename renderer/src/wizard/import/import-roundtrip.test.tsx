// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../electron/services.test-support';
import { engine } from '../../engine/engine';
import { openStep, renderApp } from '../../test-support/render-app.test-support';
import { HAND_WRITTEN_ANSWERS } from './fixture.test-support';

const preview = () => (screen.getByLabelText('Answer file text') as HTMLTextAreaElement).value;

describe('importing an answer file', () => {
  it('fills the form, lists what it noticed by line, and exports exactly the rendered profile', async () => {
    const chosen = await tempDir();
    const saveTo = join(chosen.dir, 'chosen.answers');
    const { user, dialogsShown } = renderApp({ dialogs: { save: saveTo } });
    await user.click(screen.getByRole('button', { name: 'Import answer file…' }));
    const dialog = screen.getByRole('dialog', { name: 'Import an answer file' });
    await user.click(within(dialog).getByRole('textbox', { name: /Pasted answer file/ }));
    await user.paste(HAND_WRITTEN_ANSWERS);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    // The form shows the file's values, step by step.
    expect(screen.getByRole('combobox', { name: 'Layout' })).toHaveAccessibleDescription(expect.stringMatching(/Chosen: de\./));
    expect(screen.getByRole('combobox', { name: 'Variant' })).toHaveValue('de-nodeadkeys');
    await openStep(user, 'Hostname');
    expect(screen.getByRole('textbox', { name: 'Hostname' })).toHaveValue('ops-box');
    await openStep(user, 'Network');
    expect(screen.getByRole('radio', { name: 'Static IPv4 address' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'IPv4 address' })).toHaveValue('192.0.2.10');
    expect(screen.getByRole('textbox', { name: 'Prefix length' })).toHaveValue('24');
    await openStep(user, 'Time zone');
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toHaveAccessibleDescription(expect.stringMatching(/Chosen: Europe\/Vienna\./));
    await openStep(user, 'NTP');
    expect(screen.getByRole('radio', { name: 'OpenNTPD' })).toBeChecked();
    await openStep(user, 'User & SSH keys');
    expect(screen.getByRole('textbox', { name: 'User name' })).toHaveValue('ops');
    await openStep(user, 'Disk');
    expect(screen.getByRole('textbox', { name: 'Disks' })).toHaveValue('/dev/vda');
    expect(screen.getByRole('textbox', { name: 'Swap size' })).toHaveValue('1024');

    // What import noticed, with line numbers.
    const report = screen.getByRole('region', { name: /Imported from pasted text: 2 notes/ });
    expect(within(report).getByText('Line 21')).toBeInTheDocument();
    expect(within(report).getByText(/ERASE_DISKS is not set/)).toBeInTheDocument();
    expect(within(report).getByText('Line 24')).toBeInTheDocument();
    expect(within(report).getByText(/EXTRAOPTS is not a variable/)).toBeInTheDocument();

    // The preview and the saved file are the rendering of the parsed profile.
    const expected = engine.render(engine.parse(HAND_WRITTEN_ANSWERS).profile);
    expect(preview()).toBe(expected);
    await user.click(screen.getByRole('button', { name: 'Save as file…' }));
    await waitFor(async () => expect(await readFile(saveTo, 'utf8').catch(() => null)).toBe(expected));
    expect(dialogsShown).toEqual([expect.objectContaining({ defaultPath: 'ops-box.answers' })]);
    await chosen.cleanup();
  });

  it('leads from a diagnostic to its step and focuses the field', async () => {
    const { user, store } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Import answer file…' }));
    await user.click(screen.getByRole('textbox', { name: /Pasted answer file/ }));
    await user.paste(HAND_WRITTEN_ANSWERS);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(screen.getByRole('button', { name: 'Go to Disk (line 21)' }));
    expect(store.getState().wizard.step).toBe('disk');
    expect(screen.getByRole('textbox', { name: 'Disks' })).toHaveFocus();
  });

  it('reads a dropped file', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Import answer file…' }));
    const file = new File([HAND_WRITTEN_ANSWERS], 'office.answers', { type: 'text/plain' });
    fireEvent.drop(screen.getByText(/Drop an answer file here/).parentElement as HTMLElement, { dataTransfer: { files: [file] } });
    expect(await screen.findByRole('textbox', { name: 'Pasted answer file (from office.answers)' })).toHaveValue(HAND_WRITTEN_ANSWERS);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(screen.getByRole('textbox', { name: 'Profile name' })).toHaveValue('office');
  });
});
