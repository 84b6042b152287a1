import { describe, expect, it } from 'vitest';
import { sh } from '../shell';
import { FACTS_COMMAND, parseFacts } from './facts';
import { fixture } from './fixtures.test-support';

describe('parseFacts', () => {
  it('reads the real minirootfs answers, leaving what it cannot know empty', () => {
    const facts = parseFacts(fixture('facts.chroot.captured.txt'));
    expect(facts).toEqual({
      alpineVersion: '3.20.3',
      hostname: 'localhost',
      runningHostname: 'vm',
      kernel: '6.18.44-fc-v669',
      arch: 'x86_64',
      bootId: null,
      uptimeSeconds: null,
      load: null,
      memory: null,
      filesystems: [],
      storage: 'unknown',
      lbu: { media: null, backupDir: null, uncommitted: null, problem: 'lbu is not installed on this box.' },
      upgrades: { count: 0, indexesMissing: true },
      timezone: 'UTC',
      world: ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'libc-utils'],
      repositories: [
        { url: 'https://dl-cdn.alpinelinux.org/alpine/v3.20/main', tag: null },
        { url: 'https://dl-cdn.alpinelinux.org/alpine/v3.20/community', tag: null },
      ],
      runlevels: {},
      receipt: null,
    });
  });

  it('reads a diskless box with uncommitted changes and pending upgrades', () => {
    const facts = parseFacts(fixture('facts.diskless.documented.txt'));
    expect(facts).toMatchObject({
      hostname: 'pi-sensor',
      arch: 'aarch64',
      bootId: '8f0a3b52-77c4-4d0e-9a61-1c1b2b9e4d10',
      uptimeSeconds: 187234,
      load: { one: 0.08, five: 0.03, fifteen: 0.01 },
      memory: { totalKib: 3884436, availableKib: 3402112, swapTotalKib: 0, swapFreeKib: 0 },
      storage: 'diskless',
      lbu: { media: 'mmcblk0p1', backupDir: null, uncommitted: 3, problem: null },
      upgrades: { count: 2, indexesMissing: false },
      timezone: 'Europe/Berlin',
      world: ['alpine-base', 'chrony', 'openssh', 'mosquitto'],
      runlevels: { boot: ['hostname', 'loadkmap', 'modules'], default: ['chronyd', 'mosquitto', 'sshd'], sysinit: ['devfs'], shutdown: ['killprocs'] },
    });
    expect(facts?.filesystems.find((f) => f.mountpoint === '/')).toMatchObject({ source: 'tmpfs', usedPercent: 10 });
    expect(facts?.repositories).toEqual([
      { url: 'http://dl-cdn.alpinelinux.org/alpine/v3.20/main', tag: null },
      { url: 'http://dl-cdn.alpinelinux.org/alpine/edge/testing', tag: '@edge' },
    ]);
  });

  it('says why the LBU count is unknown when lbu has no media', () => {
    const text = fixture('facts.diskless.documented.txt').replace(
      /::cairn::lbu-status\n[\s\S]*?\n\n::cairn::upgrades/,
      `::cairn::lbu-status\n${fixture('lbu-status-not-configured.documented.txt')}\n::cairn::upgrades`,
    );
    expect(parseFacts(text)?.lbu).toMatchObject({ uncommitted: null, problem: expect.stringContaining('set LBU_MEDIA in /etc/lbu/lbu.conf') });
  });

  it('refuses output that was cut short', () => {
    const text = fixture('facts.diskless.documented.txt');
    expect(parseFacts(text.slice(0, text.indexOf('::cairn::world')))).toBeNull();
  });

  it('is one command line with every section, and quotes the apk filter', () => {
    const line = sh(...FACTS_COMMAND);
    expect(line.split('::cairn::').length - 1).toBe(29);
    expect(line).toContain("apk version -l '<' 2>&1");
  });
});
