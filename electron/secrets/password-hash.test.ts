import { execFileSync } from 'node:child_process';
import { encrypt } from 'unixcrypt';
import { describe, expect, it } from 'vitest';
import { isCryptHash } from '../../shared/profile/values';
import { hashPassword, randomSalt } from './password-hash';

// The SHA-512 vectors published with Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512".
const SPEC_VECTORS: [salt: string, key: string, expected: string][] = [
  ['$6$saltstring', 'Hello world!', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
  [
    '$6$rounds=10000$saltstringsaltstring',
    'Hello world!',
    '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
  ],
  [
    '$6$rounds=5000$toolongsaltstring',
    'This is just a test',
    '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
  ],
  [
    '$6$rounds=1400$anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  [
    '$6$rounds=77777$short',
    'we have a short salt string but not a short password',
    '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
  ],
  [
    '$6$rounds=123456$asaltof16chars..',
    'a short string',
    '$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1',
  ],
  [
    '$6$rounds=10$roundstoolow',
    'the minimum number is still observed',
    '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.',
  ],
];

const openssl = (salt: string, password: string) =>
  execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` })
    .toString()
    .trim();

describe('SHA-512 crypt', () => {
  it.each(SPEC_VECTORS)('matches the spec vector for %s', (salt, key, expected) => {
    expect(encrypt(key, salt)).toBe(expected);
  });

  it('matches openssl passwd -6 for the hashes Cairn makes', () => {
    for (const [password, salt] of [
      ['root', 'abcdefgh'],
      ['pässwörd with spaces & $ymbols', './0123456789ABCD'],
      ['it\'s "quoted"', 'Z'],
    ] as const) {
      const ours = hashPassword(password, { salt, rounds: 5000 });
      expect(ours).toBe(openssl(`rounds=5000$${salt}`, password));
    }
    expect(hashPassword('root', { salt: 'abcdefgh', rounds: 100_000 })).toBe(openssl('rounds=100000$abcdefgh', 'root'));
  });

  it('makes a fresh 16-character salt each time, in a format the profile accepts', () => {
    const [a, b] = [hashPassword('same'), hashPassword('same')];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$6\$rounds=100000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(isCryptHash(a)).toBe(true);
    expect(randomSalt()).toMatch(/^[./0-9A-Za-z]{16}$/);
  });

  it('refuses a salt outside the crypt alphabet', () => {
    expect(() => hashPassword('x', { salt: 'no$dollars' })).toThrow(/crypt salt/);
  });
});
