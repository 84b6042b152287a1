// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';

describe('DNS step', () => {
  it('names the entry that is not an address, and keeps the typed lines across steps', async () => {
    const { user } = renderApp();
    await openStep(user, 'DNS');
    const servers = screen.getByRole('textbox', { name: 'DNS servers' });
    await user.type(servers, '1.1.1.1{Enter}not-an-ip{Enter}');
    expect(servers).toHaveAccessibleDescription(expect.stringMatching(/Entry 2: "not-an-ip" is not an IP address/));
    expect(stepStatus('DNS')).toBe('error');
    // The section-wide warning: eth0 uses DHCP, so setup-alpine ignores DNSOPTS.
    expect(screen.getByText(/setup-alpine ignores these DNS settings/)).toBeInTheDocument();
    await openStep(user, 'Proxy');
    await openStep(user, 'DNS');
    expect(screen.getByRole('textbox', { name: 'DNS servers' })).toHaveValue('1.1.1.1\nnot-an-ip\n');
  });
});
