// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('Proxy step', () => {
  it('rejects a proxy that is not a URL, beside the field', async () => {
    const { user } = renderApp();
    await openStep(user, 'Proxy');
    const field = screen.getByRole('textbox', { name: 'Proxy URL (optional)' });
    await user.type(field, 'proxy lan');
    expect(field).toHaveAccessibleDescription(expect.stringMatching(/The proxy must be a URL without spaces/));
    expect(stepStatus('Proxy')).toBe('error');
    await user.clear(field);
    expect(preview()).toContain('PROXYOPTS=none');
  });
});
