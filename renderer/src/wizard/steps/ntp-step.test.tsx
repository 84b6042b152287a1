// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('NTP step', () => {
  it('warns beside the choice when the clock is left unsynchronised', async () => {
    const { user } = renderApp();
    await openStep(user, 'NTP');
    await user.click(screen.getByRole('radio', { name: 'None' }));
    expect(screen.getByRole('group', { name: 'NTP client' })).toHaveAccessibleDescription(expect.stringMatching(/the clock drifts/));
    expect(stepStatus('NTP')).toBe('warning');
    expect(preview()).toContain('NTPOPTS=none');
  });
});
