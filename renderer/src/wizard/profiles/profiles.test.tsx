// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storePaths } from '../../../../electron/store';
import { openStep, renderApp } from '../../test-support/render-app.test-support';

const preview = () => (screen.getByLabelText('Answer file text') as HTMLTextAreaElement).value;
const saveState = () => screen.getByText(/^(Unsaved changes|Saved|Not saved yet)$/).textContent;

async function rename(user: ReturnType<typeof renderApp>['user'], name: string) {
  const field = screen.getByRole('textbox', { name: 'Profile name' });
  await user.clear(field);
  await user.type(field, name);
}

async function setHostname(user: ReturnType<typeof renderApp>['user'], hostname: string) {
  await openStep(user, 'Hostname');
  const field = screen.getByRole('textbox', { name: 'Hostname' });
  await user.clear(field);
  await user.type(field, hostname);
}

describe('profiles', () => {
  it('saves the profile under its name and says so', async () => {
    const { user, client } = renderApp();
    expect(saveState()).toBe('Not saved yet');
    await rename(user, 'Office');
    expect(saveState()).toBe('Unsaved changes');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect((await client.list()).map((p) => p.name)).toEqual(['Office']);
    expect(screen.getByRole('status')).toHaveTextContent('Saved “Office”.');
  });

  it('asks before opening another profile over unsaved changes', async () => {
    const { user } = renderApp();
    await rename(user, 'First');
    await setHostname(user, 'first-box');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    await setHostname(user, 'changed-box');

    await user.click(screen.getByRole('button', { name: 'Open…' }));
    await user.click(await screen.findByRole('button', { name: 'Open First' }));
    // The profile comes from the main process, so the question follows its answer.
    const ask = await screen.findByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await waitFor(() => expect(within(ask).getByRole('button', { name: 'Keep editing' })).toHaveFocus());
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('textbox', { name: 'Hostname' })).toHaveValue('changed-box');

    await user.click(screen.getByRole('button', { name: 'Open…' }));
    await user.click(await screen.findByRole('button', { name: 'Open First' }));
    await user.click(await screen.findByRole('button', { name: 'Discard changes' }));
    expect(preview()).toContain('HOSTNAMEOPTS=first-box');
    expect(saveState()).toBe('Saved');
  });

  it('duplicates and deletes saved profiles, confirming the delete', async () => {
    const { user, client } = renderApp();
    await rename(user, 'Base');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    await user.click(await screen.findByRole('button', { name: 'Duplicate Base' }));
    expect(await screen.findByRole('button', { name: 'Open Base (copy)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete Base (copy)' }));
    const confirm = screen.getByRole('group', { name: 'Delete Base (copy)?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted “Base (copy)”.');
    expect((await client.list()).map((p) => p.name)).toEqual(['Base']);

    // Deleting the profile on screen leaves it on screen, unsaved.
    await user.click(screen.getByRole('button', { name: 'Delete Base' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted “Base”.');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(saveState()).toBe('Unsaved changes');
  });

  it('starts from a template, and a fresh template is replaced without asking', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'New…' }));
    await user.click(screen.getByRole('button', { name: 'Router' }));
    expect(screen.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Router');
    expect(preview()).toContain('address 192.168.1.1/24');
    expect(preview()).toContain('CAIRN_IP_FORWARDING=1');
    await user.click(screen.getByRole('button', { name: 'New…' }));
    await user.click(screen.getByRole('button', { name: 'Diskless IoT board' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(preview()).toContain('LBUOPTS=mmcblk0p1');
  });

  it('asks before an import replaces unsaved changes', async () => {
    const { user } = renderApp();
    await setHostname(user, 'mine');
    await user.click(screen.getByRole('button', { name: 'Import answer file…' }));
    await user.click(screen.getByRole('textbox', { name: /Pasted answer file/ }));
    await user.paste('HOSTNAMEOPTS=theirs\n');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(preview()).toContain('HOSTNAMEOPTS=mine');
  });

  it('opens a profile saved by an older Cairn, upgraded', async () => {
    const { user, main } = renderApp();
    const v1 = { schemaVersion: 1, name: 'Old one', keymap: 'us us', hostname: 'old', interfaces: [{ name: 'eth0', dhcp: true }], packages: 'htop', disk: { disks: [] } };
    // As an older Cairn left it in the main process's profile folder.
    const { profiles } = storePaths((await main).dir);
    await mkdir(profiles, { recursive: true });
    await writeFile(join(profiles, 'old.json'), JSON.stringify({ storeVersion: 1, id: 'old', updatedAt: new Date(0).toISOString(), profile: v1 }));
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    await user.click(await screen.findByRole('button', { name: 'Open Old one' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Opened “Old one”, upgraded from format 1.'));
    expect(preview()).toContain('CAIRN_PACKAGES=htop');
  });

  it('says in the template list everything a template puts on the box', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'New…' }));
    const iot = screen.getByRole('button', { name: 'Diskless IoT board' });
    expect(iot).toHaveAccessibleDescription(expect.stringMatching(/adds mosquitto; starts mosquitto at boot/));
    expect(screen.getByRole('button', { name: 'Virtual machine' })).toHaveAccessibleDescription(expect.stringMatching(/erases and installs to \/dev\/vda/));
  });
});
