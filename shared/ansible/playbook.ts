import type { ExportBox } from './boxes';
import { commentLines } from './comment';
import { GROUP } from './inventory';
import { FORWARDING_FILE, FORWARDING_SETTINGS, ROOT_HASH_VARIABLE, USER_HASH_VARIABLE, boxVars } from './vars';
import { WIFI_SHELL_PREFIX } from './answers';
import { t, yamlDocument, type Yaml } from './yaml';

/** Where the answer file waits on the box: root's own folder, removed right after setup-alpine, before setup-disk copies the system. */
export const ANSWERS_ON_BOX = '/root/cairn-answers';

/** A WPA passphrase as validation allows it: 8 to 63 printable characters, no quote or backslash, no space at either end. */
export const PASSPHRASE_PATTERN = '^[!#-\\[\\]-~][ !#-\\[\\]-~]{6,61}[!#-\\[\\]-~]$';
/** A crypt(3) hash (the rule of isCryptHash in shared/profile/values), so a clear password put in the vault by mistake is refused, not set as a broken hash. */
export const CRYPT_PATTERN = '^\\$(1|5|6|2[aby]|y|7|gy)\\$[./A-Za-z0-9$=,]{14,}$';

type Task = Record<string, Yaml>;

const task = (name: string, body: Record<string, Yaml>): Task => ({ name: t(name), ...body });
const when = (condition: string): Record<string, Yaml> => ({ when: t(condition) });
/** A block with its condition before it, in the key order ansible-lint asks for (name, when, block, always). */
const blockTask = (name: string, condition: string | null, block: Task[], always: Task[] = []): Task => ({
  name: t(name),
  ...(condition === null ? {} : when(condition)),
  block,
  ...(always.length === 0 ? {} : { always }),
});
const INSTALL = 'cairn_install | bool';

/** What site.yml needs to hold, from what any box of the export has. */
function needs(boxes: readonly ExportBox[]) {
  const vars = boxes.map((b) => boxVars(b.profile));
  const any = (test: (v: Record<string, Yaml>, p: ExportBox['profile']) => boolean) => vars.some((v, n) => test(v, boxes[n]!.profile));
  const nonEmpty = (key: string) => any((v) => Array.isArray(v[key]) && (v[key] as readonly Yaml[]).length > 0);
  return {
    timezone: any((_v, p) => p.timezone !== null),
    repositories: nonEmpty('cairn_repositories'),
    packages: nonEmpty('cairn_packages'),
    services: nonEmpty('cairn_services'),
    forwarding: any((_v, p) => p.ipForwarding),
    rootKeys: nonEmpty('cairn_root_ssh_keys'),
    rootHash: any((_v, p) => p.rootPasswordHash !== null),
    user: any((_v, p) => p.user !== null),
    admin: any((_v, p) => p.user?.admin === true),
    userHash: any((_v, p) => p.user?.passwordHash !== null && p.user?.passwordHash !== undefined),
    unlock: any((v) => (v.cairn_user as { unlock?: boolean } | null)?.unlock === true),
    userKeys: any((_v, p) => (p.user?.sshKeys.length ?? 0) > 0),
    lbu: any((v) => v.cairn_lbu_media !== null),
    apkCache: any((v) => v.cairn_apk_cache !== null),
    disk: nonEmpty('cairn_disk_options'),
    erase: nonEmpty('cairn_erase_disks'),
    wifi: nonEmpty('cairn_wifi'),
    encrypted: any((v) => v.cairn_disk_encrypted === true),
  };
}
type Needs = ReturnType<typeof needs>;

/**
 * The wifi assignments, then the answer file: one text, written by the shell
 * on the box with umask 077. Ansible doubles backslashes inside Jinja string
 * literals before templating, so '\#' here gives ifupdown-ng the \# it reads
 * as a literal #.
 */
const ANSWERS_TEXT =
  `{% for w in cairn_wifi %}${WIFI_SHELL_PREFIX}{{ w.index | int }}={{ lookup('ansible.builtin.vars', w.variable) | replace('#', '\\#') | quote }}\n{% endfor %}` +
  "{{ lookup('ansible.builtin.file', 'answers-' ~ inventory_hostname, rstrip=false) }}";

