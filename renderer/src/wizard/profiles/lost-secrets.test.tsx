// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../../electron/services';
import { fakeSafeStorage, scriptedDialogs } from '../../../../electron/services.test-support';
import { defaultProfile, type Profile } from '../../../../shared/profile';
import { renderShell } from '../../targets/render-shell.test-support';
import { openStep, stepStatus } from '../../test-support/render-app.test-support';

// Without a system keyring Cairn keeps wifi and disk passphrases for the
// session only. A profile saved in an earlier session comes back without them:
// the wizard must say so by each field until it is entered again.
const LOST = 'This passphrase was kept only until Cairn last closed: enter it again';
const noKeyring = () => fakeSafeStorage({ available: false });

function sensor(): Profile {
  const base = defaultProfile();
  const eth0 = base.interfaces[0]!;
  return {
    ...base,
    name: 'Sensor',
    interfaces: [eth0, { ...eth0, name: 'wlan0', wifi: { ssid: 'Home', passphrase: 'correct horse' } }],
    disk: { ...base.disk, mode: 'sys', disks: ['/dev/sda'], encrypt: true, passphrase: 'open sesame 42' },
  };
}

/** Saves the profile as an earlier run of Cairn over the same folder did: its session, and the secrets it held, are gone. */
async function savedInEarlierSession(userData: string, profile: Profile): Promise<void> {
  const earlier = await createServices({
    userData,
    safeStorage: noKeyring(),
    dialogs: scriptedDialogs({}).dialogs,
    sshConfig: { path: `${userData}/no-ssh-config`, homeDir: userData, localUser: 'tester' },
    app: { name: 'Cairn', version: '0.1.0' },
  });
  const saved = await earlier.services.profiles.save(profile);
  if (!saved.ok) throw new Error(saved.error.message);
}

async function openSaved(user: Awaited<ReturnType<typeof renderShell>>['user'], name: string) {
  await user.click(screen.getByRole('button', { name: 'Open…' }));
  await user.click(await screen.findByRole('button', { name: `Open ${name}` }));
}

describe('opening a profile whose passphrases were lost with an ended session', () => {
  it('says so once, and by the wifi and disk passphrase fields until something is typed there', async () => {
    const { user, store } = await renderShell({ safeStorage: noKeyring(), seed: (h) => savedInEarlierSession(h.dir, sensor()) });
    await openSaved(user, 'Sensor');
    const status = screen.getByRole('status');
    expect(
      await within(status).findByText(
        /^Opened “Sensor”\. Its wifi and disk passphrases were kept only until Cairn last closed: enter them again on the Network and Disk steps, then save\.$/,
      ),
    ).toBeInTheDocument();
    const said = store.getState().ui.announcement?.seq;
    expect(stepStatus('Network')).toBe('warning');
    expect(stepStatus('Disk')).toBe('warning');

    await openStep(user, 'Network');
    const wifi = screen.getByLabelText('Wifi passphrase');
    expect(wifi).toHaveValue('');
    expect(wifi).toHaveAccessibleDescription(expect.stringContaining(LOST));
    // Only the interface that lost it says so.
    expect(screen.getAllByText(LOST, { exact: false })).toHaveLength(1);
    await user.type(wifi, 'n');
    expect(wifi).not.toHaveAccessibleDescription(expect.stringContaining(LOST));
    expect(screen.queryByText(LOST, { exact: false })).not.toBeInTheDocument();
    // Emptied again, the passphrase is still missing, and the field says so again.
    await user.clear(wifi);
    expect(wifi).toHaveAccessibleDescription(expect.stringContaining(LOST));
    await user.type(wifi, 'new horse battery');

    await openStep(user, 'Disk');
    const disk = screen.getByLabelText('Disk passphrase');
    expect(disk).toHaveAccessibleDescription(expect.stringContaining(LOST));
    await user.type(disk, 'new sesame 42');
    expect(disk).not.toHaveAccessibleDescription(expect.stringContaining(LOST));
    expect(stepStatus('Network')).toBe('ok');
    // Said once: moving between steps and typing did not say it again.
    expect(store.getState().ui.announcement?.seq).toBe(said);

    // Saved with both entered again, the profile opens whole, with no notice.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    await openSaved(user, 'Sensor');
    expect(await within(status).findByText('Opened “Sensor”.')).toBeInTheDocument();
    await openStep(user, 'Disk');
    expect(screen.getByLabelText('Disk passphrase')).toHaveValue('new sesame 42');
    expect(screen.queryByText(LOST, { exact: false })).not.toBeInTheDocument();
  });

  it('names only the disk passphrase when only it was lost, and refuses a copy that would lose it for good', async () => {
    const base = defaultProfile();
    const vault: Profile = { ...base, name: 'Vault', disk: { ...base.disk, mode: 'sys', disks: ['/dev/sda'], encrypt: true, passphrase: 'open sesame 42' } };
    const { user } = await renderShell({ safeStorage: noKeyring(), seed: (h) => savedInEarlierSession(h.dir, vault) });
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    await user.click(await screen.findByRole('button', { name: 'Duplicate Vault' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“Vault” cannot be copied yet. Its disk passphrase was kept only until Cairn last closed: enter it again on the Disk step, save, then copy it.',
    );
    expect(screen.queryByRole('button', { name: 'Open Vault (copy)' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Open Vault' }));
    expect(
      await within(screen.getByRole('status')).findByText('Opened “Vault”. Its disk passphrase was kept only until Cairn last closed: enter it again on the Disk step, then save.'),
    ).toBeInTheDocument();
    expect(stepStatus('Network')).toBe('ok');
    await openStep(user, 'Disk');
    expect(screen.getByLabelText('Disk passphrase')).toHaveAccessibleDescription(expect.stringContaining(LOST));
  });
});
