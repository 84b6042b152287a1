import { describe, expect, it } from 'vitest';
import { wpaPsk } from './wpa-psk';

describe('the WPA key derived from a passphrase', () => {
  // The test vectors of IEEE 802.11i-2004, Annex H.4.
  it.each([
    ['password', 'IEEE', 'f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e'],
    ['ThisIsAPassword', 'ThisIsASSID', '0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af'],
  ])('matches the standard for passphrase %s on %s', (passphrase, ssid, psk) => {
    expect(wpaPsk(ssid, passphrase)).toBe(psk);
  });
});
