// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../e2e/target/net';
import type { BoxHarness } from '../../../electron/ipc/box-harness.test-support';
import { renderApp, seriousViolations } from '../test-support/render-app.test-support';
import { boxCard, inPanel, renderBoxes, savedBox } from './render-boxes.test-support';

// The Boxes screen against the real handler table, with boxes nothing
// answers for: what a person sees when a box cannot be reached. The journeys
// and boxes-screen.int.test.ts cover boxes that answer.

async function seedClosed(h: BoxHarness, name = 'shed-pi') {
  const target = await savedBox(h, { name, port: await freePort(), auth: 'password' });
  await h.services.secrets.set(target.id, 'password', 'not-used');
  return target;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the Boxes screen', () => {
  it('says how to get boxes when there are none', async () => {
    await renderBoxes();
    expect(await screen.findByText(/No boxes yet\. Add the machines in Targets/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh all' })).toBeDisabled();
  });

  it('shows a box that cannot be reached with the reason, and reads it again on request', async () => {
    const { user, asked } = await renderBoxes({ seed: (h) => seedClosed(h).then(() => undefined) });
    const card = await screen.findByRole('article', { name: 'shed-pi' });
    await waitFor(() => expect(within(card).getByText('Unreachable')).toBeInTheDocument());
    expect(within(card).getByText(/refused the connection: check that an SSH server runs there/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Read 0 of 1 boxes; 1 could not be reached.');
    expect(await seriousViolations(document.body)).toEqual([]);

    await user.click(within(card).getByRole('button', { name: 'Refresh shed-pi' }));
    await waitFor(() => expect(asked.filter((c) => c === 'boxes:facts')).toHaveLength(1));
    await waitFor(() => expect(within(boxCard('shed-pi')).getByText('Unreachable')).toBeInTheDocument());
  });

  it('refreshes every box again on the interval chosen, and stops when it is turned off', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { user, asked } = await renderBoxes({ seed: (h) => seedClosed(h).then(() => undefined) });
    await waitFor(() => expect(within(boxCard('shed-pi')).getByText('Unreachable')).toBeInTheDocument());
    const refreshes = () => asked.filter((c) => c === 'boxes:refresh').length;
    const before = refreshes();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Refresh automatically' }), 'Every 30 seconds');
    await act(() => vi.advanceTimersByTime(30_000));
    await waitFor(() => expect(refreshes()).toBe(before + 1));
    await waitFor(() => expect(within(boxCard('shed-pi')).getByText('Unreachable')).toBeInTheDocument());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Refresh automatically' }), 'Off');
    await act(() => vi.advanceTimersByTime(120_000));
    expect(refreshes()).toBe(before + 1);
  });

  it('opens a box whose every card says on its own that the box cannot be reached, and goes back to the grid', async () => {
    const { user } = await renderBoxes({ seed: (h) => seedClosed(h).then(() => undefined) });
    await waitFor(() => expect(within(boxCard('shed-pi')).getByText('Unreachable')).toBeInTheDocument());
    await user.click(within(boxCard('shed-pi')).getByRole('button', { name: 'Manage shed-pi' }));

    const title = await screen.findByRole('heading', { level: 2, name: 'shed-pi' });
    await waitFor(() => expect(title).toHaveFocus());
    for (const card of ['Services', 'Packages', 'Upgrades', 'Local backup (lbu)']) {
      await waitFor(() => expect(inPanel(card).getByText(/refused the connection/)).toBeInTheDocument());
    }
    expect(screen.getByRole('region', { name: 'Power' })).toBeInTheDocument();
    expect(await seriousViolations(document.body)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'All boxes' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Boxes' })).toHaveFocus());
    expect(boxCard('shed-pi')).toBeInTheDocument();
  });

  it('says so when the drift card has no saved profile to compare with', async () => {
    const { user } = await renderBoxes({ seed: (h) => seedClosed(h).then(() => undefined) });
    await user.click(await screen.findByRole('button', { name: 'Manage shed-pi' }));
    expect(await inPanel('Drift from a profile').findByText(/No saved profiles yet/)).toBeInTheDocument();
  });

  it('explains that a browser tab cannot reach boxes', async () => {
    const { store } = renderApp();
    act(() => store.getState().ui.setScreen('boxes'));
    expect(screen.getByText(/this browser tab cannot connect to machines/)).toBeInTheDocument();
  });
});
