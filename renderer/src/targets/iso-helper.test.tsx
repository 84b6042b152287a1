// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderShell } from './render-shell.test-support';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb0xM1zYvXq2d7Lw5k3n8b2G9ZcQm0rT4sJ1hUe7pVx jane@laptop';

describe('the ISO helper panel', () => {
  it('turns a pasted public key into the console commands, in order, and copies them', async () => {
    const { user } = await renderShell({ screen: 'targets' });
    await user.click(screen.getByText(/Freshly booted from the Alpine ISO/));
    expect(screen.getByText('Paste your public key to see the commands.')).toBeInTheDocument();
    await user.click(screen.getByRole('textbox', { name: 'Your public key' }));
    await user.paste(KEY);
    const steps = within(screen.getByRole('list', { name: 'Console commands' }));
    expect(steps.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Log in as root',
      'Bring up the network',
      'Let your key in',
      'Install OpenSSH',
      'Start the SSH server',
      'Find the address',
    ]);
    expect(steps.getByText(`printf '%s\\n' '${KEY}' >> /root/.ssh/authorized_keys`, { exact: false })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Dropbear' }));
    expect(steps.getByText('setup-sshd -c dropbear')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy all commands' }));
    const copied = await navigator.clipboard.readText();
    expect(copied.split('\n')).toEqual(expect.arrayContaining(['setup-interfaces -a -r', 'setup-sshd -c dropbear', 'rc-service dropbear start', 'ip -4 addr']));
    expect(screen.getByRole('status')).toHaveTextContent('Console commands copied.');
  });

  it('says beside the field what is wrong with a pasted key, and shows no commands', async () => {
    const { user } = await renderShell({ screen: 'targets' });
    await user.click(screen.getByText(/Freshly booted from the Alpine ISO/));
    const field = screen.getByRole('textbox', { name: 'Your public key' });
    await user.click(field);
    await user.paste('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('This is a private key: never give it to a box.'));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('list', { name: 'Console commands' })).not.toBeInTheDocument();
  });
});
