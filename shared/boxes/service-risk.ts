/** What each service holds up that Cairn (or the box's safety) depends on. */
const HOLDS: Readonly<Record<string, string>> = {
  networking: "the box's network",
  sshd: 'the SSH server Cairn logs in through',
  dropbear: 'the SSH server Cairn logs in through',
  wpa_supplicant: 'the wifi connection',
  iwd: 'the wifi connection',
  nftables: 'the firewall',
  iptables: 'the firewall',
};

const FIREWALL = new Set(['nftables', 'iptables']);

/**
 * The consequence to ask about before a service action on a remote box:
 * stopping one of these can cut Cairn off (or open every port), and a
 * restart does so for a moment, for good if its configuration is broken.
 */
export function serviceRisk(service: string, verb: 'start' | 'stop' | 'restart'): string | null {
  const holds = HOLDS[service];
  if (holds === undefined || verb === 'start') return null;
  if (FIREWALL.has(service))
    return verb === 'stop'
      ? `Stopping ${service} removes ${holds}'s rules: every port of the box is open until it is started again.`
      : `Restarting ${service} reloads ${holds}'s rules; if they are broken, the box is left with none.`;
  return verb === 'stop'
    ? `Stopping ${service} takes down ${holds}: Cairn loses the box while it is stopped, so the box starts it again by itself unless Cairn reaches it and confirms.`
    : `Restarting ${service} takes down ${holds} for a moment; if its configuration is broken it does not come back, and the box undoes the restart by itself unless Cairn reaches it and confirms.`;
}
