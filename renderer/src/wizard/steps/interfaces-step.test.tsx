// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../../shared/answerfile';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

const card = (name: string) => screen.getByRole('group', { name: `Interface ${name}` });

describe('Network step', () => {
  it('checks a static address beside its field and keeps a prefix that is not a number', async () => {
    const { user } = renderApp();
    await openStep(user, 'Network');
    const eth0 = card('eth0');
    await user.click(within(eth0).getByRole('radio', { name: 'Static IPv4 address' }));
    const address = within(eth0).getByRole('textbox', { name: 'IPv4 address' });
    await user.type(address, '300.1.2.3');
    expect(address).toHaveAccessibleDescription(expect.stringMatching(/"300.1.2.3" is not an IPv4 address/));
    expect(stepStatus('Network')).toBe('error');

    const prefix = within(eth0).getByRole('textbox', { name: 'Prefix length' });
    await user.clear(prefix);
    await user.type(prefix, '24x');
    expect(prefix).toHaveAccessibleDescription(expect.stringMatching(/"24x" is not a whole number/));

    await openStep(user, 'DNS');
    await openStep(user, 'Network');
    expect(within(card('eth0')).getByRole('textbox', { name: 'Prefix length' })).toHaveValue('24x');
    expect(within(card('eth0')).getByRole('textbox', { name: 'IPv4 address' })).toHaveValue('300.1.2.3');
  });

  it('keeps the static address aside while DHCP is chosen and brings it back', async () => {
    const { user } = renderApp();
    await openStep(user, 'Network');
    await user.click(within(card('eth0')).getByRole('radio', { name: 'Static IPv4 address' }));
    await user.type(within(card('eth0')).getByRole('textbox', { name: 'IPv4 address' }), '10.0.0.5');
    expect(preview()).toContain('address 10.0.0.5/24');
    await user.click(within(card('eth0')).getByRole('radio', { name: 'Automatic (DHCP)' }));
    expect(preview()).toContain('iface eth0 inet dhcp');
    await user.click(within(card('eth0')).getByRole('radio', { name: 'Static IPv4 address' }));
    expect(within(card('eth0')).getByRole('textbox', { name: 'IPv4 address' })).toHaveValue('10.0.0.5');
  });

  it('adds and removes interfaces, and flags a duplicate name', async () => {
    const { user } = renderApp();
    await openStep(user, 'Network');
    await user.click(screen.getByRole('button', { name: 'Add an interface' }));
    const name = within(card('eth1')).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'eth0');
    expect(screen.getAllByRole('textbox', { name: 'Name' })[1]).toHaveAccessibleDescription(expect.stringMatching(/eth0 is listed twice/));
    await user.click(screen.getAllByRole('button', { name: 'Remove eth0' })[0] as HTMLElement);
    expect(screen.getAllByRole('group', { name: /^Interface / })).toHaveLength(1);
    expect(stepStatus('Network')).toBe('ok');
  });

  it('asks for the wifi network name and checks the passphrase length', async () => {
    const { user } = renderApp();
    await openStep(user, 'Network');
    await user.click(within(card('eth0')).getByRole('checkbox', { name: 'This is a wifi interface' }));
    const ssid = within(card('eth0')).getByRole('textbox', { name: 'Wifi network (SSID)' });
    expect(ssid).toHaveAccessibleDescription(expect.stringMatching(/Enter the wifi network name/));
    await user.type(ssid, 'home');
    const passphrase = within(card('eth0')).getByLabelText('Wifi passphrase');
    await user.type(passphrase, 'short');
    expect(passphrase).toHaveAccessibleDescription(expect.stringMatching(/8 to 63 printable characters/));
    expect(stepStatus('Network')).toBe('error');
  });

  it('configures IPv6 automatically or with a checked static address', async () => {
    const { user } = renderApp();
    await openStep(user, 'Network');
    await user.click(within(card('eth0')).getByRole('radio', { name: 'Automatic (SLAAC)' }));
    expect(preview()).toContain('inet6 auto');
    await user.click(within(card('eth0')).getByRole('radio', { name: 'Static IPv6 address' }));
    const address = within(card('eth0')).getByRole('textbox', { name: 'IPv6 address' });
    await user.type(address, 'fe80::zz');
    expect(address).toHaveAccessibleDescription(expect.stringMatching(/is not an IPv6 address/));
  });

  it('shows options kept from an imported file, edits them as text, and flags a hook command', async () => {
    const profile = parse('INTERFACESOPTS="auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet dhcp\n\thostname garage\n"\n').profile;
    const { user } = renderApp({ profile });
    await openStep(user, 'Network');
    const eth0 = card('eth0');
    // Kept options are shown unfolded.
    expect(within(eth0).getByText('More ifupdown options (1 kept from the imported file)').closest('details')).toHaveAttribute('open');
    const options = within(eth0).getByRole('textbox', { name: 'Options of eth0 (IPv4 stanza)' });
    expect(options).toHaveValue('hostname garage');
    expect(preview()).toContain('iface eth0 inet dhcp\n\thostname garage\n');
    await user.type(options, '{Enter}up ip route add 10.8.0.0/16 via 10.0.0.1');
    expect(options).toHaveAccessibleDescription(expect.stringMatching(/runs a command as root whenever eth0 goes up/));
    expect(stepStatus('Network')).toBe('warning');
    expect(preview()).toContain('\tup ip route add 10.8.0.0/16 via 10.0.0.1\n');
    await user.click(within(eth0).getByRole('radio', { name: 'DHCPv6' }));
    expect(preview()).toContain('iface eth0 inet6 dhcp');
  });

  it('hides the wifi passphrase in the preview until it is revealed, as in its field', async () => {
    const { user } = renderApp();
    await openStep(user, 'Network');
    const eth0 = card('eth0');
    await user.click(within(eth0).getByRole('checkbox', { name: 'This is a wifi interface' }));
    await user.type(within(eth0).getByRole('textbox', { name: 'Wifi network (SSID)' }), 'Home');
    await user.type(within(eth0).getByLabelText('Wifi passphrase'), "it's a secret");
    expect(preview()).toContain('wifi-psk ••••••••');
    expect(preview()).not.toContain('secret');
    await user.click(screen.getByRole('checkbox', { name: 'Show the wifi passphrase' }));
    expect(preview()).toContain("wifi-psk it'\\''s a secret");
  });
});
