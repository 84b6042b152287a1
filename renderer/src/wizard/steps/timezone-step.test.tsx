// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../../shared/profile/defaults';
import { engine } from '../../engine/engine';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('Time zone step', () => {
  it('flags an unknown zone from an imported profile and lets the person pick a real one', async () => {
    const { user } = renderApp({ profile: { ...defaultProfile(), timezone: 'Mars/Base' } });
    await openStep(user, 'Time zone');
    const search = screen.getByRole('combobox', { name: 'Time zone' });
    expect(search).toHaveAccessibleDescription(expect.stringMatching(/"Mars\/Base" is not a time zone Alpine knows/));
    expect(stepStatus('Time zone')).toBe('error');
    await user.type(search, 'berlin');
    await user.click(screen.getByRole('option', { name: 'Europe/Berlin' }));
    expect(stepStatus('Time zone')).toBe('ok');
    expect(preview()).toContain('TIMEZONEOPTS=Europe/Berlin');
  });

  it('moves through the matches with the arrow keys, the first match being active as one types', async () => {
    const { user, store } = renderApp();
    await openStep(user, 'Time zone');
    await user.type(screen.getByRole('combobox', { name: 'Time zone' }), 'America/');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const third = engine.timezones.filter((z) => z.startsWith('America/'))[2] ?? '';
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: third }).id);
    await user.keyboard('{Enter}');
    expect(store.getState().wizard.profile.timezone).toBe(third);
  });
});
