// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../../shared/profile/defaults';
import { renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('Keyboard step', () => {
  it('flags a layout that is not in the catalogue beside the layout search and marks the step', () => {
    renderApp({ profile: { ...defaultProfile(), keymap: { layout: 'xx', variant: 'yy' } } });
    expect(screen.getByRole('combobox', { name: 'Layout' })).toHaveAccessibleDescription(expect.stringMatching(/"xx" is not an Alpine keyboard layout/));
    expect(stepStatus('Keyboard')).toBe('error');
  });

  it('finds a layout by search, picks it with Enter and offers its variants', async () => {
    const { user } = renderApp();
    const search = screen.getByRole('combobox', { name: 'Layout' });
    await user.type(search, 'de');
    expect(screen.getByRole('option', { name: 'de' })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('combobox', { name: 'Variant' })).toHaveValue('de');
    expect(screen.getByRole('option', { name: 'de-nodeadkeys' })).toBeInTheDocument();
    expect(preview()).toContain("KEYMAPOPTS='de de'");
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
  });

  it('turning the keymap off and on again restores the chosen layout', async () => {
    const { user, store } = renderApp({ profile: { ...defaultProfile(), keymap: { layout: 'fr', variant: 'fr-azerty' } } });
    await user.click(screen.getByRole('checkbox', { name: 'Set a keyboard layout' }));
    expect(preview()).toContain('KEYMAPOPTS=none');
    await user.click(screen.getByRole('checkbox', { name: 'Set a keyboard layout' }));
    expect(store.getState().wizard.profile.keymap).toEqual({ layout: 'fr', variant: 'fr-azerty' });
  });
});
