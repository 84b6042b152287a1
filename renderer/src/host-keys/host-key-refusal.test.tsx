// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HostKeyDetails } from '../../../shared/api/result';
import { HostKeyRefusal, isKeyRefusal } from './host-key-refusal';
import '../test-support/render-app.test-support';

const met: HostKeyDetails = {
  host: '10.0.0.7',
  port: 2222,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:newnewnewnewnewnewnewnewnewnewnewnewnewnew',
  key: 'AAAAC3NzaC1lZDI1NTE5AAAAIA',
};
const unknownKey = { code: 'host-key-unknown' as const, message: 'The host key of 10.0.0.7 port 2222 is not known yet.', details: met };
const changedKey = {
  code: 'host-key-changed' as const,
  message: 'The host key of 10.0.0.7 port 2222 has changed.',
  details: { ...met, expected: 'SHA256:oldoldoldoldoldoldoldoldoldoldoldoldoldold', knownIn: 'cairn' as const },
};

function setUp(props: Partial<Parameters<typeof HostKeyRefusal>[0]> & Pick<Parameters<typeof HostKeyRefusal>[0], 'error'>) {
  const trusted: HostKeyDetails[] = [];
  const forgotten: HostKeyDetails[] = [];
  const user = userEvent.setup();
  render(<HostKeyRefusal name="garage" trustLabel="Trust and read garage" onTrust={(d) => trusted.push(d)} onForget={(d) => forgotten.push(d)} {...props} />);
  return { user, trusted, forgotten };
}

describe('a host-key refusal dealt with where it shows', () => {
  it('on a card, names the box only for screen readers, shows the fingerprint and trusts the key it met', async () => {
    const { user, trusted } = setUp({ error: unknownKey, short: true, small: true });
    const button = screen.getByRole('button', { name: 'Check the key… of garage' });
    expect(button).toHaveTextContent('Check the key… of garage');
    expect(button).toHaveClass('primary', 'small');
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    await user.click(button);
    const ask = screen.getByRole('dialog', { name: 'Trust this host key?' });
    expect(within(ask).getByText(met.fingerprint)).toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Trust and read garage' }));
    expect(trusted).toEqual([met]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('on a run, names the box in the button, inside a named group, and removes the old key of a changed one only after asking', async () => {
    const { user, trusted, forgotten } = setUp({ error: changedKey, trustLabel: 'Trust and run garage again', groupLabel: 'The host key of garage' });
    const group = screen.getByRole('group', { name: 'The host key of garage' });
    await user.click(within(group).getByRole('button', { name: 'Compare the keys of garage…' }));
    const warning = screen.getByRole('alertdialog', { name: 'Warning: the host key of 10.0.0.7 port 2222 has changed' });
    expect(within(warning).getByText(changedKey.details.expected)).toBeInTheDocument();
    expect(within(warning).getByText(met.fingerprint)).toBeInTheDocument();
    await user.click(within(warning).getByRole('button', { name: 'Remove the old key…' }));
    expect(forgotten).toEqual([]);
    await user.click(within(warning).getByRole('button', { name: 'Remove the old key' }));
    expect(forgotten).toEqual([changedKey.details]);
    expect(trusted).toEqual([]);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('Cancel trusts nothing', async () => {
    const { user, trusted } = setUp({ error: unknownKey });
    await user.click(screen.getByRole('button', { name: 'Check the key of garage…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(trusted).toEqual([]);
  });

  it('offers nothing for other failures, or for a key refusal that does not say which key it met', () => {
    setUp({ error: { code: 'unreachable', message: 'No route to host.' }, groupLabel: 'The host key of garage' });
    setUp({ error: { code: 'host-key-unknown', message: 'Unknown key.' } });
    setUp({ error: null });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(isKeyRefusal(unknownKey)).toBe(true);
    expect(isKeyRefusal({ code: 'auth-failed', message: 'x', details: met })).toBe(false);
  });
});