function installPlay(n: Needs): Yaml {
  const tasks: Task[] = [
    ...(n.encrypted
      ? [
          task('Refuse an encrypted disk, whose passphrase only the console can give', {
            'ansible.builtin.assert': {
              that: [t('not cairn_disk_encrypted')],
              fail_msg: t(
                'This profile encrypts the disk: setup-disk asks for the LUKS passphrase on the console, which a playbook cannot answer. Install this box with Cairn (cairn push), or at its console.',
              ),
              quiet: true,
            },
          }),
        ]
      : []),
    ...(n.erase
      ? [
          task('Check that the disks to erase were confirmed', {
            'ansible.builtin.assert': {
              that: [t("(cairn_confirm_erase | default('')) == (cairn_erase_disks | join(' '))")],
              fail_msg: t(
                "This install erases {{ cairn_erase_disks | join(' ') }} on {{ inventory_hostname }}; confirm with -e \"cairn_confirm_erase='{{ cairn_erase_disks | join(' ') }}'\"",
              ),
              quiet: true,
            },
            ...when('cairn_erase_disks | length > 0'),
          }),
        ]
      : []),
    task('Check that the secrets from the vault are there', {
      'ansible.builtin.assert': {
        that: [t("lookup('ansible.builtin.vars', item, default='') | length > 0")],
        fail_msg: t('{{ item }} is not set: add it with ansible-vault to host_vars/{{ inventory_hostname }}.yml (see the comment there)'),
        quiet: true,
      },
      loop: t('{{ cairn_vault_variables }}'),
    }),
    ...(n.wifi
      ? [
          task('Check the wifi passphrases', {
            'ansible.builtin.assert': {
              that: [t("lookup('ansible.builtin.vars', item.variable) is match(cairn_passphrase_pattern)")],
              fail_msg: t('{{ item.variable }} must be 8 to 63 printable characters without quotes, backslashes or spaces at either end'),
              quiet: true,
            },
            loop: t('{{ cairn_wifi }}'),
            loop_control: { label: t('{{ item.interface }}') },
          }),
        ]
      : []),
    task('Upload the answer file, readable by root only', {
      'ansible.builtin.raw': t(`umask 077 && printf '%s' {{ cairn_answers_text | quote }} > ${ANSWERS_ON_BOX}`),
      vars: { cairn_answers_text: t(ANSWERS_TEXT) },
      no_log: true,
      changed_when: true,
    }),
    blockTask(
      'Run setup-alpine, then remove the answer file',
      null,
      [
        task('Run setup-alpine with the answer file (the disk step comes after the packages and users)', {
          'ansible.builtin.raw': t(`setup-alpine -e -f ${ANSWERS_ON_BOX} </dev/null`),
          changed_when: true,
        }),
      ],
      [
        // The file module needs Python, which a new box does not have yet: raw's rm is the only way here.
        task('Remove the answer file (it may hold a wifi passphrase)', {
          'ansible.builtin.raw': t(`rm -f ${ANSWERS_ON_BOX}`, 'deprecated-command-syntax'),
          changed_when: true,
        }),
      ],
    ),
  ];
  return {
    name: t('Install Alpine with setup-alpine (only with -e cairn_install=true)'),
    hosts: t(GROUP),
    gather_facts: false,
    vars: { cairn_passphrase_pattern: PASSPHRASE_PATTERN },
    tasks: [blockTask('Install a new box', INSTALL, tasks)],
  };
}

function userTasks(n: Needs): Task[] {
  if (!n.user) return [];
  const hasUser = 'cairn_user is not none';
  return [
    task('Create the user', {
      'ansible.builtin.user': { name: t('{{ cairn_user.name }}'), comment: t('{{ cairn_user.full_name }}'), groups: t('{{ cairn_user.groups }}'), append: true },
      ...when(hasUser),
    }),
    ...(n.admin
      ? [
          blockTask('Let the administrator use doas (setup-user -a)', `${hasUser} and cairn_user.admin`, [
            task('Install doas', { 'community.general.apk': { name: t('doas'), state: t('present') } }),
            task('Allow the wheel group', {
              'ansible.builtin.lineinfile': { path: t('/etc/doas.d/20-wheel.conf'), line: t('permit persist :wheel'), create: true, mode: t('0644') },
            }),
            task('Put the administrator in the wheel group', {
              'ansible.builtin.user': { name: t('{{ cairn_user.name }}'), groups: [t('wheel')], append: true },
            }),
          ]),
        ]
      : []),
    ...(n.userHash
      ? [
          task("Check the user's password hash from the vault", {
            'ansible.builtin.assert': {
              that: [t(`${USER_HASH_VARIABLE} is match(cairn_crypt_pattern)`)],
              fail_msg: t(`${USER_HASH_VARIABLE} must be a crypt hash ($6$… or $y$…), never the password itself`),
              quiet: true,
            },
            ...when(`${hasUser} and ${USER_HASH_VARIABLE} is defined`),
          }),
          task("Set the user's password", {
            'ansible.builtin.user': { name: t('{{ cairn_user.name }}'), password: t(`{{ ${USER_HASH_VARIABLE} }}`) },
            no_log: true,
            ...when(`${hasUser} and ${USER_HASH_VARIABLE} is defined`),
          }),
        ]
      : []),
    ...(n.unlock
      ? [
          task('Unlock the user for a key-only login (setup-user -u)', {
            'ansible.builtin.command': { argv: [t('passwd'), t('-u'), t('{{ cairn_user.name }}')] },
            register: t('cairn_unlocked'),
            changed_when: t('cairn_unlocked.rc == 0'),
            failed_when: t("cairn_unlocked.rc != 0 and 'already unlocked' not in cairn_unlocked.stderr"),
            ...when(`${hasUser} and cairn_user.unlock`),
          }),
        ]
      : []),
    ...(n.userKeys
      ? [
          task("Add the user's SSH keys", {
            'ansible.posix.authorized_key': { user: t('{{ cairn_user.name }}'), key: t('{{ item }}') },
            loop: t('{{ cairn_user.ssh_keys if cairn_user is not none else [] }}'),
          }),
        ]
      : []),
  ];
}

