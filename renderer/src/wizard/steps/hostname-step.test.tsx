// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('Hostname step', () => {
  it('shows the hostname rule beside the field while typing and marks the step', async () => {
    const { user } = renderApp();
    await openStep(user, 'Hostname');
    const field = screen.getByRole('textbox', { name: 'Hostname' });
    await user.clear(field);
    await user.type(field, 'bad_host');
    expect(field).toHaveAccessibleDescription(expect.stringMatching(/may only contain letters, digits/));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(stepStatus('Hostname')).toBe('error');
    await user.clear(field);
    await user.type(field, 'good-host');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(stepStatus('Hostname')).toBe('ok');
    expect(preview()).toContain('HOSTNAMEOPTS=good-host');
  });
});
