// @vitest-environment jsdom
import net from 'node:net';
import { screen, waitFor, within } from '@testing-library/react';
import { Server, utils } from 'ssh2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostKeyFromBase64 } from '../../../../electron/ssh/fingerprint';
import type { Harness } from '../../../../electron/services.test-support';
import { renderShell, savedTarget } from '../render-shell.test-support';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const close of closers.splice(0)) await close();
});

/** A loopback /30 of its own per test: 127.66.N.1 and 127.66.N.2. */
const loopbackNet = () => `127.66.${1 + Math.floor(Math.random() * 250)}`;

function listen(server: net.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

/** An SSH server with a fresh ed25519 host key that lets nobody in; returns the key as a target pins it. */
async function sshServer(host: string, port: number) {
  const pair = utils.generateKeyPairSync('ed25519');
  const server = new Server({ hostKeys: [pair.private] }, (client) => {
    client.on('authentication', (ctx) => ctx.reject());
    client.on('error', () => undefined);
  });
  const bound = await listen(server as unknown as net.Server, host, port);
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const key = hostKeyFromBase64(pair.public.split(' ')[1] ?? '');
  return { port: bound, hostKey: { keyType: key.type, key: key.base64, fingerprint: key.fingerprint } };
}

/** Accepts connections and never says a word: each attempt there waits for its timeout. */
async function silentServer(host: string) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => sockets.add(s));
  const port = await listen(server, host, 0);
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return port;
}

const pinnedKey = () => {
  const key = hostKeyFromBase64(utils.generateKeyPairSync('ed25519').public.split(' ')[1] ?? '');
  return { keyType: key.type, key: key.base64, fingerprint: key.fingerprint };
};

async function prepared(h: Harness, name: string, hostKey: ReturnType<typeof pinnedKey>) {
  const saved = await h.services.targets.save({ name, host: name, port: 22, user: 'root', auth: 'agent', tags: [], hostKey });
  if (!saved.ok) throw new Error(saved.error.message);
}

const finder = () => screen.getByRole('dialog', { name: 'Find on network' });
const network = () => within(finder()).getByRole('combobox', { name: 'Network' });
const portField = () => within(finder()).getByRole('textbox', { name: 'Port' });

async function search(user: Awaited<ReturnType<typeof renderShell>>['user'], subnet: string, port: number) {
  await user.click(await screen.findByRole('button', { name: 'Find on network…' }));
  expect(network()).toHaveFocus();
  await user.clear(network());
  await user.type(network(), subnet);
  await user.clear(portField());
  await user.type(portField(), String(port));
  await user.click(within(finder()).getByRole('button', { name: 'Find' }));
}

describe('Find on network', () => {
  it('finds the prepared box by its host key among other SSH servers, and its target gets the address', async () => {
    const base = loopbackNet();
    const box = await sshServer(`${base}.1`, 0);
    await sshServer(`${base}.2`, box.port);
    const { user, h } = await renderShell({
      screen: 'targets',
      seed: async (hh) => {
        await prepared(hh, 'pi', box.hostKey);
        await savedTarget(hh, { name: 'plain' });
      },
    });
    await screen.findByRole('rowheader', { name: 'pi' });
    await search(user, `${base}.0/30`, box.port);

    const found = await within(finder()).findByRole('list', { name: 'Boxes found' }, { timeout: 15_000 });
    expect(
      within(found)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`Found pi at ${base}.1`]);
    expect(finder()).toHaveTextContent(/Its target now points there, with the host key trusted\./);
    expect(within(finder()).getByRole('button', { name: 'Find' })).toHaveFocus();
    await waitFor(() => expect(within(screen.getByRole('rowheader', { name: 'pi' }).closest('tr') as HTMLElement).getByText(`${base}.1:${box.port}`)).toBeInTheDocument());
    expect((await h.services.targets.list()).targets.find((t) => t.name === 'pi')).toMatchObject({ host: `${base}.1`, port: box.port, hostKey: box.hostKey });
    expect(within(screen.getByRole('banner')).getByRole('status')).toHaveTextContent(`Found pi at ${base}.1.`);
  });

  it('says no prepared box answered, with what to check, when only strangers are there', async () => {
    const base = loopbackNet();
    const stranger = await sshServer(`${base}.2`, 0);
    const { user } = await renderShell({ screen: 'targets', seed: (hh) => prepared(hh, 'pi', pinnedKey()) });
    await search(user, `${base}.0/30`, stranger.port);
    const outcome = await within(finder()).findByText(`No prepared box answered on ${base}.0/30 (1 other SSH server).`, undefined, { timeout: 15_000 });
    expect(outcome).toBeInTheDocument();
    expect(within(finder()).getByText('Give it two minutes for its first boot, then search again.')).toBeInTheDocument();
  });

  it('shows how far the search got and cancels it', async () => {
    const base = loopbackNet();
    const port = await silentServer(`${base}.1`);
    const scanId = '00000000-0000-4000-8000-000000000001';
    vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue(scanId);
    const { user, events } = await renderShell({ screen: 'targets', seed: (hh) => prepared(hh, 'pi', pinnedKey()) });
    await search(user, `${base}.0/30`, port);

    const bar = within(finder()).getByRole('progressbar', { name: 'Search progress' });
    expect(within(finder()).getByText('Starting the search…')).toBeInTheDocument();
    await waitFor(() => expect(events.count('discover.progress')).toBe(1));
    events.emit('discover.progress', { scanId: 'another-search', probed: 2, total: 9, found: 0 });
    events.emit('discover.progress', { scanId, probed: 1, total: 2, found: 0 });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '1'));
    expect(bar).toHaveAttribute('aria-valuemax', '2');
    expect(within(finder()).getByText('Searched 1 of 2 addresses')).toBeInTheDocument();
    const cancel = within(finder()).getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveFocus();
    expect(network()).toHaveAttribute('readonly');

    await user.click(cancel);
    expect(await within(finder()).findByText(/^The search was cancelled after [01] of 2 addresses\.$/)).toBeInTheDocument();
    expect(within(finder()).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(finder()).queryByText('Give it two minutes for its first boot, then search again.')).not.toBeInTheDocument();
    expect(events.count('discover.progress')).toBe(0);
  });

  it('shows why a search is refused beside the Network field: nothing prepared, or not this computer’s network', async () => {
    const { user, h } = await renderShell({ screen: 'targets', seed: (hh) => savedTarget(hh, { name: 'plain' }).then(() => undefined) });
    await search(user, '127.66.0.0/30', 22);
    await waitFor(() => expect(network()).toHaveAccessibleDescription(expect.stringContaining('No target is waiting to be found: prepare a boot medium first.')));
    expect(network()).toHaveFocus();
    expect(network()).toHaveAttribute('aria-invalid', 'true');

    await prepared(h, 'pi', pinnedKey());
    await user.clear(network());
    expect(network()).not.toHaveAttribute('aria-invalid');
    await user.type(network(), '203.0.113.0/24{Enter}');
    await waitFor(() => expect(network()).toHaveAccessibleDescription(expect.stringContaining('"203.0.113.0/24" is not one of this computer\'s networks')));
    expect(network()).toHaveValue('203.0.113.0/24');
  });
});
