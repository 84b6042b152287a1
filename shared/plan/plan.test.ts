import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../answerfile';
import { TEMPLATES, defaultProfile, templateById, validate, errorsOf, type Profile } from '../profile';
import { writeForwarding } from './forwarding';
import { plan } from './plan';
import { asRoot } from './privilege';
import { runWithShims } from './shims.test-support';

const ROOT_HASH = '$6$rootsalt$' + 'R'.repeat(86);
const USER_HASH = '$6$usersalt$' + 'U'.repeat(86);
const ids = (p: Profile, reboot = false) => plan(p, { privilege: 'root' }, { reboot }).map((s) => s.id);

function template(id: string): Profile {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t.make();
}

/** A diskless box with every optional step: passwords, a full name that cannot travel in USEROPTS. */
function everything(): Profile {
  const p = template('diskless-iot');
  return {
    ...p,
    rootPasswordHash: ROOT_HASH,
    user: { ...defaultProfile().user!, name: 'jane', fullName: "O'Brien $(touch x)", passwordHash: USER_HASH },
  };
}

function raid(disks: string[]): Profile {
  const p = defaultProfile();
  return { ...p, disk: { ...p.disk, disks, raid: true, bootloader: 'grub', efi: 'efi', bootFs: 'vfat' } };
}

describe('plan order', () => {
  it.each([
    ['vm', ['setup-alpine', 'cleanup', 'disk']],
    ['old-pc', ['setup-alpine', 'cleanup', 'packages', 'services', 'disk']],
    ['router', ['setup-alpine', 'cleanup', 'packages', 'services', 'ip-forwarding', 'disk']],
    ['diskless-iot', ['setup-alpine', 'cleanup', 'packages', 'services', 'lbu-commit']],
  ])('runs the %s template as %j', (id, expected) => {
    expect(ids(template(id))).toEqual(expected);
  });

  it('covers every template', () => {
    expect(TEMPLATES.map((t) => t.id).sort()).toEqual(['diskless-iot', 'old-pc', 'router', 'vm']);
  });

  it('sets passwords and the full name after setup-alpine and saves with lbu last on a diskless box', () => {
    expect(ids(everything(), true)).toEqual(['root-password', 'setup-alpine', 'cleanup', 'user-fullname', 'user-password', 'packages', 'services', 'lbu-commit', 'reboot']);
  });

  it('commits with lbu after setting up a data disk, and never after a sys install', () => {
    const p = template('old-pc');
    const data = { ...p, disk: { ...p.disk, mode: 'data' as const }, diskless: { lbuMedia: 'usb', apkCacheDir: null } };
    expect(errorsOf(validate(data))).toEqual([]);
    expect(ids(data)).toEqual(['setup-alpine', 'cleanup', 'packages', 'services', 'disk', 'lbu-commit']);
    expect(ids({ ...p, diskless: { lbuMedia: 'usb', apkCacheDir: null } })).not.toContain('lbu-commit');
  });

  it('skips the full-name step when the name travels in USEROPTS or is empty', () => {
    const p = defaultProfile();
    for (const fullName of ['', 'Jane', 'J.Doe']) expect(ids({ ...p, user: { ...p.user!, fullName } })).not.toContain('user-fullname');
    expect(ids({ ...p, user: { ...p.user!, fullName: 'Jane Doe' } })).toContain('user-fullname');
    expect(ids({ ...p, user: null })).toEqual(['setup-alpine', 'cleanup', 'disk']);
  });

  it('runs an encrypted disk step on a terminal that answers cryptsetup, with the passphrase never on the command line', () => {
    const p = template('old-pc');
    const encrypted = { ...p, disk: { ...p.disk, disks: ['/dev/sda'], encrypt: true, passphrase: 's3cret $(x)' } };
    const disk = plan(encrypted, { privilege: 'root' }).find((s) => s.id === 'disk');
    expect(disk?.detached).toBeUndefined();
    expect(disk?.command).toContain('-e');
    expect(disk?.command).not.toContain('s3cret');
    const answers = disk?.answers ?? [];
    const answerTo = (line: string) => answers.find((a) => new RegExp(a.prompt).test(line))?.answer;
    expect(answerTo('Enter passphrase for /dev/sda3: ')).toBe('s3cret $(x)');
    expect(answerTo('Verify passphrase: ')).toBe('s3cret $(x)');
    expect(answerTo('WARNING: Erase the above disk(s) and continue? (y/n) [n] ')).toBeUndefined();
    // Without encryption the step stays detached, answering nothing.
    expect(plan({ ...encrypted, disk: { ...encrypted.disk, encrypt: false } }, { privilege: 'root' }).find((s) => s.id === 'disk')).toMatchObject({ detached: true });
  });

  it('reboots only on request, as the last step', () => {
    for (const t of TEMPLATES) {
      expect(ids(t.make())).not.toContain('reboot');
      expect(ids(t.make(), true).at(-1)).toBe('reboot');
    }
  });
});

