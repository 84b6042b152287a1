// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, seriousViolations, stepStatus } from '../../test-support/render-app.test-support';
import { preview } from './preview.test-support';

describe('Disk step', () => {
  it('never assumes a disk, says in words what will be erased, and checks each disk path', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    const disks = screen.getByRole('textbox', { name: 'Disks' });
    expect(disks).toHaveValue('');
    expect(disks).toHaveAccessibleDescription(expect.stringMatching(/Choose the disk to install Alpine on/));
    expect(screen.getByText('Choose a disk below; everything on it will be erased.')).toBeInTheDocument();
    await user.type(disks, '/dev/sda');
    expect(screen.getByText('Everything on /dev/sda will be erased.')).toBeInTheDocument();
    await user.type(disks, '{Enter}sdb');
    expect(screen.getByText('Everything on /dev/sda and sdb will be erased.')).toBeInTheDocument();
    expect(disks).toHaveAccessibleDescription(expect.stringMatching(/Entry 2: "sdb" is not a disk device/));
    expect(screen.getByRole('checkbox', { name: 'RAID (mirror the disks)' })).toHaveAccessibleDescription(
      expect.stringMatching(/setup-disk always puts two or more disks in a RAID array/),
    );
    expect(stepStatus('Disk')).toBe('error');
  });

  it('keeps a swap size that is not a number on screen with a message', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    await user.type(screen.getByRole('textbox', { name: 'Disks' }), '/dev/sda');
    const swap = screen.getByRole('textbox', { name: 'Swap size' });
    await user.type(swap, 'lots');
    expect(swap).toHaveAccessibleDescription(expect.stringMatching(/"lots" is not a whole number/));
    await user.clear(swap);
    await user.type(swap, '512');
    expect(preview()).toContain("DISKOPTS='-m sys -s 512 /dev/sda'");
  });

  it('asks for the LUKS passphrase Cairn will type, says it is needed at every boot, and keeps it out of the answer file', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    await user.type(screen.getByRole('textbox', { name: 'Disks' }), '/dev/sda');
    const encrypt = screen.getByRole('checkbox', { name: 'Encrypt the disk (LUKS)' });
    expect(encrypt).toHaveAccessibleDescription(expect.stringMatching(/Cairn types the passphrase below when it asks/));
    await user.click(encrypt);
    const passphrase = screen.getByLabelText('Disk passphrase');
    expect(passphrase).toHaveAccessibleDescription(expect.stringMatching(/Enter the disk passphrase: Cairn types it when setup-disk asks/));
    await user.type(passphrase, 'open sesame 42');
    expect(passphrase).toHaveAccessibleDescription(expect.not.stringMatching(/Enter the disk passphrase/));
    // Once it is entered, what encryption costs is said by the choice itself.
    expect(encrypt).toHaveAccessibleDescription(expect.stringMatching(/at every boot, at its own console/));
    expect(preview()).toContain("DISKOPTS='-m sys -e /dev/sda'");
    expect(preview()).not.toContain('sesame');
  });

  it('offers three modes; running from RAM erases nothing', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    await user.click(screen.getByRole('radio', { name: 'Run from RAM (diskless)' }));
    expect(screen.queryByText(/will be erased/)).not.toBeInTheDocument();
    expect(preview()).toContain('DISKOPTS=none');
  });

  it("lists a target's disks as choices when the target has reported them", async () => {
    const { user, store } = renderApp();
    act(() =>
      store.getState().wizard.setFacts({
        disks: [
          { path: '/dev/vda', size: '20 GB' },
          { path: '/dev/vdb', size: '1 TB' },
        ],
      }),
    );
    await openStep(user, 'Disk');
    await user.click(screen.getByRole('checkbox', { name: '/dev/vdb, 1 TB' }));
    await user.click(screen.getByRole('checkbox', { name: '/dev/vda, 20 GB' }));
    expect(screen.getByText('Everything on /dev/vdb and /dev/vda will be erased.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: '/dev/vdb, 1 TB' }));
    expect(store.getState().wizard.profile.disk.disks).toEqual(['/dev/vda']);
  });

  it('offers the disks of a tested target, with their sizes, and goes back to typed names', async () => {
    const { user, store, container } = renderApp();
    const box = { id: 'box1', name: 'old-pc', host: '10.0.0.5', port: 22, user: 'root', auth: 'password' as const, tags: [] };
    const hostKey = { keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' };
    const disks = [
      { path: '/dev/sda', size: 21_474_836_480, model: 'QEMU HARDDISK' },
      { path: '/dev/sdb', size: 1_000_204_886_016, model: null },
    ];
    act(() => {
      store.getState().targets.loaded([box, { ...box, id: 'box2', name: 'untested' }], []);
      store.getState().targets.testFinished('box1', { ok: true, value: { alpineVersion: '3.20.3', arch: 'x86_64', isRoot: true, disks, hostKey } });
      store.getState().wizard.update((p) => ({ ...p, disk: { ...p.disk, disks: [] } }));
    });
    await openStep(user, 'Disk');
    const source = screen.getByRole('combobox', { name: 'Disks of' });
    expect([...(source as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Type the disk names', 'old-pc']);
    await user.selectOptions(source, 'old-pc');
    expect(screen.queryByRole('textbox', { name: 'Disks' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: '/dev/sda, 20 GiB, QEMU HARDDISK' }));
    await user.click(screen.getByRole('checkbox', { name: '/dev/sdb, 932 GiB' }));
    expect(store.getState().wizard.profile.disk.disks).toEqual(['/dev/sda', '/dev/sdb']);
    expect(await seriousViolations(container)).toEqual([]);
    await user.selectOptions(source, 'Type the disk names');
    expect(screen.getByRole('textbox', { name: 'Disks' })).toHaveValue('/dev/sda\n/dev/sdb');
  });
});
