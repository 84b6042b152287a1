// @vitest-environment jsdom
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../../e2e/target';
import { waitForSshBanner } from '../../../e2e/target/net';
import { createTestNetwork, staticInterfaces, type TestNetwork } from '../../../e2e/target/test-network';
import { boxCard, inPanel, renderBoxes } from './render-boxes.test-support';

// Stopping networking from the Services card of a box whose network is real
// (sshd in a namespace of its own): the dialog sets the revert window, the
// box starts networking again by itself, and the card says so.

const SLOW = { timeout: 30_000 };

let net: TestNetwork;
let box: TestTarget;
beforeAll(async () => {
  net = await createTestNetwork();
  box = await startOpenSshTarget({ netns: { name: net.name, address: net.address(2), interfaces: staticInterfaces(net.address(2)) } });
  await writeFile(path.join(box.root ?? '', 'etc/init.d/sshd'), '#!/sbin/openrc-run\n', { mode: 0o755 });
});
afterAll(async () => {
  await box?.stop();
  await net?.remove();
});

async function openBox() {
  const shell = await renderBoxes({ seed: (h) => h.addTarget(box).then(() => undefined) });
  await waitFor(() => expect(within(boxCard('garage-pi')).getByText(/^Reachable, read/)).toBeInTheDocument(), SLOW);
  await shell.user.click(within(boxCard('garage-pi')).getByRole('button', { name: 'Manage garage-pi' }));
  await screen.findByRole('heading', { level: 2, name: 'garage-pi' });
  return shell;
}

describe('a service action that can cut Cairn off, from the Services card', () => {
  it('asks for the revert window, and tells plainly that the box started networking again when Cairn could not reach it', async () => {
    const { user } = await openBox();
    const services = () => inPanel('Services');
    await waitFor(() => expect(services().getByRole('rowheader', { name: 'networking' })).toBeInTheDocument(), SLOW);
    await user.click(services().getByRole('button', { name: 'Stop networking' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Stop networking on garage-pi?' });
    const window = within(ask).getByRole('textbox', { name: 'Undo unless confirmed within (seconds)' });
    expect(window).toHaveValue('90');
    await user.clear(window);
    await user.type(window, '2');
    expect(window).toHaveAccessibleDescription('Give the box at least 5 seconds to be reached again.');
    expect(within(ask).getByRole('button', { name: 'Stop networking' })).toBeDisabled();
    await user.clear(window);
    await user.type(window, '5');
    await user.click(within(ask).getByRole('button', { name: 'Stop networking' }));

    const said = await waitFor(() => services().getByRole('status'), SLOW);
    await waitFor(() => expect(said).toHaveAttribute('data-outcome', 'reverted'), SLOW);
    expect(said).toHaveTextContent(
      `Stop networking: undone by the box. Cairn could not reach garage-pi within 5 s of the change, so the box put everything back by itself; it answers at ${net.address(2)} as before.`,
    );
    expect(services().getByRole('log', { name: 'Output of the last service action on garage-pi' })).toHaveTextContent('undoing the change (timeout)');
    const calls = ((await box.standIns?.recordsOf('rc-service')) ?? []).map((r) => r.argv.join(' '));
    expect(calls.slice(-2)).toEqual(['networking stop', 'networking start']);
    // The box answers again where it was, and its services are read from it again.
    expect(await waitForSshBanner(net.address(2), 22, () => null, 5000).then(() => true)).toBe(true);
    await waitFor(() => expect(inPanel('Services').getByRole('region', { name: 'Services of garage-pi' })).toBeInTheDocument(), SLOW);
  }, 60_000);

  it('says the restart was kept once Cairn reached the box again and confirmed', async () => {
    const { user } = await openBox();
    const services = () => inPanel('Services');
    await waitFor(() => expect(services().getByRole('rowheader', { name: 'sshd' })).toBeInTheDocument(), SLOW);
    await user.click(services().getByRole('button', { name: 'Restart sshd' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Restart sshd on garage-pi?' });
    await user.click(within(ask).getByRole('button', { name: 'Restart sshd' }));
    const said = await waitFor(() => services().getByRole('status'), SLOW);
    await waitFor(() => expect(said).toHaveAttribute('data-outcome', 'confirmed'), SLOW);
    expect(said).toHaveTextContent(`Restart sshd: kept. Cairn reached garage-pi again at ${net.address(2)} after the change and confirmed it: the change is kept.`);
  }, 60_000);
});
