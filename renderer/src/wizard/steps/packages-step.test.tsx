// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';

const preview = () => (screen.getByLabelText('Answer file text') as HTMLTextAreaElement).value;

describe('Packages & services step', () => {
  it('refuses a name that cannot be a package before adding it', async () => {
    const { user } = renderApp();
    await openStep(user, 'Packages & services');
    const input = screen.getByRole('combobox', { name: 'Add a package' });
    await user.type(input, 'bad name!');
    expect(input).toHaveAccessibleDescription(expect.stringMatching(/"bad name!" is not a package name/));
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
  });

  it('suggests catalogue packages, adds one with the keyboard, and warns about unknown names', async () => {
    const { user } = renderApp();
    await openStep(user, 'Packages & services');
    const input = screen.getByRole('combobox', { name: 'Add a package' });
    await user.type(input, 'htop');
    expect(within(screen.getByRole('listbox', { name: 'Package suggestions' })).getByRole('option', { name: /^htop/ })).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(within(screen.getByRole('list', { name: 'Packages to install' })).getByText('htop')).toBeInTheDocument();
    expect(input).toHaveValue('');
    await user.type(input, 'notapackagexyz{Enter}');
    expect(screen.getByText(/notapackagexyz is not in Alpine's main or community package list/)).toBeInTheDocument();
    expect(stepStatus('Packages & services')).toBe('warning');
    expect(preview()).toContain("CAIRN_PACKAGES='htop notapackagexyz'");
  });

  it('takes the only suggestion on Enter when the typed name is not a package', async () => {
    const { user } = renderApp();
    await openStep(user, 'Packages & services');
    await user.type(screen.getByRole('combobox', { name: 'Add a package' }), 'fastfetc{Enter}');
    expect(within(screen.getByRole('list', { name: 'Packages to install' })).getByText('fastfetch')).toBeInTheDocument();
    expect(preview()).toContain('CAIRN_PACKAGES=fastfetch');
  });

  it('says which package a service needs and adds it in one click', async () => {
    const { user } = renderApp();
    await openStep(user, 'Packages & services');
    await user.type(screen.getByRole('combobox', { name: 'Service' }), 'nginx{Enter}');
    expect(screen.getByText(/The service nginx comes from the package nginx; add it to the packages/)).toBeInTheDocument();
    expect(stepStatus('Packages & services')).toBe('error');
    await user.click(screen.getByRole('button', { name: 'Add package nginx' }));
    expect(stepStatus('Packages & services')).toBe('ok');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Runlevel for nginx' }), 'boot');
    expect(preview()).toContain('CAIRN_SERVICES=boot:nginx');
  });
});