function lbuTasks(n: Needs): Task[] {
  return [
    ...(n.lbu
      ? [
          task('Read where lbu saves', {
            'ansible.builtin.command': { argv: [t('grep'), t('-Fqx'), t('LBU_MEDIA={{ cairn_lbu_media_name }}'), t('/etc/lbu/lbu.conf')] },
            register: t('cairn_lbu_conf'),
            changed_when: false,
            failed_when: false,
            ...when('cairn_lbu_media is not none'),
          }),
          task('Save with lbu to the medium of the profile (setup-lbu)', {
            'ansible.builtin.command': { argv: [t('setup-lbu'), t('{{ cairn_lbu_media }}')] },
            changed_when: true,
            ...when('cairn_lbu_media is not none and cairn_lbu_conf.rc != 0'),
          }),
        ]
      : []),
    ...(n.apkCache
      ? [
          task('Read where apk caches packages', {
            'ansible.builtin.stat': { path: t('/etc/apk/cache') },
            register: t('cairn_apk_cache_link'),
            ...when('cairn_apk_cache is not none'),
          }),
          task('Cache packages where the profile says (setup-apkcache)', {
            'ansible.builtin.command': { argv: [t('setup-apkcache'), t('{{ cairn_apk_cache }}')] },
            changed_when: true,
            ...when("cairn_apk_cache is not none and (cairn_apk_cache_link.stat.lnk_target | default('')) != cairn_apk_cache"),
          }),
        ]
      : []),
  ];
}

function managePlay(n: Needs): Yaml {
  const tasks: Task[] = [
    task("Install Python for Ansible's modules (Alpine has none by default)", {
      'ansible.builtin.raw': t('command -v python3 >/dev/null 2>&1 || { apk add --no-progress python3 && echo cairn-added-python3; }'),
      register: t('cairn_python'),
      changed_when: t("'cairn-added-python3' in cairn_python.stdout"),
    }),
    task('Set the hostname', { 'ansible.builtin.hostname': { name: t('{{ cairn_hostname }}'), use: t('alpine') } }),
    ...(n.timezone
      ? [
          task('Read the time zone', { 'ansible.builtin.stat': { path: t('/etc/localtime') }, register: t('cairn_localtime'), ...when('cairn_timezone is not none') }),
          task('Set the time zone (setup-timezone)', {
            'ansible.builtin.command': { argv: t("{{ ['setup-timezone'] + cairn_timezone_options + [cairn_timezone] }}") },
            changed_when: true,
            ...when("cairn_timezone is not none and not (cairn_localtime.stat.lnk_target | default('')).endswith('/zoneinfo/' ~ cairn_timezone)"),
          }),
        ]
      : []),
    ...(n.repositories
      ? [
          task('List the package repositories', {
            'ansible.builtin.lineinfile': { path: t('/etc/apk/repositories'), line: t('{{ item }}'), create: true, mode: t('0644') },
            loop: t('{{ cairn_repositories }}'),
          }),
        ]
      : []),
    ...(n.packages
      ? [task('Install the packages', { 'community.general.apk': { name: t('{{ cairn_packages }}'), state: t('present') }, ...when('cairn_packages | length > 0') })]
      : []),
    ...(n.services
      ? [
          task('Enable the services at boot', {
            'ansible.builtin.service': { name: t('{{ item.name }}'), runlevel: t('{{ item.runlevel }}'), enabled: true },
            loop: t('{{ cairn_services }}'),
            loop_control: { label: t('{{ item.name }} ({{ item.runlevel }})') },
          }),
        ]
      : []),
    ...(n.forwarding
      ? [
          task('Turn on IP forwarding from the next boot', {
            'ansible.builtin.copy': { dest: t(FORWARDING_FILE), content: t(FORWARDING_SETTINGS.map((s) => `${s}\n`).join('')), mode: t('0644') },
            ...when('cairn_ip_forwarding'),
          }),
        ]
      : []),
    ...(n.rootKeys ? [task("Add root's SSH keys", { 'ansible.posix.authorized_key': { user: t('root'), key: t('{{ item }}') }, loop: t('{{ cairn_root_ssh_keys }}') })] : []),
    ...(n.rootHash
      ? [
          task("Check root's password hash from the vault", {
            'ansible.builtin.assert': {
              that: [t(`${ROOT_HASH_VARIABLE} is match(cairn_crypt_pattern)`)],
              fail_msg: t(`${ROOT_HASH_VARIABLE} must be a crypt hash ($6$… or $y$…), never the password itself`),
              quiet: true,
            },
            ...when(`${ROOT_HASH_VARIABLE} is defined`),
          }),
          task("Set root's password", {
            'ansible.builtin.user': { name: t('root'), password: t(`{{ ${ROOT_HASH_VARIABLE} }}`) },
            no_log: true,
            ...when(`${ROOT_HASH_VARIABLE} is defined`),
          }),
        ]
      : []),
    ...userTasks(n),
    ...lbuTasks(n),
    ...(n.lbu ? [task('Commit the changes with lbu', { 'community.general.lbu': { commit: true }, ...when(`cairn_lbu_media is not none and not (${INSTALL})`) })] : []),
  ];
  return {
    name: t('Bring the boxes to the profile'),
    hosts: t(GROUP),
    gather_facts: false,
    ...(n.rootHash || n.userHash ? { vars: { cairn_crypt_pattern: CRYPT_PATTERN } } : {}),
    tasks,
  };
}

