// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { templateById } from '../../../../shared/profile';
import { openStep, renderApp } from '../../test-support/render-app.test-support';

const whatNext = () => screen.getByRole('group', { name: 'What next' });

describe('Review step', () => {
  it('sums up every section, and ends in saving or installing', async () => {
    const { user, client } = renderApp({ profile: templateById('diskless-iot')!.make() });
    await openStep(user, 'Review');
    const term = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(term('Keyboard')).toBe('none');
    expect(term('Network')).toMatch(/^eth0 \(DHCP\)/);
    expect(term('Saved with lbu')).toBe('mmcblk0p1');
    expect(term('Services')).not.toBe('');

    // The run installs the saved copy, so Install saves first, then opens Runs.
    await user.click(within(whatNext()).getByRole('button', { name: 'Install on a box…' }));
    await waitFor(async () => expect((await client.list()).map((p) => p.name)).toEqual(['Diskless IoT board']));
    expect(await screen.findByRole('button', { name: 'Runs', current: 'page' })).toBeInTheDocument();
  });

  it('offers no install or answer file while errors remain', async () => {
    const { user } = renderApp();
    await openStep(user, 'Hostname');
    await user.clear(screen.getByRole('textbox', { name: 'Hostname' }));
    await user.type(screen.getByRole('textbox', { name: 'Hostname' }), 'bad_name');
    await openStep(user, 'Review');
    expect(within(whatNext()).getByRole('button', { name: 'Install on a box…' })).toBeDisabled();
    expect(within(whatNext()).getByRole('button', { name: 'Save answer file…' })).toBeDisabled();
    expect(within(whatNext()).getByRole('button', { name: 'Save profile' })).toBeEnabled();
  });
});
