import type { Profile } from '../profile';
import { plainJump, type ExportBox } from './boxes';
import type { TrustedKey } from './known-hosts';
import { knownHostsName } from './known-hosts';
import { vaultVariables } from './vars';

const list = (items: readonly string[]): string => items.join(', ');

/** What a managed box keeps as it is: set by setup-alpine at install only. */
function installOnly(p: Profile): string[] {
  const out: string[] = [];
  const interfaces = p.interfaces.map((i) => i.name);
  if (interfaces.length > 0)
    out.push(
      `Network interfaces (${list(interfaces)}): written by setup-alpine on a new box only; a managed box keeps its /etc/network/interfaces, since changing it over SSH can cut the connection.`,
    );
  if (p.wifiConfigFile !== null) out.push(`The wpa_supplicant file ${p.wifiConfigFile} (WIFIOPTS): used by setup-alpine on a new box only.`);
  if (p.keymap !== null) out.push(`Keyboard layout ${p.keymap.layout} (${p.keymap.variant}): set by setup-alpine on a new box only.`);
  out.push(`Device manager ${p.devd}: set by setup-alpine on a new box only.`);
  if (p.dns.servers.length > 0 || p.dns.searchDomain !== '') out.push('DNS servers and search domain: set by setup-alpine on a new box only.');
  if (p.proxy !== null) out.push('The HTTP proxy: set by setup-alpine on a new box only.');
  if (p.ntp !== 'none') out.push(`The NTP client (${p.ntp}): installed by setup-alpine on a new box only.`);
  if (p.sshd !== 'none') out.push(`The SSH server (${p.sshd}): installed by setup-alpine on a new box only.`);
  if (p.apkRepos.mode !== 'urls')
    out.push(
      `The package repositories (${p.apkRepos.mode === 'none' ? 'kept as they are' : `a ${p.apkRepos.mode} mirror`}): chosen by setup-apkrepos on a new box only; a managed box keeps its own.`,
    );
  if (p.disk.mode !== 'none')
    out.push(
      `The disk layout (setup-disk -m ${p.disk.mode} on ${list(p.disk.disks)}): applied to a new box only (-e cairn_install=true); a managed box keeps its disks and partitions.`,
    );
  if (p.disk.mode !== 'none' && p.disk.encrypt)
    out.push(
      'Disk encryption (setup-disk -e): setup-disk asks for the LUKS passphrase on the console, which a playbook cannot answer, so an install of this profile stops before it starts. Install with Cairn, or at the box.',
    );
  if (p.user !== null && p.user.fullName !== '')
    out.push(`The full name of ${p.user.name}: given when the user is created; Alpine's BusyBox has no usermod, so Ansible cannot change it for an existing user.`);
  return out;
}

function secrets(p: Profile): string[] {
  const vault = vaultVariables(p);
  if (vault.length === 0) return [];
  return [
    `Secrets are never written here (${list(vault.map((v) => v.what))}): set ${list(vault.map((v) => v.variable))} with ansible-vault (see host_vars/). An install stops without them; a managed box uses the password hashes when they are set and leaves its wifi as it is.`,
  ];
}

/** How the boxes are reached, where Ansible cannot do as Cairn does. */
function logins(boxes: readonly ExportBox[], keys: readonly TrustedKey[]): string[] {
  const out: string[] = [];
  const known = new Set(keys.map((k) => knownHostsName(k.host, k.port)));
  for (const b of boxes) {
    const c = b.connection;
    const host = c?.host ?? b.profile.hostname;
    const port = c?.port ?? 22;
    if (c === null) out.push(`${b.alias}: no target was given, so the inventory reaches it by its hostname as root; set ansible_host if that name does not resolve.`);
    if (!known.has(knownHostsName(host, port)))
      out.push(
        `${b.alias}: Cairn has no host key for ${knownHostsName(host, port)}, so ssh refuses to connect (StrictHostKeyChecking=yes). Connect once with Cairn ("Test connection") and export again, or add its key to known_hosts after checking its fingerprint.`,
      );
    if (c !== null && (c.auth === 'password' || c.auth === 'keyboard-interactive'))
      out.push(`${b.alias}: logs in with a password that Cairn keeps in the system keyring; run ansible-playbook with --ask-pass.`);
    if (c !== null && c.user !== 'root') out.push(`${b.alias}: logs in as ${c.user} and becomes root with doas; add --ask-become-pass if doas asks for a password.`);
    const jump = c?.jump ?? [];
    if (jump.length > 0 && plainJump(c) === null)
      out.push(
        `${b.alias}: is reached through jump hosts (${list(jump.map((h) => `${h.user}@${h.host}:${h.port}`))}); the export writes one plainly named jump host as a ProxyCommand, no more, so connect through these yourself.`,
      );
  }
  return out;
}

/** Everything the export cannot express, each a sentence, for the comment at the top of site.yml. */
export function unsupported(boxes: readonly ExportBox[], keys: readonly TrustedKey[]): string[] {
  const first = boxes[0]?.profile;
  if (first === undefined) return [];
  // Batch rows change only the hostname, the first interface and packages, so the first box speaks for the others.
  const secretsOfAll = [...new Set(boxes.flatMap((b) => secrets(b.profile)))];
  return [...installOnly(first), ...secretsOfAll, ...logins(boxes, keys)];
}
