// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderShell } from '../targets/render-shell.test-support';
import { openStep } from '../test-support/render-app.test-support';

const CLEAR = 'Tr0ub4dor&3-horse';

describe('Set password… in the desktop app', () => {
  it('hashes the typed password in the main process and keeps only the hash', async () => {
    const { user, store } = await renderShell();
    await openStep(user, 'User & SSH keys');
    const rootButton = screen.getAllByRole('button', { name: 'Set password…' }).at(-1) as HTMLElement;
    expect(rootButton).toBeEnabled();
    await user.click(rootButton);
    const ask = screen.getByRole('dialog', { name: 'Set the password for root' });
    const first = within(ask).getByLabelText('Password');
    expect(first).toHaveFocus();
    await user.type(first, CLEAR);
    await user.type(within(ask).getByLabelText('Repeat the password'), `${CLEAR}x{Enter}`);
    expect(within(ask).getByLabelText('Repeat the password')).toHaveAccessibleDescription('Error: The two passwords differ: type the same password again.');
    expect(within(ask).getByLabelText('Repeat the password')).toHaveFocus();
    expect(JSON.stringify(store.getState())).not.toContain(CLEAR);

    await user.type(within(ask).getByLabelText('Repeat the password'), `${CLEAR}{Enter}`);
    // The hash is made in a worker thread (compiled on first use under vitest): give it time on a busy machine.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument(), { timeout: 20_000 });
    const hash = store.getState().wizard.profile.rootPasswordHash ?? '';
    expect(hash).toMatch(/^\$6\$rounds=\d+\$[./A-Za-z0-9]+\$[./A-Za-z0-9]{86}$/);
    expect(JSON.stringify(store.getState())).not.toContain(CLEAR);
    expect(screen.getByText(/A password hash is set \(\$6\$rou…\)/)).toBeInTheDocument();
    expect(rootButton).toHaveFocus();
  });

  it('asks for a password before sending anything, and Escape leaves the profile as it was', async () => {
    const { user, store } = await renderShell();
    await openStep(user, 'User & SSH keys');
    await user.click(screen.getAllByRole('button', { name: 'Set password…' }).at(-1) as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('Type the password, then type it again below.'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(store.getState().wizard.profile.rootPasswordHash).toBeNull();
  });
});
