// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

const HASH = '$6$saltsalt$0MpNcxCM6k8WJ7PvvAeYB6sI3Xl4S5n1m8X0ZQ1cZx2ZL7YkCkQnY3u3J9m0q4yq8W9p0o2Q7r8s9t0u1v2w3x';

describe('User & SSH keys step', () => {
  it('explains a bad user name and a pasted line that is not an SSH key, beside each field', async () => {
    const { user } = renderApp();
    await openStep(user, 'User & SSH keys');
    const name = screen.getByRole('textbox', { name: 'User name' });
    await user.clear(name);
    await user.type(name, 'Jane Doe');
    expect(name).toHaveAccessibleDescription(expect.stringMatching(/A user name is lower-case letters/));
    const keys = screen.getByRole('textbox', { name: 'SSH keys' });
    await user.type(keys, 'hello world');
    expect(keys).toHaveAccessibleDescription(expect.stringMatching(/Entry 1: This is not an SSH public key/));
    expect(stepStatus('User & SSH keys')).toBe('error');
  });

  it('never keeps a clear-text password: only a pasted crypt hash reaches the profile', async () => {
    const { user, store } = renderApp();
    await openStep(user, 'User & SSH keys');
    expect(screen.getAllByRole('button', { name: 'Set password…' })[0]).toBeDisabled();
    const hashField = screen.getAllByRole('textbox', { name: 'Or paste a password hash' })[0] as HTMLElement;
    await user.type(hashField, 'hunter2secret');
    expect(hashField).toHaveAccessibleDescription(expect.stringMatching(/This is not a crypt hash/));
    expect(JSON.stringify(store.getState().wizard)).not.toContain('hunter2secret');
    await openStep(user, 'SSH server');
    await openStep(user, 'User & SSH keys');
    expect(screen.getAllByRole('textbox', { name: 'Or paste a password hash' })[0]).toHaveValue('');

    await user.click(screen.getAllByRole('textbox', { name: 'Or paste a password hash' })[0] as HTMLElement);
    await user.paste(HASH);
    expect(store.getState().wizard.profile.user?.passwordHash).toBe(HASH);
    expect(screen.getByText(/A password hash is set \(\$6\$sal…\)/)).toBeInTheDocument();
    // Hashes never travel in the answer file; the plan sets them with chpasswd -e.
    expect(preview()).not.toContain(HASH);
  });

  it('keeps the user aside when "Create a user" is turned off, and warns nobody can log in', async () => {
    const { user, store } = renderApp();
    await openStep(user, 'User & SSH keys');
    await user.type(screen.getByRole('textbox', { name: 'Full name (optional)' }), 'Jane');
    await user.click(screen.getByRole('checkbox', { name: 'Create a user' }));
    expect(preview()).toContain('USEROPTS=none');
    expect(screen.getByText(/nobody can log in over SSH/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Create a user' }));
    expect(store.getState().wizard.profile.user?.fullName).toBe('Jane');
  });
});