describe('plan commands', () => {
  it('uploads the answer file with the disk held back, private, and removes it even after a failure', () => {
    const p = template('vm');
    const steps = plan(p, { privilege: 'root', workDir: '/root/.cairn-x1' });
    const setup = steps.find((s) => s.id === 'setup-alpine')!;
    expect(setup.command).toBe('setup-alpine -e -f /root/.cairn-x1/answers');
    expect(setup.upload).toEqual({ path: '/root/.cairn-x1/answers', content: render(p, { holdBackDisk: true }), mode: 0o600 });
    expect(setup.upload!.content).toMatch(/^DISKOPTS=none$/m);
    expect(setup).toMatchObject({ detached: true, duration: 'long', destructive: false, erases: [] });
    const cleanup = steps.find((s) => s.id === 'cleanup')!;
    expect(cleanup).toMatchObject({ command: 'rm -f /root/.cairn-x1/answers', always: true });
    expect(plan(p, { privilege: 'root' })[0]!.upload!.path).toBe('/tmp/cairn/answers');
  });

  it('writes the exact commands of the router template', () => {
    const commands = Object.fromEntries(plan(template('router'), { privilege: 'root' }).map((s) => [s.id, s.command]));
    expect(commands).toEqual({
      'setup-alpine': 'setup-alpine -e -f /tmp/cairn/answers',
      cleanup: 'rm -f /tmp/cairn/answers',
      packages: 'apk add nftables dnsmasq',
      services: 'rc-update add sysctl boot && rc-update add nftables default && rc-update add dnsmasq default',
      'ip-forwarding': "printf '%s\\n' 'net.ipv4.ip_forward = 1' 'net.ipv6.conf.all.forwarding = 1' > /etc/sysctl.d/90-cairn-ip-forwarding.conf",
      disk: 'env ERASE_DISKS=/dev/sda BOOTFS=ext4 ROOTFS=ext4 VARFS=ext4 setup-disk -m sys -s 0 /dev/sda',
    });
  });

  it('installs the wifi executor and wpa_supplicant when an interface uses wifi, once each', () => {
    const p = template('old-pc');
    p.packages.push('wpa_supplicant');
    p.interfaces.push({
      name: 'wlan0',
      auto: true,
      ipv4: { mode: 'dhcp' },
      ipv6: { mode: 'none' },
      wifi: { ssid: 'Home', passphrase: 'correct horse' },
      extraOptions: { inet: [], inet6: [] },
    });
    expect(plan(p, { privilege: 'root' }).find((s) => s.id === 'packages')?.command).toBe('apk add htop nftables wpa_supplicant ifupdown-ng-wifi');
    expect(plan(template('old-pc'), { privilege: 'root' }).find((s) => s.id === 'packages')?.command).toBe('apk add htop nftables');
  });

  it('writes a sysctl.d file that turns forwarding on, through a real shell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-sysctl-'));
    const path = join(dir, 'forwarding.conf');
    const run = runWithShims(asRoot(writeForwarding(path), { privilege: 'doas' }), []);
    expect(run.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 1\n');
    expect(ids({ ...template('router'), ipForwarding: false })).not.toContain('ip-forwarding');
  });

  it('passes passwords only as hashes on stdin to chpasswd -e', () => {
    const steps = plan(everything(), { privilege: 'root' }, { reboot: true });
    expect(steps.find((s) => s.id === 'root-password')).toMatchObject({ command: 'chpasswd -e', stdin: `root:${ROOT_HASH}\n` });
    expect(steps.find((s) => s.id === 'user-password')).toMatchObject({ command: 'chpasswd -e', stdin: `jane:${USER_HASH}\n` });
    for (const s of steps) {
      expect(s.command).not.toContain('rootsalt');
      expect(s.command).not.toContain('usersalt');
      expect(s.upload?.content ?? '').not.toContain('salt$');
    }
  });

  it('feeds chpasswd exactly one name:hash line through a real shell', () => {
    const step = plan(everything(), { privilege: 'doas' }).find((s) => s.id === 'user-password')!;
    const run = runWithShims(step.command, ['chpasswd'], { stdin: step.stdin });
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([{ name: 'chpasswd', args: ['-e'], env: {}, stdin: `jane:${USER_HASH}\n`, asRoot: true }]);
  });

  it('quotes a hostile full name as one word and never as code', () => {
    const step = plan(everything(), { privilege: 'root' }).find((s) => s.id === 'user-fullname')!;
    expect(step.command).toContain(`'CAIRN_FULLNAME=O'\\''Brien $(touch x)'`);
    expect(step.command.replace(`'CAIRN_FULLNAME=O'\\''Brien $(touch x)'`, '')).not.toContain('Brien');
  });

  it('marks only the disk step destructive, erasing exactly its disks', () => {
    const steps = plan(raid(['/dev/sda', '/dev/sdb']), { privilege: 'root' });
    expect(steps.filter((s) => s.destructive).map((s) => [s.id, s.erases])).toEqual([['disk', ['/dev/sda', '/dev/sdb']]]);
    expect(steps.filter((s) => !s.destructive).every((s) => s.erases.length === 0)).toBe(true);
  });

  it.each([[['/dev/vda']], [['/dev/sda', '/dev/sdb']], [['/dev/sda', '/dev/sdb', '/dev/nvme0n1']]])(
    'gives setup-disk ERASE_DISKS equal to exactly the disks %j, through a real shell',
    (disks) => {
      const p = disks.length === 1 ? { ...defaultProfile(), disk: { ...defaultProfile().disk, disks } } : raid(disks);
      expect(errorsOf(validate(p))).toEqual([]);
      const disk = plan(p, { privilege: 'root' }).find((s) => s.id === 'disk')!;
      const run = runWithShims(disk.command, ['setup-disk']);
      expect(run.status).toBe(0);
      expect(run.calls).toHaveLength(1);
      expect(run.calls[0]!.env.ERASE_DISKS).toBe(disks.join(' '));
      expect(run.calls[0]!.args.slice(-disks.length)).toEqual(disks);
      expect(run.calls[0]!.args.slice(0, 2)).toEqual(['-m', 'sys']);
      if (disks.length > 1) expect(run.calls[0]!.env).toMatchObject({ BOOTFS: 'vfat', USE_EFI: '1', BOOTLOADER: 'grub' });
    },
  );
});

describe('plan through doas', () => {
  it('prefixes every command with doas', () => {
    const steps = plan(everything(), { privilege: 'doas' }, { reboot: true });
    for (const s of steps) expect(s.command).toMatch(/^doas /);
    expect(steps.find((s) => s.id === 'packages')!.command).toBe('doas apk add mosquitto');
    expect(steps.find((s) => s.id === 'lbu-commit')!.command).toBe('doas lbu commit -d');
    expect(steps.find((s) => s.id === 'services')!.command).toBe('doas rc-update add mosquitto default');
  });

  it('runs every part of a chained command as root, not only the first', () => {
    const services = plan(template('router'), { privilege: 'doas' }).find((s) => s.id === 'services')!;
    expect(services.command).toBe(`doas sh -c 'rc-update add sysctl boot && rc-update add nftables default && rc-update add dnsmasq default'`);
    const run = runWithShims(services.command, ['rc-update']);
    expect(run.status).toBe(0);
    expect(run.calls.map((c) => [c.args.join(' '), c.asRoot])).toEqual([
      ['add sysctl boot', true],
      ['add nftables default', true],
      ['add dnsmasq default', true],
    ]);
  });
});
