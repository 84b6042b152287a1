// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('Diskless step', () => {
  it('asks where lbu saves the configuration when running from RAM, warning without refusing a live system', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    await user.click(screen.getByRole('radio', { name: 'Run from RAM (diskless)' }));
    expect(stepStatus('Diskless')).toBe('warning');
    await openStep(user, 'Diskless');
    const media = screen.getByRole('textbox', { name: 'Where lbu saves the configuration' });
    expect(media).toHaveAccessibleDescription(expect.stringMatching(/lost at every reboot.*"lbu commit"/));
    await user.type(media, 'my stick');
    expect(media).toHaveAccessibleDescription(expect.stringMatching(/without spaces/));
    await user.clear(media);
    await user.type(media, 'usb');
    expect(stepStatus('Diskless')).toBe('ok');
    expect(preview()).toContain('LBUOPTS=usb');
  });
});
