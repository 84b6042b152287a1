import { describe, expect, it } from 'vitest';
import { defaultProfile, type Profile } from '../../../shared/profile';
import { LOST_PASSPHRASE, lostSecretProblems, lostSecretsOf, lostSecretsSentence, NO_LOST_SECRETS } from './lost-secrets';

function twoWifi(): Profile {
  const base = defaultProfile();
  const eth0 = base.interfaces[0]!;
  return {
    ...base,
    interfaces: [eth0, { ...eth0, name: 'wlan0', wifi: { ssid: 'Home', passphrase: '' } }, { ...eth0, name: 'wlan1', wifi: { ssid: 'Shed', passphrase: '' } }],
    disk: { ...base.disk, mode: 'sys', disks: ['/dev/sda'], encrypt: true, passphrase: '' },
  };
}

describe('passphrases lost with an ended session', () => {
  it('holds wifi losses by interface name, so the notice stays with its interface when another is removed', () => {
    const profile = twoWifi();
    const lost = lostSecretsOf(['interfaces.2.wifi.passphrase', 'disk.passphrase'], profile);
    expect(lost).toEqual({ interfaces: ['wlan1'], disk: true });
    expect(lostSecretProblems(lost, profile).map((p) => p.path)).toEqual(['interfaces.2.wifi.passphrase', 'disk.passphrase']);
    const withoutEth0 = { ...profile, interfaces: profile.interfaces.slice(1) };
    expect(lostSecretProblems(lost, withoutEth0)).toEqual([
      { path: 'interfaces.1.wifi.passphrase', message: LOST_PASSPHRASE, severity: 'warning' },
      { path: 'disk.passphrase', message: LOST_PASSPHRASE, severity: 'warning' },
    ]);
  });

  it('says nothing once a value is typed, when the field is not shown, or when nothing was lost', () => {
    const profile = twoWifi();
    const lost = { interfaces: ['wlan0'], disk: true };
    const typed = {
      ...profile,
      interfaces: profile.interfaces.map((i) => (i.wifi ? { ...i, wifi: { ...i.wifi, passphrase: 'x' } } : i)),
      disk: { ...profile.disk, passphrase: 'y' },
    };
    expect(lostSecretProblems(lost, typed)).toEqual([]);
    expect(lostSecretProblems(lost, { ...profile, disk: { ...profile.disk, encrypt: false } }).map((p) => p.path)).toEqual(['interfaces.1.wifi.passphrase']);
    expect(lostSecretProblems(NO_LOST_SECRETS, profile)).toEqual([]);
    expect(lostSecretsOf(['interfaces.9.wifi.passphrase', 'name'], profile)).toEqual(NO_LOST_SECRETS);
  });

  it('names what was lost and the step to enter it on', () => {
    expect(lostSecretsSentence({ interfaces: ['wlan0'], disk: false })).toBe(
      'Its wifi passphrase was kept only until Cairn last closed: enter it again on the Network step, then save.',
    );
    expect(lostSecretsSentence({ interfaces: ['wlan0', 'wlan1'], disk: false })).toMatch(/^Its wifi passphrases were .* enter them again on the Network step/);
    expect(lostSecretsSentence({ interfaces: [], disk: true }, 'save, then copy it')).toBe(
      'Its disk passphrase was kept only until Cairn last closed: enter it again on the Disk step, save, then copy it.',
    );
    expect(lostSecretsSentence({ interfaces: ['wlan0'], disk: true })).toMatch(/^Its wifi and disk passphrases were .* on the Network and Disk steps/);
  });
});
