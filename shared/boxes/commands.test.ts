import { describe, expect, it } from 'vitest';
import { sh } from '../shell';
import { checkMedia, checkPackageNames, checkRunlevel, checkServiceName, listUpgradableCommand, runlevelActionCommand, serviceActionCommand } from './commands';

describe('box commands', () => {
  it('refuses a package list with a name that is not a package, naming it and its position', () => {
    expect(checkPackageNames(['htop', 'py3-yaml', 'gcc-13'])).toBeNull();
    expect(checkPackageNames(['htop', 'nginx; reboot'])).toEqual({
      field: 'packages.1',
      message: expect.stringMatching(/^"nginx; reboot" is not a package name; .* Nothing was changed\.$/),
    });
    expect(checkPackageNames(['--force-broken-world'])?.field).toBe('packages.0');
    expect(checkPackageNames([])?.message).toBe('Name at least one package, like htop.');
  });

  it('refuses service, runlevel and media names that are not plain names', () => {
    expect(checkServiceName('nginx')).toBeNull();
    expect(checkServiceName('$(reboot)')?.message).toContain('/etc/init.d');
    expect(checkServiceName('-f')).not.toBeNull();
    expect(checkRunlevel('default')).toBeNull();
    expect(checkRunlevel('../boot')).not.toBeNull();
    expect(checkMedia(undefined)).toBeNull();
    expect(checkMedia('usb')).toBeNull();
    expect(checkMedia('/media/usb')?.field).toBe('media');
  });

  it('builds OpenRC and apk command lines from quoted words', () => {
    expect(sh(...serviceActionCommand('nginx', 'restart'))).toBe('rc-service nginx restart');
    expect(sh(...runlevelActionCommand('sshd', 'default', 'del'))).toBe('rc-update del sshd default');
    expect(sh(...listUpgradableCommand(true))).toBe("apk update --quiet && apk version -l '<'");
  });
});
