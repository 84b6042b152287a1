import { describe, expect, it } from 'vitest';
import { render } from '../answerfile';
import { emptyRow } from '../batch/row';
import { defaultProfile } from '../profile/defaults';
import { ansibleExport, type AnsibleOptions } from './index';
import { CRYPT_PATTERN, PASSPHRASE_PATTERN } from './playbook';
import { validate } from '../profile/validate';
import type { Profile } from '../profile/schema';
import { DISK_PASSPHRASE, ROOT_HASH, ROW_PASSPHRASE, USER_HASH, WIFI_PASSPHRASE, keyOf, piProfile, threeConnections, threeKeys, threeRows } from './fixtures.test-support';
import { unsafeValues } from './yaml.test-support';

function exported(profile: Profile, options: AnsibleOptions = {}) {
  const out = ansibleExport(profile, options);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  const text = (path: string) => {
    const file = out.files.get(path);
    if (file === undefined) throw new Error(`${path} was not written; the export has ${[...out.files.keys()].join(', ')}`);
    return file.content;
  };
  return { ...out, text };
}

const fleet = () => exported(piProfile(), { batch: threeRows(), connections: threeConnections(), knownHosts: threeKeys() });

/** The comment block at the top of site.yml, without the `#`. */
const topComment = (site: string) =>
  site
    .slice(0, site.indexOf('\n---\n'))
    .split('\n')
    .map((l) => l.replace(/^#/, ''))
    .join(' ')
    .replace(/\s+/g, ' ');

describe('the inventory', () => {
  it("lists the batch's boxes by hostname, each with the address, port and user of its target", () => {
    const { text, boxes } = fleet();
    expect(boxes).toEqual(['pi-01', 'pi-02', 'shed']);
    const hosts = text('inventory.ini').split('\n[cairn_boxes:vars]')[0]?.split('[cairn_boxes]\n')[1]?.trim().split('\n');
    expect(hosts).toEqual([
      'pi-01 ansible_host=10.0.0.5 ansible_port=22 ansible_user=root',
      'pi-02 ansible_host=10.0.0.6 ansible_port=22 ansible_user=ops',
      'shed ansible_host=10.0.0.7 ansible_port=2222 ansible_user=root',
    ]);
  });

  it('gives each box its own values from its row, and shares the rest in group_vars', () => {
    const { text } = fleet();
    expect(unsafeValues(text('host_vars/pi-01.yml'))).toEqual(['pi-01', 'mosquitto', 'nftables', 'wpa_supplicant', 'ifupdown-ng-wifi']);
    expect(text('host_vars/shed.yml')).toContain('cairn_hostname: !unsafe "shed"');
    expect(unsafeValues(text('host_vars/shed.yml'))).toContain('htop');
    const group = text('group_vars/cairn_boxes.yml');
    expect(group).toContain('cairn_install: false');
    expect(group).toContain('cairn_lbu_media: !unsafe "mmcblk0p1"');
    expect(group).toContain('cairn_apk_cache: !unsafe "/media/mmcblk0p1/cache"');
    expect(group).not.toContain('cairn_hostname');
    // Each row's address reaches its box through the answer file of its install.
    expect(text('files/answers-pi-01')).toContain('address 192.168.1.40/24');
    expect(text('files/answers-pi-02')).toContain('address 192.168.1.99/24');
    expect(text('files/answers-shed')).toContain('address 192.168.1.41/24');
    expect(text('files/answers-shed')).toContain('wifi-ssid Shed');
  });

  it('reaches a saved target through its jump host, checking both keys against the same file, with its key and doas', () => {
    const own = fleet().text('host_vars/pi-02.yml');
    expect(own).toContain('ansible_become: true');
    expect(own).toContain('ansible_become_method: community.general.doas');
    expect(unsafeValues(own)).toContain('/home/jane/.ssh/pi_ed25519');
    const args = own.replace(/\\\n\s*/g, '');
    expect(args).toContain(
      "ProxyCommand=\\\"ssh -o UserKnownHostsFile={{ (inventory_dir ~ '/known_hosts') | quote }} -o StrictHostKeyChecking=yes -i /home/jane/.ssh/pi_ed25519 -l jump -p 2022 -W '[%h]:%p' gw.example.org",
    );
  });

  it('trusts only the host keys Cairn keeps for these boxes and their jump host, and checks them strictly', () => {
    const { text } = fleet();
    const lines = text('known_hosts')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines).toEqual([
      `10.0.0.5 ${keyOf('10.0.0.5', 22, 'box1').keyType} ${keyOf('10.0.0.5', 22, 'box1').key}`,
      `10.0.0.6 ssh-ed25519 ${keyOf('10.0.0.6', 22, 'box2').key}`,
      `[gw.example.org]:2022 ssh-ed25519 ${keyOf('gw.example.org', 2022, 'gw').key}`,
    ]);
    expect(text('inventory.ini')).toContain(`ansible_ssh_common_args='-o UserKnownHostsFile="{{ inventory_dir }}/known_hosts" -o StrictHostKeyChecking=yes'`);
  });

  it('without a batch, holds one box reached by its hostname as root, and says so', () => {
    const { text, boxes, notExpressed } = exported(piProfile());
    expect(boxes).toEqual(['pi']);
    expect(text('inventory.ini')).toContain('pi ansible_host=pi ansible_port=22 ansible_user=root');
    expect(notExpressed.join(' ')).toMatch(/pi: no target was given.*set ansible_host/);
  });

  it('puts a target value that is not a plain word into host_vars as !unsafe, never on the inventory line', () => {
    const { text } = exported(piProfile(), { connections: [{ host: 'box', port: 22, user: "o'neil{{x}}", jump: [], auth: 'agent', keyPath: null }] });
    expect(text('inventory.ini')).toContain('pi ansible_host=box ansible_port=22\n');
    expect(text('host_vars/pi.yml')).toContain('ansible_user: !unsafe "o\'neil{{x}}"');
  });
});

describe('what cannot be expressed', () => {
  it('is listed in the comment at the top of site.yml, never dropped', () => {
    const p = {
      ...piProfile(),
      keymap: { layout: 'de', variant: 'de-nodeadkeys' },
      disk: { ...defaultProfile().disk, mode: 'sys' as const, disks: ['/dev/sda'], encrypt: true, passphrase: DISK_PASSPHRASE },
    };
    const { text, notExpressed } = exported(p, { batch: threeRows(), connections: threeConnections(), knownHosts: threeKeys() });
    const top = topComment(text('site.yml'));
    for (const item of notExpressed) expect(top).toContain(item.split(' ').slice(0, 6).join(' '));
    expect(top).toMatch(/Network interfaces \(wlan0\): written by setup-alpine on a new box only/);
    expect(top).toMatch(/Keyboard layout de \(de-nodeadkeys\)/);
    expect(top).toMatch(/The disk layout \(setup-disk -m sys on \/dev\/sda\): applied to a new box only/);
    expect(top).toMatch(/Disk encryption \(setup-disk -e\)/);
    expect(top).toMatch(/Secrets are never written here .*cairn_wifi_passphrase_0, cairn_root_password_hash, cairn_user_password_hash with ansible-vault/);
    expect(top).toMatch(/shed: Cairn has no host key for \[10\.0\.0\.7\]:2222, so ssh refuses to connect/);
    expect(top).toMatch(/shed: logs in with a password .* --ask-pass/);
    expect(top).toMatch(/pi-02: logs in as ops and becomes root with doas/);
    expect(top).toMatch(/The full name of jane/);
    // The install refuses an encrypted disk rather than hanging at the passphrase prompt.
    expect(text('site.yml')).toMatch(/that:\n\s+- not cairn_disk_encrypted\n/);
    expect(text('site.yml')).toContain(`-e "cairn_confirm_erase='/dev/sda'"`);
  });

  it('names the jump hosts it cannot write as one ProxyCommand', () => {
    const two = [
      { host: 'a.example', port: 22, user: 'x' },
      { host: 'b.example', port: 22, user: 'y' },
    ];
    const { notExpressed, text } = exported(piProfile(), { connections: [{ host: '10.0.0.5', port: 22, user: 'root', jump: two, auth: 'agent', keyPath: null }] });
    expect(notExpressed.join(' ')).toContain('pi: is reached through jump hosts (x@a.example:22, y@b.example:22)');
    expect(text('host_vars/pi.yml')).not.toContain('ProxyCommand');
  });
});

describe('secrets', () => {
  it('never appear in any file: wifi passphrases (profile and row), password hashes, the disk passphrase', () => {
    const p = { ...piProfile(), disk: { ...piProfile().disk, encrypt: true, passphrase: DISK_PASSPHRASE } };
    const { files } = exported(p, { batch: threeRows(), connections: threeConnections(), knownHosts: threeKeys() });
    for (const [path, file] of files) {
      for (const secret of [WIFI_PASSPHRASE, ROW_PASSPHRASE, ROOT_HASH, USER_HASH, DISK_PASSPHRASE, 'saltsalt', 'abcdefghijklmnop'])
        expect(file.content, `${path} holds a secret`).not.toContain(secret);
      expect(file.mode, path).toBe(0o600);
    }
  });

  it('asks for each as a vault variable in host_vars, and the install checks they are there', () => {
    const { text } = fleet();
    const own = text('host_vars/shed.yml');
    expect(own).toMatch(/# {3}ansible-vault encrypt_string --name cairn_wifi_passphrase_0 'VALUE' >> host_vars\/shed\.yml/);
    expect(own).toMatch(/cairn_user_password_hash: the password hash of jane/);
    const site = text('site.yml');
    expect(site).toContain("- \"lookup('ansible.builtin.vars', item, default='') | length > 0\"");
    expect(site).toContain('loop: "{{ cairn_vault_variables }}"');
    expect(text('group_vars/cairn_boxes.yml')).toMatch(
      /cairn_vault_variables:\n {2}- !unsafe "cairn_wifi_passphrase_0"\n {2}- !unsafe "cairn_root_password_hash"\n {2}- !unsafe "cairn_user_password_hash"/,
    );
  });

  it('leave the answer file of a new box as render() writes it, with a shell variable where the wifi passphrase goes', () => {
    const p = piProfile();
    const answers = fleet().text('files/answers-pi-01');
    expect(answers).toContain(`\twifi-psk '"$CAIRN_WIFI_PSK_0"'\n`);
    const secretless = render(
      {
        ...p,
        hostname: 'pi-01',
        interfaces: [{ ...p.interfaces[0]!, ipv4: { mode: 'static', address: '192.168.1.40', prefix: 24, gateway: '192.168.1.1' }, wifi: { ssid: 'Greenhouse', passphrase: 'X' } }],
      },
      { holdBackDisk: true },
    );
    expect(answers).toBe(secretless.replace('wifi-psk X', `wifi-psk '"$CAIRN_WIFI_PSK_0"'`));
  });

  it('finds a marker the profile does not hold, however the profile is named', () => {
    const p = piProfile();
    const sly = {
      ...p,
      name: 'CairnWifiPassphrase0x0 CairnWifiPassphrase0x1',
      interfaces: [{ ...p.interfaces[0]!, extraOptions: { inet: ['hostname CairnWifiPassphrase0x0'], inet6: [] } }],
    };
    const answers = exported(sly).text('files/answers-pi');
    expect(answers.match(/CAIRN_WIFI_PSK_0/g)).toHaveLength(1);
    expect(answers).toContain('# Profile: CairnWifiPassphrase0x0 CairnWifiPassphrase0x1');
    expect(answers).toContain('hostname CairnWifiPassphrase0x0');
  });
});

describe('the playbook', () => {
  it('holds only the tasks some box needs', () => {
    const bare = {
      ...defaultProfile(),
      user: null,
      packages: [],
      services: [],
      timezone: null,
      rootSshKeys: [`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 r`],
      disk: { ...defaultProfile().disk, disks: ['/dev/vda'] },
    };
    const site = exported(bare).text('site.yml').split('\n---\n')[1] ?? '';
    expect(site).not.toMatch(/Create the user|Install the packages|Enable the services|Commit the changes with lbu|time zone|wifi passphrases|doas/);
    expect(site).toMatch(/Install to the disks with setup-disk/);
    const full = fleet().text('site.yml');
    for (const name of [
      'Create the user',
      'Let the administrator use doas',
      "Set the user's password",
      'Install the packages',
      'Enable the services at boot',
      'Commit the changes with lbu',
      'Set the time zone',
      'List the package repositories',
      'Check the wifi passphrases',
    ])
      expect(full).toContain(name);
  });

  it('installs a new box only when asked, after the erase is confirmed, with the answer file removed whatever happens', () => {
    const site = exported({ ...piProfile(), disk: { ...defaultProfile().disk, mode: 'sys', disks: ['/dev/sda'] } }).text('site.yml');
    const [install = '', manage = '', finish = ''] = site.split('\n- name: ').slice(1);
    expect(install).toMatch(/^Install Alpine with setup-alpine/);
    expect(install).toContain('when: "cairn_install | bool"');
    expect(install).toContain("(cairn_confirm_erase | default('')) == (cairn_erase_disks | join(' '))");
    expect(install).toContain('ansible.builtin.raw: "umask 077 && printf \'%s\' {{ cairn_answers_text | quote }} > /root/cairn-answers"');
    expect(install).toContain('no_log: true');
    expect(install).toMatch(/always:\n\s+- name: Remove the answer file[^\n]*\n\s+ansible.builtin.raw: rm -f \/root\/cairn-answers/);
    expect(manage).toMatch(/^Bring the boxes to the profile/);
    expect(finish).toMatch(/^"Finish the install: disk and lbu/);
    expect(finish).toContain('environment: "{{ cairn_disk_environment }}"');
  });

  it('passes profile values to commands only as quoted Jinja or argv lists, never spliced into shell text', () => {
    const site = fleet().text('site.yml');
    for (const line of site.split('\n').filter((l) => l.includes('ansible.builtin.raw:'))) {
      const uses = [...line.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1] ?? '');
      for (const use of uses) expect(use, line).toMatch(/\| quote\s*$/);
    }
    expect(site).not.toContain('ansible.builtin.shell');
  });
});

describe('the checks of vault values', () => {
  it('accept what validation accepts: a WPA passphrase, a crypt hash, and never a clear password', () => {
    const passphrase = new RegExp(PASSPHRASE_PATTERN);
    for (const ok of [WIFI_PASSPHRASE, ROW_PASSPHRASE, '12345678', 'a'.repeat(63)]) expect(passphrase.test(ok), ok).toBe(true);
    for (const bad of ['short', 'a'.repeat(64), ' leading space', 'quote " inside', 'back\\slash', 'line\nbreak']) {
      expect(passphrase.test(bad), bad).toBe(false);
      const p = piProfile();
      const refused = validate({ ...p, interfaces: [{ ...p.interfaces[0]!, wifi: { ssid: 'x', passphrase: bad } }] }).some((e) => e.path.endsWith('wifi.passphrase'));
      expect(refused, bad).toBe(true);
    }
    const crypt = new RegExp(CRYPT_PATTERN);
    expect([ROOT_HASH, USER_HASH].every((h) => crypt.test(h))).toBe(true);
    expect(['hunter2', '$6$short', 'correct horse battery staple'].some((h) => crypt.test(h))).toBe(false);
  });
});

describe('refusals', () => {
  it('names every problem of the batch by row and column, and writes nothing', () => {
    const batch = {
      hostname: '',
      ipv4Pool: '',
      rows: [
        { ...emptyRow(), target: 'a', hostname: 'same' },
        { ...emptyRow(), target: 'b', hostname: 'same' },
      ],
    };
    const out = ansibleExport(piProfile(), { batch });
    expect(out).toMatchObject({ ok: false, problems: expect.arrayContaining([{ row: 3, column: 'hostname', message: expect.stringContaining('Row 2 has the same hostname') }]) });
  });

  it('refuses a profile with errors, naming the field', () => {
    const out = ansibleExport({ ...piProfile(), timezone: 'Mars/Base' });
    expect(out).toMatchObject({ ok: false, problems: [{ row: null, column: 'profile', message: expect.stringMatching(/^timezone: /) }] });
  });
});
