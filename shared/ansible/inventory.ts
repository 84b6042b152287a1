import { PLAIN_WORD, loginUser, plainJump, type ExportBox } from './boxes';
import { commentLines, commentText } from './comment';
import { boxVars, vaultVariables } from './vars';
import { t, yamlDocument, type Yaml } from './yaml';

export const GROUP = 'cairn_boxes';

/**
 * Host keys as Cairn checks them: only the keys in the export's own
 * known_hosts (written from Cairn's store), and a key that is missing or
 * differs is refused. `inventory_dir` keeps it working from any folder.
 */
export const KNOWN_HOSTS_ARGS = '-o UserKnownHostsFile="{{ inventory_dir }}/known_hosts" -o StrictHostKeyChecking=yes';

/** The ProxyCommand for one jump host, checking the jump host's key against the same file. */
function proxyArgs(box: ExportBox): string | null {
  const hop = plainJump(box.connection);
  if (hop === null) return null;
  const key = box.connection?.auth === 'key' && box.connection.keyPath !== null && PLAIN_WORD.test(box.connection.keyPath) ? ` -i ${box.connection.keyPath}` : '';
  return `${KNOWN_HOSTS_ARGS} -o ProxyCommand="ssh -o UserKnownHostsFile={{ (inventory_dir ~ '/known_hosts') | quote }} -o StrictHostKeyChecking=yes${key} -l ${hop.user} -p ${hop.port} -W '[%h]:%p' ${hop.host}"`;
}

/** Connection variables: plain words go on the inventory line, anything else into host_vars as !unsafe. */
function connection(box: ExportBox): { inline: Array<[string, string]>; vars: Record<string, Yaml> } {
  const c = box.connection;
  const wanted: Array<[string, string]> = [
    ['ansible_host', c?.host ?? box.profile.hostname],
    ['ansible_port', String(c?.port ?? 22)],
    ['ansible_user', loginUser(box)],
  ];
  const inline = wanted.filter(([, v]) => PLAIN_WORD.test(v));
  const vars: Record<string, Yaml> = Object.fromEntries(wanted.filter(([, v]) => !PLAIN_WORD.test(v)));
  if (loginUser(box) !== 'root') Object.assign(vars, { ansible_become: true, ansible_become_method: t('community.general.doas') });
  if (c?.auth === 'key' && c.keyPath !== null) vars.ansible_ssh_private_key_file = c.keyPath;
  const proxy = proxyArgs(box);
  if (proxy !== null) vars.ansible_ssh_common_args = t(proxy);
  return { inline, vars };
}

const same = (a: Yaml, b: Yaml) => JSON.stringify(a) === JSON.stringify(b);

/** Each box's values: those every box shares go to group_vars, the rest to the box's host_vars. */
export function splitVars(boxes: readonly ExportBox[]): { group: Record<string, Yaml>; hosts: Map<string, Record<string, Yaml>> } {
  const all = boxes.map((b) => boxVars(b.profile));
  const keys = Object.keys(all[0] ?? {});
  const shared = keys.filter((k) => all.every((v) => same(v[k] ?? null, all[0]?.[k] ?? null)));
  const group: Record<string, Yaml> = { cairn_install: false, ...Object.fromEntries(shared.map((k) => [k, all[0]?.[k] ?? null])) };
  const hosts = new Map(boxes.map((b, n) => [b.alias, Object.fromEntries(keys.filter((k) => !shared.includes(k)).map((k) => [k, all[n]?.[k] ?? null]))]));
  return { group, hosts };
}

export function inventoryIni(boxes: readonly ExportBox[], profileName: string): string {
  const lines = [
    ...commentLines([
      `Written by Cairn from the profile “${profileName}”: ${boxes.length} box${boxes.length === 1 ? '' : 'es'}. site.yml says what it does and how to run it.`,
      'ssh checks each host key against known_hosts in this folder (the keys Cairn trusts for these boxes) and refuses a box whose key is missing or differs.',
    ]),
    '',
    `[${GROUP}]`,
    ...boxes.map((b) => [b.alias, ...connection(b).inline.map(([k, v]) => `${k}=${v}`)].join(' ')),
    '',
    `[${GROUP}:vars]`,
    `ansible_ssh_common_args='${KNOWN_HOSTS_ARGS}'`,
  ];
  return `${lines.join('\n')}\n`;
}

export function groupVarsYaml(group: Record<string, Yaml>, profileName: string): string {
  const comment = commentLines([
    `The values of the profile “${profileName}” that every box shares; host_vars/ holds those that differ.`,
    'cairn_install stays false: give -e cairn_install=true on the command line to install a new box (see site.yml).',
  ]);
  return yamlDocument(group, comment);
}

export function hostVarsYaml(box: ExportBox, own: Record<string, Yaml>): string {
  const vault = vaultVariables(box.profile);
  const file = `host_vars/${box.alias}.yml`;
  const comment = commentLines(
    [
      `${commentText(box.alias)}${box.row === null ? '' : `, row ${box.row} of the batch`}: how to reach it, and its values that differ from group_vars/${GROUP}.yml.`,
      ...(vault.length === 0
        ? []
        : [
            'Secrets Cairn never writes; add each encrypted, e.g.:',
            `  ansible-vault encrypt_string --name ${vault[0]?.variable ?? ''} 'VALUE' >> ${file}`,
            ...vault.map((v) => `  ${v.variable}: ${v.what}${v.install ? ' (an install stops without it)' : ''}`),
          ]),
    ],
    '  ',
  );
  const vars = { ...connection(box).vars, ...own };
  // An empty document, not `{}`: an encrypted variable appended with >> then continues it as a mapping.
  return Object.keys(vars).length === 0 ? `${[...comment, '---'].join('\n')}\n` : yamlDocument(vars, comment);
}
