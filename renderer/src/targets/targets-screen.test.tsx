// @vitest-environment jsdom
import { writeFile } from 'node:fs/promises';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeSafeStorage, type Harness } from '../../../electron/services.test-support';
import { renderShell, savedTarget } from './render-shell.test-support';

const row = (name: string) => screen.getByRole('rowheader', { name }).closest('tr') as HTMLElement;
const dialog = (name: string | RegExp) => screen.getByRole('dialog', { name });
const passwordInput = () => screen.getByLabelText('Login password');

async function seedTwo(h: Harness) {
  await savedTarget(h, { name: 'garage', host: '10.0.0.5', port: 2222, auth: 'key', keyPath: '/home/me/.ssh/id_ed25519', tags: ['lab', 'nas'] });
  const attic = await savedTarget(h, { name: 'attic', user: 'admin', auth: 'password' });
  await h.services.secrets.set(attic.id, 'password', 'attic-pw');
}

describe('the Targets screen', () => {
  it('lists the targets the main process keeps: address, user, login, tags and last test', async () => {
    await renderShell({ screen: 'targets', seed: seedTwo });
    await screen.findByRole('rowheader', { name: 'garage' });
    const garage = within(row('garage'));
    for (const text of ['10.0.0.5:2222', 'root', 'Key file', '/home/me/.ssh/id_ed25519', 'lab, nas', 'Not tested']) expect(garage.getByText(text)).toBeInTheDocument();
    const attic = within(row('attic'));
    expect(await attic.findByText('A password is saved (encrypted).')).toBeInTheDocument();
    for (const text of ['192.168.7.20:22', 'admin', 'Password']) expect(attic.getByText(text)).toBeInTheDocument();
    expect(screen.getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['attic', 'garage']);
  });

  it('says when there are no targets yet', async () => {
    await renderShell({ screen: 'targets' });
    expect(await screen.findByText(/No targets yet/)).toBeInTheDocument();
  });

  it('shows what is wrong beside each field, then saves; the password goes to the secret store and never into the window’s state', async () => {
    const { user, store, h } = await renderShell({ screen: 'targets' });
    await screen.findByText(/No targets yet/);
    await user.click(screen.getByRole('button', { name: 'Add target…' }));
    const form = dialog('Add a target');
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveFocus();
    const port = within(form).getByRole('textbox', { name: 'Port' });
    await user.clear(port);
    await user.type(port, '70000');
    await user.clear(within(form).getByRole('textbox', { name: 'Private key file' }));
    await user.click(within(form).getByRole('button', { name: 'Save target' }));

    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(expect.stringContaining('Give the target a name.'));
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveFocus();
    expect(within(form).getByRole('textbox', { name: 'Host' })).toHaveAccessibleDescription(expect.stringContaining('Enter the host name or IP address to connect to.'));
    expect(port).toHaveAccessibleDescription(expect.stringContaining('The port must be a whole number from 1 to 65535 (SSH uses 22).'));
    expect(within(form).getByRole('textbox', { name: 'Private key file' })).toHaveAccessibleDescription(expect.stringContaining('Choose the private key file'));
    expect(port).toHaveAttribute('aria-invalid', 'true');

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'web');
    await user.type(within(form).getByRole('textbox', { name: 'Host' }), '192.168.1.30');
    await user.clear(port);
    await user.type(port, '22');
    await user.click(within(form).getByRole('radio', { name: 'Password' }));
    await user.type(passwordInput(), 's3cret-pass');
    expect(JSON.stringify(store.getState())).not.toContain('s3cret-pass');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(row('web')).getByText('A password is saved (encrypted).')).toBeInTheDocument();
    const saved = (await h.services.targets.list()).targets[0];
    expect(saved).toMatchObject({ name: 'web', host: '192.168.1.30', port: 22, auth: 'password' });
    expect(await h.services.secrets.get(saved?.id ?? '', 'password')).toBe('s3cret-pass');
    expect(JSON.stringify(store.getState())).not.toContain('s3cret-pass');
    expect(screen.getByRole('status')).toHaveTextContent('Saved “web”.');
  });

  it('asks for a doas password only for a login that is not root, and keeps it with the secrets', async () => {
    const { user, store, h } = await renderShell({ screen: 'targets' });
    await screen.findByText(/No targets yet/);
    await user.click(screen.getByRole('button', { name: 'Add target…' }));
    const form = dialog('Add a target');
    expect(within(form).queryByLabelText('doas password (optional)')).not.toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'router');
    await user.type(within(form).getByRole('textbox', { name: 'Host' }), '192.168.1.1');
    const login = within(form).getByRole('textbox', { name: 'User' });
    await user.clear(login);
    await user.type(login, 'admin');
    await user.click(within(form).getByRole('radio', { name: 'SSH agent' }));
    const doas = within(form).getByLabelText('doas password (optional)');
    expect(doas).toHaveAccessibleDescription(expect.stringMatching(/Cairn types it when doas asks, never on a command line/));
    await user.type(doas, 'wheel-pw');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const saved = (await h.services.targets.list()).targets[0];
    expect(await h.services.secrets.get(saved?.id ?? '', 'doas')).toBe('wheel-pw');
    expect(JSON.stringify(store.getState())).not.toContain('wheel-pw');
  });

  it('shows the main process’s refusal of a taken name beside the name', async () => {
    const { user } = await renderShell({ screen: 'targets', seed: seedTwo });
    await screen.findByRole('rowheader', { name: 'garage' });
    await user.click(screen.getByRole('button', { name: 'Add target…' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Garage');
    await user.type(screen.getByRole('textbox', { name: 'Host' }), 'box.lan');
    await user.click(screen.getByRole('radio', { name: 'SSH agent' }));
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(expect.stringContaining('A target named "Garage" already exists; choose another name.')),
    );
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
  });

  it('saves jump hosts typed as ProxyJump writes them, and says which entry is wrong', async () => {
    const { user, h } = await renderShell({ screen: 'targets' });
    await user.click(await screen.findByRole('button', { name: 'Add target…' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'sensor');
    await user.type(screen.getByRole('textbox', { name: 'Host' }), '10.1.5.9');
    await user.click(screen.getByRole('radio', { name: 'SSH agent' }));
    const jump = screen.getByRole('textbox', { name: 'Jump hosts (optional)' });
    await user.type(jump, 'ops@gw.example.org:2022, bad host');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(jump).toHaveAccessibleDescription(expect.stringContaining('Jump host 2 (“bad host”) is not user@host:port'));
    expect(jump).toHaveFocus();
    await user.clear(jump);
    await user.type(jump, 'ops@gw.example.org:2022, [[2001:db8::1]');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await h.services.targets.list()).targets[0]?.jump).toEqual([
      { host: 'gw.example.org', port: 2022, user: 'ops' },
      { host: '2001:db8::1', port: 22, user: 'root' },
    ]);
    await user.click(screen.getByRole('button', { name: /^Edit sensor/ }));
    expect(screen.getByRole('textbox', { name: 'Jump hosts (optional)' })).toHaveValue('ops@gw.example.org:2022, root@[2001:db8::1]');
  });

  it('says plainly when passwords can only be kept for this session', async () => {
    const { user } = await renderShell({ screen: 'targets', seed: seedTwo, safeStorage: fakeSafeStorage({ available: false }) });
    expect(await screen.findByRole('note')).toHaveTextContent(/^Passwords are kept only until Cairn closes\. This computer offers no secure storage/);
    expect(within(row('attic')).getByText('A password is kept for this session only.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit attic' }));
    expect(passwordInput()).toHaveAccessibleDescription(expect.stringMatching(/kept for this session only.*keeps it only until it closes/));
  });

  it('edits a target and forgets its password on request', async () => {
    const { user, h } = await renderShell({ screen: 'targets', seed: seedTwo });
    await screen.findByRole('rowheader', { name: 'attic' });
    await user.click(screen.getByRole('button', { name: 'Edit attic' }));
    const form = dialog('Edit attic');
    const host = within(form).getByRole('textbox', { name: 'Host' });
    await user.clear(host);
    await user.type(host, 'attic.lan');
    await user.click(within(form).getByRole('button', { name: 'Forget the password' }));
    await within(form).findByText('No password saved.');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(within(row('attic')).getByText('attic.lan:22')).toBeInTheDocument());
    expect(within(row('attic')).getByText('No password saved.')).toBeInTheDocument();
    const attic = (await h.services.targets.list()).targets.find((t) => t.name === 'attic');
    expect(await h.services.secrets.get(attic?.id ?? '', 'password')).toBeNull();
  });

  it('asks before removing, and removal forgets the target’s secrets', async () => {
    const { user, h } = await renderShell({ screen: 'targets', seed: seedTwo });
    await screen.findByRole('rowheader', { name: 'attic' });
    const id = (await h.services.targets.list()).targets.find((t) => t.name === 'attic')?.id ?? '';
    await user.click(screen.getByRole('button', { name: 'Remove attic' }));
    const ask = screen.getByRole('alertdialog', { name: 'Remove attic?' });
    expect(within(ask).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('rowheader', { name: 'attic' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove attic' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Remove attic' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove attic' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'attic' })).not.toBeInTheDocument());
    expect((await h.services.targets.list()).targets.map((t) => t.name)).toEqual(['garage']);
    expect(await h.services.secrets.get(id, 'password')).toBeNull();
  });

  it('imports from ~/.ssh/config, showing what it takes and what it skips with the reason', async () => {
    const config = [
      'Host nas',
      '  HostName 192.168.1.10',
      '  User root',
      'Host *.lan',
      '  User x',
      'Host jumpy',
      '  HostName 10.1.1.1',
      '  ProxyJump bastion',
      'Host piped',
      '  ProxyCommand nc %h %p',
      '',
    ].join('\n');
    const { user, h } = await renderShell({ screen: 'targets', seed: (hh) => writeFile(hh.services.sshConfig.path, config) });
    await screen.findByText(/No targets yet/);
    await user.click(screen.getByRole('button', { name: 'Import from SSH config…' }));
    const found = dialog('Import from SSH config');
    await within(found).findByRole('heading', { name: 'Ready to import (2)' });
    expect(within(found).getByText('nas')).toBeInTheDocument();
    expect(within(found).getByText('root@192.168.1.10:22')).toBeInTheDocument();
    expect(within(found).getByRole('heading', { name: 'Skipped (2)' })).toBeInTheDocument();
    expect(within(found).getByText('*.lan').closest('li')).toHaveTextContent('*.lan: This is a pattern that matches many hosts, not one machine.');
    expect(within(found).getByText('jumpy').closest('li')).toHaveTextContent('jumpy tester@10.1.1.1:22 via tester@bastion agent');
    expect(within(found).getByText('piped').closest('li')).toHaveTextContent(/piped: It is reached through a ProxyCommand/);
    expect((await h.services.targets.list()).targets).toEqual([]);

    await user.click(within(found).getByRole('button', { name: 'Import 2 targets' }));
    await within(found).findByRole('heading', { name: 'Imported (2)' });
    expect(within(found).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('rowheader', { name: 'nas' })).toBeInTheDocument();
    expect(within(row('nas')).getByText('ssh-config')).toBeInTheDocument();
  });

  it('says when there is no SSH config to import', async () => {
    const { user } = await renderShell({ screen: 'targets' });
    await user.click(await screen.findByRole('button', { name: 'Import from SSH config…' }));
    expect(await within(dialog('Import from SSH config')).findByRole('alert')).toHaveTextContent(/^There is no SSH client config at /);
  });

  it('tests a connection and shows why it failed in the list', async () => {
    const { user, store } = await renderShell({
      screen: 'targets',
      seed: async (h) => {
        const closed = await savedTarget(h, { name: 'closed', host: '127.0.0.1', port: 1, auth: 'password' });
        await h.services.secrets.set(closed.id, 'password', 'pw');
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Test connection to closed' }));
    await waitFor(() => expect(within(row('closed')).getByText(/127\.0\.0\.1:1 refused the connection/)).toBeInTheDocument());
    expect(Object.values(store.getState().targets.tests)).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'unreachable' }) })]);
    expect(row('closed')).toHaveAttribute('data-selected', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(/^closed: 127\.0\.0\.1:1 refused the connection/);
  });
});
