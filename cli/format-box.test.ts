import { describe, expect, it } from 'vitest';
import { parseFacts } from '../shared/boxes/facts';
import { fixture } from '../shared/boxes/fixtures.test-support';
import { formatFacts, formatServices } from './format-box';

describe('cairn facts and services as text for people', () => {
  it('says a diskless box’s facts in the same words as the Boxes screen, naming the lbu medium', () => {
    const facts = parseFacts(fixture('facts.diskless.documented.txt'));
    if (facts === null) throw new Error('the fixture no longer parses');
    const text = formatFacts('pi-sensor (root@10.0.0.7)', facts);
    // Rows are "  Label<padding>  value": the value starts after the longest label's column.
    const row = (label: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(`  ${label} `))
        ?.replace(/^ {2}.+?\s{2,}/, '');
    expect(text.split('\n')[0]).toBe('pi-sensor (root@10.0.0.7)');
    expect(row('Storage')).toBe('Diskless (runs from RAM)');
    expect(row('Unsaved (lbu)')).toBe('3 changes not saved (medium mmcblk0p1)');
    expect(row('Uptime')).toBe('2 days 4 h');
    expect(row('Memory')).toBe('471 MiB of 3.7 GiB in use');
    expect(row('Upgrades')).toBe('2 packages to upgrade');
    expect(row('Load')).toBe('0.08, 0.03, 0.01');
    expect(row('Runlevel default')).toBe('chronyd mosquitto sshd');
  });

  it('lines services up, with how long a started one has been up', () => {
    const text = formatServices([
      { name: 'sshd', state: 'started', upSeconds: 3 * 3600 + 60, runlevels: ['default'] },
      { name: 'networking', state: 'crashed', upSeconds: null, runlevels: ['boot'] },
      { name: 'local', state: 'stopped', upSeconds: null, runlevels: [] },
    ]);
    expect(text).toBe(['sshd        started, up 3 h 1 min  default', 'networking  crashed                boot', 'local       stopped                -', ''].join('\n'));
    expect(formatServices([])).toBe('No services in /etc/init.d.\n');
  });
});
