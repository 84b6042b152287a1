import { describe, expect, it } from 'vitest';
import { isCryptHash, isIpv4, isIpv6, isSshKeyOrUrl, isUrl, travelsAsWord } from './values';

describe('value checks', () => {
  it('recognises IPv4 addresses', () => {
    for (const ok of ['0.0.0.0', '10.20.30.40', '255.255.255.255']) expect(isIpv4(ok), ok).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4.5', '1.2.3.4 ', 'a.b.c.d']) expect(isIpv4(bad), bad).toBe(false);
  });

  it('recognises IPv6 addresses, compressed or with an IPv4 tail', () => {
    for (const ok of ['::1', '2001:db8::10', 'fe80::1', '1:2:3:4:5:6:7:8', '::ffff:10.0.0.1', '::']) expect(isIpv6(ok), ok).toBe(true);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '12345::', 'g::1', ':', '1:2:3:4:5:6:7:8:9', '::ffff:999.0.0.1']) expect(isIpv6(bad), bad).toBe(false);
  });

  it('says which values survive word splitting', () => {
    expect(travelsAsWord('Europe/Berlin')).toBe(true);
    for (const bad of ['New York', "O'Brien", 'a*', '$(x)', '', 'a;b']) expect(travelsAsWord(bad), bad).toBe(false);
  });

  it('accepts URLs only with the listed schemes and no spaces', () => {
    expect(isUrl('http://proxy.lan:3128', ['http'])).toBe(true);
    expect(isUrl('ftp://x', ['http'])).toBe(false);
    expect(isUrl('http://a b', ['http'])).toBe(false);
  });

  it('accepts crypt hashes and rejects clear text', () => {
    expect(isCryptHash('$6$rounds=5000$salt$' + 'x'.repeat(40))).toBe(true);
    expect(isCryptHash('$y$j9T$abcdefghijklmnop$' + 'Q'.repeat(43))).toBe(true);
    for (const bad of ['password', '$6$', '$9$abcdefghijklmnopqrstuvwxyz']) expect(isCryptHash(bad), bad).toBe(false);
  });

  it('accepts authorized_keys lines with options and comments, and key URLs', () => {
    expect(isSshKeyOrUrl('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI= jane@desk')).toBe(true);
    expect(isSshKeyOrUrl('no-pty ecdsa-sha2-nistp256 AAAAE2VjZHNh')).toBe(true);
    expect(isSshKeyOrUrl('https://github.com/jane.keys')).toBe(true);
    expect(isSshKeyOrUrl('ssh-ed25519')).toBe(false);
    expect(isSshKeyOrUrl('hello world')).toBe(false);
  });
});
