// @vitest-environment jsdom
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import { utils } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedDialogs, type Harness } from '../../../../electron/services.test-support';
import { templateById } from '../../../../shared/profile/templates';
import { seriousViolations } from '../../test-support/render-app.test-support';
import { renderShell } from '../render-shell.test-support';

const media: string[] = [];
afterEach(async () => {
  for (const dir of media.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A folder standing in for a mounted medium: with Alpine's apks/ and boot/ when it is boot media, plus any files named. */
async function medium(options: { bootMedia: boolean; files?: string[] }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-medium-'));
  media.push(dir);
  if (options.bootMedia) {
    await mkdir(join(dir, 'apks'));
    await mkdir(join(dir, 'boot'));
  }
  for (const name of options.files ?? []) await writeFile(join(dir, name), 'an overlay from before');
  return dir;
}

/** The "Virtual machine" template (hostname alpine-vm), saved with a root SSH key unless told otherwise. */
async function savedProfile(h: Harness, options: { rootKey?: boolean } = {}): Promise<string> {
  const profile = templateById('vm')?.make();
  if (profile === undefined) throw new Error('The vm template is gone.');
  const rootSshKeys = options.rootKey === false ? [] : [utils.generateKeyPairSync('ed25519').public];
  const saved = await h.services.profiles.save({ ...profile, rootSshKeys });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value.id;
}

const row = (name: string) => screen.getByRole('rowheader', { name }).closest('tr') as HTMLElement;
const prepareDialog = () => screen.getByRole('dialog', { name: 'Prepare a boot medium' });
const folderField = () => within(prepareDialog()).getByRole('textbox', { name: 'Medium folder' });

async function openPrepare(user: Awaited<ReturnType<typeof renderShell>>['user']) {
  await screen.findByText(/No targets yet|Name/);
  await user.click(screen.getByRole('button', { name: 'Prepare a boot medium…' }));
  const dialog = prepareDialog();
  // The saved profiles are listed, the first one chosen.
  await within(dialog).findByRole('option', { name: 'Virtual machine (alpine-vm)' });
  return dialog;
}

describe('Prepare a boot medium', () => {
  it('writes the overlay onto Raspberry Pi boot media, shows the box’s fingerprint and the next steps, and lists its target with the key pinned', async () => {
    const folder = await medium({ bootMedia: true });
    const { user, h } = await renderShell({ screen: 'targets', seed: (hh) => savedProfile(hh).then(() => undefined) });
    const dialog = await openPrepare(user);
    expect(within(dialog).getByRole('combobox', { name: 'Profile' })).toHaveFocus();
    expect(within(dialog).getByRole('radio', { name: 'Raspberry Pi SD card' })).toBeChecked();
    expect(within(dialog).getByRole('radio', { name: 'Raspberry Pi SD card' })).toHaveAccessibleDescription(/Raspberry Pi files \(apks\/ and boot\/\)/);
    expect(within(dialog).getByRole('textbox', { name: 'Log in as' })).toHaveValue('root');
    expect(within(dialog).getByRole('textbox', { name: 'Port' })).toHaveValue('22');
    expect(within(dialog).getByRole('textbox', { name: 'Key file Cairn logs in with (optional)' })).toHaveAccessibleDescription(
      'Its public key is added to the box; leave empty to use your SSH agent and the profile’s keys.',
    );

    await user.type(folderField(), folder);
    await user.tab();
    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));

    const done = await screen.findByRole('dialog', { name: 'Boot medium written' });
    const overlay = join(folder, 'alpine-vm.apkovl.tar.gz');
    expect(within(done).getByText(/^Written to/)).toHaveTextContent(`Written to ${overlay}`);
    expect((await stat(overlay)).size).toBeGreaterThan(0);
    const [target] = (await h.services.targets.list()).targets;
    expect(target).toMatchObject({ name: 'alpine-vm', host: 'alpine-vm', port: 22, user: 'root', auth: 'agent' });
    const fingerprint = target?.hostKey?.fingerprint ?? '';
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(within(done).getByTestId('prepared-fingerprint')).toHaveTextContent(fingerprint);
    expect(done).toHaveTextContent('Target alpine-vm saved; its host key is already trusted.');
    const steps = within(within(done).getByRole('list', { name: 'Next' })).getAllByRole('listitem');
    expect(steps).toHaveLength(4);
    expect(steps[1]).toHaveTextContent('Cairn writes alpine-vm.apkovl.tar.gz at the top of the card, beside apks/ and boot/.');
    expect(within(done).getByRole('note')).toHaveTextContent(/^After the install to disk, remove the boot medium/);
    expect(within(done).getByRole('button', { name: 'Done' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Wrote alpine-vm.apkovl.tar.gz; target “alpine-vm” saved with its host key trusted.');

    await user.click(within(done).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const pinned = within(row('alpine-vm')).getByText('Key pinned');
    expect(pinned).toHaveAttribute('title', expect.stringContaining(fingerprint));
    expect(screen.getByRole('button', { name: 'Prepare a boot medium…' })).toHaveFocus();
  });

  it('shows why a folder that is not boot media cannot take a Raspberry Pi overlay, beside the folder, and writes nothing', async () => {
    const folder = await medium({ bootMedia: false });
    const { user, h } = await renderShell({ screen: 'targets', seed: (hh) => savedProfile(hh).then(() => undefined) });
    const dialog = await openPrepare(user);
    await user.type(folderField(), folder);
    await user.tab();
    await waitFor(() => expect(folderField()).toHaveAccessibleDescription(expect.stringContaining('does not look like Alpine boot media (no apks/ and boot/ folders at its top)')));
    expect(folderField()).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    await waitFor(() => expect(folderField()).toHaveFocus());
    expect(folderField()).toHaveAccessibleDescription(expect.stringContaining('does not look like Alpine boot media'));
    expect(folderField()).toHaveValue(folder);
    expect(await readdir(folder)).toEqual([]);
    expect((await h.services.targets.list()).targets).toEqual([]);

    // A second stick holds only the overlay: the same folder will do.
    await user.click(within(dialog).getByRole('radio', { name: 'Second small USB stick (next to the ISO)' }));
    await waitFor(() => expect(folderField()).not.toHaveAttribute('aria-invalid'));
  });

  it('lists an overlay already on the medium (chosen with Browse…) and writes over it only when Replace is ticked', async () => {
    const folder = await medium({ bootMedia: true, files: ['old-box.apkovl.tar.gz'] });
    const dialogs = scriptedDialogs({ open: folder });
    const { user } = await renderShell({ screen: 'targets', dialogs: dialogs.dialogs, seed: (hh) => savedProfile(hh).then(() => undefined) });
    const dialog = await openPrepare(user);
    await user.click(within(dialog).getByRole('button', { name: 'Browse…' }));
    await waitFor(() => expect(folderField()).toHaveValue(folder));
    expect(dialogs.shown).toEqual([{ title: 'Choose the mounted boot medium', filters: [], properties: ['openDirectory'] }]);
    const replace = await within(dialog).findByRole('checkbox', { name: 'Replace the overlay already there' });
    expect(replace).not.toBeChecked();
    expect(replace).toHaveAccessibleDescription(expect.stringContaining('The medium already holds old-box.apkovl.tar.gz.'));

    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    await waitFor(() => expect(replace).toHaveFocus());
    expect(replace).toHaveAttribute('aria-invalid', 'true');
    expect(replace).toHaveAccessibleDescription(expect.stringContaining('Choose "Replace the overlay already there" to remove it, or use another medium.'));
    expect((await readdir(folder)).sort()).toEqual(['apks', 'boot', 'old-box.apkovl.tar.gz']);

    await user.click(replace);
    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    const done = await screen.findByRole('dialog', { name: 'Boot medium written' });
    expect(done).toHaveTextContent('Removed what was there before: old-box.apkovl.tar.gz.');
    expect((await readdir(folder)).sort()).toEqual(['alpine-vm.apkovl.tar.gz', 'apks', 'boot']);
  });

  it('shows the refusal of a profile that would let nobody in beside the profile, and of an unreadable key file beside the key file, keeping what was typed', async () => {
    const folder = await medium({ bootMedia: true });
    const { user } = await renderShell({ screen: 'targets', seed: (hh) => savedProfile(hh, { rootKey: false }).then(() => undefined) });
    const dialog = await openPrepare(user);
    const profile = within(dialog).getByRole('combobox', { name: 'Profile' });
    await user.type(folderField(), folder);
    await user.clear(within(dialog).getByRole('textbox', { name: 'Log in as' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Log in as' }), 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    await waitFor(() => expect(profile).toHaveAccessibleDescription(expect.stringContaining('The box would let nobody in')));
    expect(profile).toHaveFocus();

    const keyFile = within(dialog).getByRole('textbox', { name: 'Key file Cairn logs in with (optional)' });
    await user.type(keyFile, join(folder, 'no-such-key'));
    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    await waitFor(() => expect(keyFile).toHaveAccessibleDescription(expect.stringContaining(`Cairn cannot read ${join(folder, 'no-such-key')}`)));
    expect(keyFile).toHaveFocus();
    expect(profile).not.toHaveAttribute('aria-invalid');
    expect(within(dialog).getByRole('textbox', { name: 'Log in as' })).toHaveValue('admin');
    expect(folderField()).toHaveValue(folder);
    expect((await readdir(folder)).sort()).toEqual(['apks', 'boot']);
  });

  it('checks the port beside it before anything is written', async () => {
    const { user, h } = await renderShell({ screen: 'targets', seed: (hh) => savedProfile(hh).then(() => undefined) });
    const dialog = await openPrepare(user);
    const port = within(dialog).getByRole('textbox', { name: 'Port' });
    await user.clear(port);
    await user.type(port, '70000');
    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    expect(port).toHaveAccessibleDescription(expect.stringContaining('The port is a number from 1 to 65535 (SSH uses 22).'));
    expect(port).toHaveFocus();
    expect((await h.services.targets.list()).targets).toEqual([]);
  });
});

describe('Boot medium and finder accessibility', () => {
  it('has no serious or critical axe violation in the form with a problem and a warning, in the result, and in the finder', async () => {
    const folder = await medium({ bootMedia: false, files: ['old.apkovl.tar.gz'] });
    const { user } = await renderShell({ screen: 'targets', seed: (hh) => savedProfile(hh).then(() => undefined) });
    const dialog = await openPrepare(user);
    await user.type(folderField(), folder);
    await user.tab();
    await within(dialog).findByRole('checkbox', { name: 'Replace the overlay already there' });
    await waitFor(() => expect(folderField()).toHaveAttribute('aria-invalid', 'true'));
    expect(await seriousViolations(document.body)).toEqual([]);

    await user.click(within(dialog).getByRole('radio', { name: 'Virtual machine (a folder as a second disk)' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Replace the overlay already there' }));
    await user.click(within(dialog).getByRole('button', { name: 'Write boot medium' }));
    const done = await screen.findByRole('dialog', { name: 'Boot medium written' });
    expect(await seriousViolations(document.body)).toEqual([]);

    await user.click(within(done).getByRole('button', { name: 'Find on network…' }));
    const finder = screen.getByRole('dialog', { name: 'Find on network' });
    await user.clear(within(finder).getByRole('combobox', { name: 'Network' }));
    await user.type(within(finder).getByRole('combobox', { name: 'Network' }), 'nonsense{Enter}');
    await waitFor(() => expect(within(finder).getByRole('combobox', { name: 'Network' })).toHaveAttribute('aria-invalid', 'true'));
    expect(await seriousViolations(document.body)).toEqual([]);
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Prepare a boot medium…' })).toHaveFocus();
  });
});

describe('The Review step’s way to a boot medium', () => {
  it('saves an unsaved profile, even one without a disk yet, and opens the dialog on it in Targets', async () => {
    const { user, store, h } = await renderShell();
    act(() => store.getState().wizard.update((p) => ({ ...p, name: 'Shed Pi' })));
    store.getState().navigation.goToStep('review');
    await user.click(await screen.findByRole('button', { name: 'Prepare a boot medium…' }));
    await waitFor(() => expect(store.getState().wizard.profileId).not.toBeNull());
    expect((await h.services.profiles.list()).profiles.map((p) => p.name)).toEqual(['Shed Pi']);
    const dialog = await screen.findByRole('dialog', { name: 'Prepare a boot medium' });
    expect(screen.getByRole('button', { name: 'Targets' })).toHaveAttribute('aria-current', 'page');
    const profile = within(dialog).getByRole('combobox', { name: 'Profile' });
    await waitFor(() => expect(profile).toHaveValue(store.getState().wizard.profileId));
    expect(store.getState().targets.arrival).toBeNull();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Prepare a boot medium…' })).toHaveFocus();
  });
});