function finishPlay(n: Needs): Yaml | null {
  if (!n.disk && !n.lbu) return null;
  const tasks: Task[] = [
    ...(n.disk
      ? [
          task('Install to the disks with setup-disk (it copies the system as it is now)', {
            'ansible.builtin.command': { argv: t("{{ ['setup-disk'] + cairn_disk_options }}") },
            environment: t('{{ cairn_disk_environment }}'),
            changed_when: true,
            ...when('cairn_disk_options | length > 0'),
          }),
        ]
      : []),
    ...(n.lbu
      ? [
          task('Save the configuration with lbu (-d replaces an overlay saved under another name)', {
            'ansible.builtin.command': { argv: [t('lbu'), t('commit'), t('-d')] },
            changed_when: true,
            ...when('cairn_lbu_media is not none'),
          }),
        ]
      : []),
  ];
  return {
    name: t('Finish the install: disk and lbu (only with -e cairn_install=true)'),
    hosts: t(GROUP),
    gather_facts: false,
    tasks: [blockTask('Finish a new box', INSTALL, tasks)],
  };
}

/** The comment at the top of site.yml: what it does, how to run it, and everything it cannot express. */
function header(boxes: readonly ExportBox[], profileName: string, notExpressed: readonly string[]): string[] {
  const disks = [...new Set(boxes.flatMap((b) => (b.profile.disk.mode === 'none' ? [] : [b.profile.disk.disks.join(' ')])))];
  const confirm = disks.length === 1 ? ` -e "cairn_confirm_erase='${disks[0] ?? ''}'"` : disks.length > 1 ? ' -e "cairn_confirm_erase=\'DISKS\'"' : '';
  return [
    ...commentLines([
      `site.yml, written by Cairn from the profile “${profileName}” for ${boxes.map((b) => b.alias).join(', ')}.`,
      '',
      'A box already installed: set its hostname, time zone, repositories, packages, services, users and SSH keys, and commit with lbu when it runs from RAM, as the profile says:',
      '  ansible-playbook -i inventory.ini site.yml',
      "A new box, booted from Alpine's media and reachable over SSH: install it as Cairn does (setup-alpine with the answer file in files/, then the above, then setup-disk), erasing the profile's disks:",
      `  ansible-playbook -i inventory.ini site.yml -e cairn_install=true${confirm}`,
      "python3 is added to each box: Ansible's modules need it.",
      '',
      notExpressed.length === 0 ? 'Everything the profile sets is expressed here.' : 'Not expressed here, so left to you:',
    ]),
    ...commentLines(
      notExpressed.map((s) => `- ${s}`),
      '  ',
    ),
  ];
}

export function sitePlaybook(boxes: readonly ExportBox[], profileName: string, notExpressed: readonly string[]): string {
  const n = needs(boxes);
  const plays = [installPlay(n), managePlay(n), finishPlay(n)].filter((p): p is Yaml => p !== null);
  return yamlDocument(plays, header(boxes, profileName, notExpressed));
}
