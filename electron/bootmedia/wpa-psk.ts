import { pbkdf2Sync } from 'node:crypto';

/**
 * The WPA pre-shared key for a passphrase, as `wpa_passphrase` derives it
 * (IEEE 802.11i: PBKDF2-HMAC-SHA1, the SSID as salt, 4096 rounds, 32 bytes):
 * the box can join with it, and the passphrase itself never lands on the medium.
 */
export const wpaPsk = (ssid: string, passphrase: string): string => pbkdf2Sync(Buffer.from(passphrase, 'utf8'), Buffer.from(ssid, 'utf8'), 4096, 32, 'sha1').toString('hex');
