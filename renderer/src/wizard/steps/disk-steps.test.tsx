// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';

const preview = () => (screen.getByLabelText('Answer file text') as HTMLTextAreaElement).value;

describe('Disk step', () => {
  it('says in words what will be erased, and checks each disk path', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    expect(screen.getByText('Everything on /dev/sda will be erased.')).toBeInTheDocument();
    const disks = screen.getByRole('textbox', { name: 'Disks' });
    await user.clear(disks);
    await user.type(disks, '/dev/sda{Enter}sdb');
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
    const swap = screen.getByRole('textbox', { name: 'Swap size' });
    await user.type(swap, 'lots');
    expect(swap).toHaveAccessibleDescription(expect.stringMatching(/"lots" is not a whole number/));
    await user.clear(swap);
    await user.type(swap, '512');
    expect(preview()).toContain("DISKOPTS='-m sys -s 512 /dev/sda'");
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
    act(() => store.getState().wizard.setFacts({ disks: [{ path: '/dev/vda', size: '20 GB' }, { path: '/dev/vdb', size: '1 TB' }] }));
    await openStep(user, 'Disk');
    await user.click(screen.getByRole('checkbox', { name: '/dev/vdb, 1 TB' }));
    expect(screen.getByText('Everything on /dev/sda and /dev/vdb will be erased.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: '/dev/vdb, 1 TB' }));
    expect(store.getState().wizard.profile.disk.disks).toEqual(['/dev/sda']);
  });
});

describe('Diskless step', () => {
  it('asks where lbu saves the configuration when running from RAM', async () => {
    const { user } = renderApp();
    await openStep(user, 'Disk');
    await user.click(screen.getByRole('radio', { name: 'Run from RAM (diskless)' }));
    expect(stepStatus('Diskless')).toBe('error');
    await openStep(user, 'Diskless');
    const media = screen.getByRole('textbox', { name: 'Where lbu saves the configuration' });
    expect(media).toHaveAccessibleDescription(expect.stringMatching(/configuration is kept only by "lbu commit"/));
    await user.type(media, 'my stick');
    expect(media).toHaveAccessibleDescription(expect.stringMatching(/without spaces/));
    await user.clear(media);
    await user.type(media, 'usb');
    expect(stepStatus('Diskless')).toBe('ok');
    expect(preview()).toContain('LBUOPTS=usb');
  });
});
