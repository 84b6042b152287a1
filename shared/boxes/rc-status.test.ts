import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.test-support';
import { parseRcStatus, parseRunlevelLinks, summariseServices } from './rc-status';

describe('parseRcStatus', () => {
  const levels = parseRcStatus(fixture('rc-status-a.documented.txt'));
  const level = (name: string) => levels.find((l) => l.name === name);

  it('reads every runlevel, stacked and dynamic level in order', () => {
    expect(levels.map((l) => `${l.kind}:${l.name}`)).toEqual([
      'runlevel:boot',
      'runlevel:default',
      'stacked:extra',
      'runlevel:nonetwork',
      'runlevel:shutdown',
      'runlevel:sysinit',
      'dynamic:hotplugged',
      'dynamic:needed/wanted',
      'dynamic:manual',
    ]);
  });

  it('reads each state OpenRC prints, with the uptime of started services', () => {
    expect(level('default')?.services).toEqual([
      { name: 'networking', state: 'started', upSeconds: 2 * 86400 + 3 * 3600 + 4 * 60 + 2 },
      { name: 'sshd', state: 'started', upSeconds: 12 * 60 + 9 },
      { name: 'chronyd', state: 'crashed', upSeconds: null },
      { name: 'nginx', state: 'failed', upSeconds: null },
      { name: 'crond', state: 'stopped', upSeconds: null },
      { name: 'local', state: 'inactive', upSeconds: null },
    ]);
    expect(level('extra')?.services).toEqual([{ name: 'wireguard', state: 'scheduled', upSeconds: null }]);
  });

  it('reads a name too long for the 80-column padding', () => {
    expect(level('manual')?.services.map((s) => s.name)).toEqual(['dnsmasq', 'a-service-name-long-enough-to-push-its-status-past-the-eighty-column-mark']);
  });

  it('reads the layout of the test target stand-in, and ignores colour codes', () => {
    const standIn = `Runlevel: default\n ${'sshd'.padEnd(62)} [  started  ]\n ${'crond'.padEnd(62)} [  stopped  ]\nDynamic Runlevel: hotplugged\n`;
    expect(parseRcStatus(standIn)[0]?.services).toEqual([
      { name: 'sshd', state: 'started', upSeconds: null },
      { name: 'crond', state: 'stopped', upSeconds: null },
    ]);
    const coloured = 'Runlevel: \u001b[01;32mdefault\u001b[0m\n sshd   \u001b[01;34m[\u001b[01;32m  started  \u001b[01;34m]\u001b[0m\n';
    expect(parseRcStatus(coloured)).toEqual([{ name: 'default', kind: 'runlevel', services: [{ name: 'sshd', state: 'started', upSeconds: null }] }]);
  });
});

describe('services overview', () => {
  it('lists every init script once, with its runlevels and state, stopped when rc-status never names it', () => {
    const rows = summariseServices(parseRcStatus(fixture('rc-status-a.documented.txt')), ['sshd', 'local', 'dnsmasq', 'ntpd', 'functions.sh']);
    expect(rows.find((r) => r.name === 'local')).toEqual({ name: 'local', state: 'inactive', upSeconds: null, runlevels: ['default', 'nonetwork'] });
    expect(rows.find((r) => r.name === 'dnsmasq')).toEqual({ name: 'dnsmasq', state: 'started', upSeconds: 3600, runlevels: [] });
    expect(rows.find((r) => r.name === 'ntpd')).toEqual({ name: 'ntpd', state: 'stopped', upSeconds: null, runlevels: [] });
    expect(rows.some((r) => r.name === 'functions.sh')).toBe(false);
  });

  it('reads runlevel links into runlevel → services', () => {
    expect(parseRunlevelLinks(['/etc/runlevels/default/sshd', '/etc/runlevels/boot/hostname', '/etc/runlevels/default/crond', 'junk'])).toEqual({
      default: ['crond', 'sshd'],
      boot: ['hostname'],
    });
  });
});
