// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../../electron/services.test-support';
import { renderApp, seriousViolations } from '../test-support/render-app.test-support';
import { renderShell, savedTarget } from './render-shell.test-support';

const seed = async (h: Harness) => {
  await savedTarget(h, { name: 'garage', auth: 'key', keyPath: '/k', tags: ['lab'] });
  await savedTarget(h, { name: 'attic', auth: 'password' });
};

describe('Targets screen accessibility', () => {
  it('has no serious or critical axe violation: the list, the ISO helper, and every dialog', async () => {
    const { user, container } = await renderShell({ screen: 'targets', seed });
    await screen.findByRole('rowheader', { name: 'garage' });
    await user.click(screen.getByText(/Freshly booted from the Alpine ISO/));
    await user.type(screen.getByRole('textbox', { name: 'Your public key' }), 'not a key');
    expect(await seriousViolations(container)).toEqual([]);

    for (const opener of ['Add target…', 'Edit attic', 'Remove garage', 'Import from SSH config…']) {
      await user.click(screen.getByRole('button', { name: opener }));
      const open = screen.queryByRole('dialog') ?? screen.getByRole('alertdialog');
      if (opener === 'Add target…') await user.click(within(open).getByRole('button', { name: 'Save target' }));
      expect(await seriousViolations(document.body), opener).toEqual([]);
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: opener })).toHaveFocus();
    }
  });

  it('is usable from the keyboard: the tab reaches the screen, its buttons and the form', async () => {
    const { user } = await renderShell({ seed });
    await user.click(screen.getByRole('button', { name: 'Targets' }));
    expect(screen.getByRole('button', { name: 'Targets' })).toHaveAttribute('aria-current', 'page');
    await screen.findByRole('rowheader', { name: 'garage' });
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Add target…' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
    await user.keyboard('box{Tab}10.0.0.9');
    // Enter in a field submits the form, as in any dialog with a form.
    await user.click(screen.getByRole('radio', { name: 'SSH agent' }));
    await user.type(screen.getByRole('textbox', { name: 'Tags (optional)' }), 'new{Enter}');
    expect(await screen.findByRole('rowheader', { name: 'box' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add target…' })).toHaveFocus();
  });

  it('in a browser tab without the desktop app, says targets need it and still offers the ISO helper', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Targets' }));
    expect(screen.getByText(/Targets are kept and reached by the Cairn desktop app/)).toBeInTheDocument();
    expect(screen.getByText(/Freshly booted from the Alpine ISO/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add target…' })).not.toBeInTheDocument();
  });
});
