/**
 * INTERFACESOPTS whose line breaks were lost (a file pasted through a form,
 * a YAML scalar folded): setup-interfaces copies it as one line, and
 * ifupdown-ng then reads every word after "auto" as an interface name, so no
 * card gets an address. Such a value is an error, with the repaired text
 * offered only when every option in it has exactly one value (so where each
 * line ends is not a guess).
 */
const ONE_VALUE = new Set(['address', 'netmask', 'gateway', 'broadcast', 'hostname', 'mtu', 'metric', 'vlan-raw-device', 'bond-mode', 'hwaddress']);

export function isFlattened(value: string): boolean {
  const text = value.trim();
  return !text.includes('\n') && /(^|\s)iface\s/.test(text) && text.split(/\s+/).length > 4;
}

/** The value with its line breaks put back, or null when that would be a guess. */
export function repairFlattened(value: string): string | null {
  const words = value.trim().split(/\s+/);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word === 'auto') {
      lines.push(`auto ${words[i + 1] ?? ''}`.trim());
      i += 2;
    } else if (word === 'iface') {
      const [name, family, method] = words.slice(i + 1, i + 4);
      if (method === undefined) return null;
      lines.push(`iface ${name} ${family} ${method}`);
      i += 4;
    } else if (ONE_VALUE.has(word) && words[i + 1] !== undefined) {
      lines.push(`\t${word} ${words[i + 1]}`);
      i += 2;
    } else {
      return null;
    }
  }
  return lines.join('\n') + '\n';
}
