// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../../e2e/target';
import { seriousViolations } from '../test-support/render-app.test-support';
import { renderShell, savedTarget } from './render-shell.test-support';

// The Targets screen against the real handler table and a real sshd: what a
// person sees at first contact, after trusting, and when the key changes.

let box: TestTarget;
beforeAll(async () => {
  box = await startOpenSshTarget();
});
afterAll(() => box?.stop());

const row = () => screen.getByRole('rowheader', { name: 'box' }).closest('tr') as HTMLElement;

async function openScreen() {
  const shell = await renderShell({
    screen: 'targets',
    seed: async (h) => {
      const t = await savedTarget(h, { name: 'box', host: box.host, port: box.port, user: box.user, auth: 'password' });
      await h.services.secrets.set(t.id, 'password', box.password);
    },
  });
  await screen.findByRole('rowheader', { name: 'box' });
  return shell;
}

describe('testing a connection from the Targets screen', () => {
  it('shows the fingerprint at first contact, trusts it on request and reports the box', async () => {
    const { user } = await openScreen();
    await user.click(screen.getByRole('button', { name: 'Test connection to box' }));
    const ask = await screen.findByRole('dialog', { name: 'Trust this host key?' }, { timeout: 20_000 });
    expect(within(ask).getByText(box.hostKeyFingerprint)).toBeInTheDocument();
    expect(within(ask).getByText('ssh-ed25519')).toBeInTheDocument();
    expect(within(ask).getByText('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub')).toBeInTheDocument();
    // The dialog takes focus in an effect after it appears: on a loaded machine, a moment later.
    await waitFor(() => expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    expect(await seriousViolations(document.body)).toEqual([]);
    expect(within(row()).getByText('Host key not trusted yet')).toBeInTheDocument();

    await user.click(within(ask).getByRole('button', { name: 'Trust and test again' }));
    await waitFor(() => expect(within(row()).getByText(/^Alpine 3\.20\.3, x86_64, root/)).toBeInTheDocument(), { timeout: 20_000 });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('raises the alarm on a changed key with both fingerprints, offers no way to accept it, and removes the old key only after a second confirmation', async () => {
    const { user, h } = await openScreen();
    await h.services.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
    const old = box.hostKeyFingerprint;
    await box.replaceHostKey();

    await user.click(screen.getByRole('button', { name: 'Test connection to box' }));
    const alarm = await screen.findByRole('alertdialog', { name: /^Warning: the host key of 127\.0\.0\.1 port \d+ has changed$/ }, { timeout: 20_000 });
    expect(within(alarm).getByRole('alert')).toHaveTextContent(old);
    expect(within(alarm).getByRole('alert')).toHaveTextContent(box.hostKeyFingerprint);
    expect(
      within(alarm)
        .getAllByRole('definition')
        .map((d) => d.textContent),
    ).toEqual([old, box.hostKeyFingerprint, 'ssh-ed25519']);
    expect(within(alarm).queryByRole('button', { name: /trust|accept/i })).not.toBeInTheDocument();
    await waitFor(() => expect(within(alarm).getByRole('button', { name: 'Close' })).toHaveFocus());
    expect(await seriousViolations(document.body)).toEqual([]);
    expect(within(row()).getByText('Host key has CHANGED: not connected')).toBeInTheDocument();

    await user.click(within(alarm).getByRole('button', { name: 'Remove the old key…' }));
    expect(within(alarm).getByRole('button', { name: 'Keep the old key' })).toHaveFocus();
    await user.click(within(alarm).getByRole('button', { name: 'Keep the old key' }));
    expect(within(alarm).getByRole('button', { name: 'Remove the old key…' })).toHaveFocus();
    expect(await h.services.knownHosts.lookup(box.host, box.port)).toHaveLength(1);

    await user.click(within(alarm).getByRole('button', { name: 'Remove the old key…' }));
    await user.click(within(alarm).getByRole('button', { name: 'Remove the old key' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Test the connection again to compare the new fingerprint/));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await h.services.knownHosts.lookup(box.host, box.port)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Test connection to box' }));
    const ask = await screen.findByRole('dialog', { name: 'Trust this host key?' }, { timeout: 20_000 });
    expect(within(ask).getByText(box.hostKeyFingerprint)).toBeInTheDocument();
  });
});
