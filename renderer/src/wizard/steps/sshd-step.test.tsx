// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('SSH server step', () => {
  it('checks root SSH keys beside the field and warns when there is no SSH server', async () => {
    const { user } = renderApp();
    await openStep(user, 'SSH server');
    const keys = screen.getByRole('textbox', { name: 'SSH keys for root (optional)' });
    await user.type(keys, 'not a key');
    expect(keys).toHaveAccessibleDescription(expect.stringMatching(/This is not an SSH public key/));
    await user.clear(keys);
    await user.click(screen.getByRole('radio', { name: 'None' }));
    expect(screen.getByRole('group', { name: 'SSH server' })).toHaveAccessibleDescription(expect.stringMatching(/Cairn cannot manage this box/));
    expect(stepStatus('SSH server')).toBe('warning');
    expect(preview()).toContain('SSHDOPTS=none');
  });
});
