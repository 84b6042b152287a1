import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryMatches, formatKnownHostLine, knownHostsName, parseKnownHosts } from './known-hosts-file';

const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIPfTf2Uy0v7uW9EhrYb5Y2UGdh3QmT2mBTcS0ACsbQpB';

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts lines', () => {
  it('names non-default ports in brackets, as OpenSSH does', () => {
    expect(knownHostsName('box.lan', 22)).toBe('box.lan');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(formatKnownHostLine('127.0.0.1', 2222, { type: 'ssh-ed25519', base64: KEY })).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${KEY}`);
  });

  it('skips comments, blank and broken lines and reads markers', () => {
    const entries = parseKnownHosts(`# comment\n\nbroken\n@revoked box ssh-ed25519 ${KEY}\nbox,10.0.0.2 ssh-ed25519 ${KEY} me@desk\r\n`);
    expect(entries).toEqual([
      { marker: 'revoked', hosts: 'box', keyType: 'ssh-ed25519', base64: KEY },
      { marker: null, hosts: 'box,10.0.0.2', keyType: 'ssh-ed25519', base64: KEY },
    ]);
  });

  it('matches listed names, wildcards and negations, but not another port', () => {
    const [entry] = parseKnownHosts(`box,*.lan,!bad.lan,[10.0.0.?]:2222 ssh-ed25519 ${KEY}`);
    if (!entry) throw new Error('no entry');
    expect(entryMatches(entry, 'box', 22)).toBe(true);
    expect(entryMatches(entry, 'BOX', 22)).toBe(true);
    expect(entryMatches(entry, 'nas.lan', 22)).toBe(true);
    expect(entryMatches(entry, 'bad.lan', 22)).toBe(false);
    expect(entryMatches(entry, 'box', 2200)).toBe(false);
    expect(entryMatches(entry, '10.0.0.7', 2222)).toBe(true);
    expect(entryMatches(entry, '10.0.0.77', 2222)).toBe(false);
  });

  it('matches hashed host names (HashKnownHosts) only for the same name and port', () => {
    const [entry] = parseKnownHosts(`${hashed('[127.0.0.1]:2222')} ssh-ed25519 ${KEY}`);
    if (!entry) throw new Error('no entry');
    expect(entryMatches(entry, '127.0.0.1', 2222)).toBe(true);
    expect(entryMatches(entry, '127.0.0.1', 22)).toBe(false);
    expect(entryMatches(entry, '127.0.0.2', 2222)).toBe(false);
  });
});
