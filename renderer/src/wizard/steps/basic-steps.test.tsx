// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../../shared/profile/defaults';
import { engine } from '../../engine/engine';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';

const preview = () => (screen.getByLabelText('Answer file text') as HTMLTextAreaElement).value;

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

describe('APK mirror step', () => {
  it('asks for a repository URL when explicit URLs are chosen and names a bad one', async () => {
    const { user } = renderApp();
    await openStep(user, 'APK mirror');
    await user.click(screen.getByRole('radio', { name: 'Explicit repository URLs' }));
    const urls = screen.getByRole('textbox', { name: 'Repository URLs' });
    expect(urls).toHaveAccessibleDescription(expect.stringMatching(/Add at least one repository URL/));
    await user.type(urls, 'mirror dot lan');
    expect(urls).toHaveAccessibleDescription(expect.stringMatching(/Entry 1: "mirror dot lan" is not a repository URL/));
    expect(stepStatus('APK mirror')).toBe('error');
  });
});
