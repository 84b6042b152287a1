import { Diagnostics } from '../answerfile/diagnostics';
import { parseInterfaces } from '../answerfile/interfaces-parse';
import { renderInterfaces, type InterfacesOptions } from '../answerfile/interfaces-render';
import { wifiConfigPath, withWifiSecret } from '../answerfile/wifi-config';
import type { NetworkInterface } from '../profile';
import { sideFile, thenReplace } from '../plan/replace-file';
import { op } from '../shell';
import { fixStep, lineDiff, row, type Drift, type DriftInput } from './drift-core';
import type { Parts } from './sections';

export const INTERFACES_FILE = '/etc/network/interfaces';

const PSK = /^\s*wifi-psk\s/;

/**
 * The file as its meaning: read the way ifupdown-ng reads it and written
 * back the way Cairn writes it, so comments, netmask against /prefix, blank
 * lines and the order of stanzas' parts do not count as differences.
 */
export function interfacesLines(interfaces: readonly NetworkInterface[], options: InterfacesOptions = {}): string[] {
  const canonical = renderInterfaces(parseInterfaces(renderInterfaces(interfaces, options), 1, new Diagnostics()));
  return canonical
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.replaceAll('\t', '    '));
}

/** Writes the file arriving on stdin (it can hold a wifi passphrase, so never in the command), replacing the old one whole. */
export function writeInterfaces(path = INTERFACES_FILE): Parts {
  return ['cat', op('>'), sideFile(path), ...thenReplace(path, '644')];
}

/**
 * /etc/network/interfaces against the profile's interfaces (INTERFACESOPTS),
 * by meaning. Guarded: a wrong network setting cuts Cairn off. Wifi
 * passphrases are compared but never shown; with a receipt's profile (no
 * passphrases) they are not compared, and the file cannot be written.
 */
/**
 * A receipt's profile has its wifi passphrases taken out, so whether a card
 * had one (and so a file of its own) is read from the box: where the box
 * names a wifi file, the card is taken to have had a passphrase (a
 * placeholder, never written: the file form holds no passphrase).
 */
function asOnBox(interfaces: readonly NetworkInterface[], onBox: readonly NetworkInterface[] | null): NetworkInterface[] {
  const inFile = new Set((onBox ?? []).filter((i) => i.extraOptions.inet.some((o) => o.startsWith('wifi-config-path '))).map((i) => i.name));
  return interfaces.map((i) => (i.wifi !== null && i.wifi.passphrase === '' && inFile.has(i.name) ? { ...i, wifi: { ...i.wifi, passphrase: 'kept in its own file' } } : i));
}

export function interfacesDrift({ profile, config, secretsKnown }: DriftInput): Drift[] {
  const keep = (lines: string[]) => (secretsKnown ? lines : lines.filter((l) => !PSK.test(l)));
  // As a pushed install writes it: a wifi passphrase in its own 0600 file, named here (a box whose
  // interfaces still hold it, written from an answer file at the console, differs and is moved there).
  const expected = keep(interfacesLines(secretsKnown ? profile.interfaces : asOnBox(profile.interfaces, config.interfaces), { wifiConfigPath }));
  const actual = config.interfaces === null ? [] : keep(interfacesLines(config.interfaces));
  // A passphrase kept in a card's own file is compared there (never shown); a file Cairn could not read is not a difference.
  const otherKey = secretsKnown ? withWifiSecret(profile.interfaces).filter((i) => (config.wifiPassphrases[i.name] ?? i.wifi.passphrase) !== i.wifi.passphrase) : [];
  if (otherKey.length === 0 && expected.length === actual.length && expected.every((l, n) => l === actual[n])) return [];
  const hide = (l: string) => (PSK.test(l) ? l.replace(/wifi-psk\s.*$/, 'wifi-psk ••• (hidden)') : l);
  const keyLines = otherKey.flatMap((i) => [
    { side: 'profile' as const, text: `${wifiConfigPath(i.name)}: psk ••• (hidden)` },
    { side: 'box' as const, text: `${wifiConfigPath(i.name)}: another psk ••• (hidden)` },
  ]);
  const diff = [...lineDiff(expected, actual).map((d) => ({ ...d, text: hide(d.text) })), ...keyLines];
  const pskDiffers = otherKey.length > 0 || diff.some((d) => d.side !== 'both' && PSK.test(d.text));
  const writable = secretsKnown || profile.interfaces.every((i) => i.wifi === null);
  return [
    row({
      field: 'interfaces',
      item: null,
      expected: profile.interfaces.length === 0 ? 'only the loopback' : profile.interfaces.map((i) => i.name).join(', '),
      actual:
        config.interfaces === null
          ? `no ${INTERFACES_FILE}`
          : `${INTERFACES_FILE} differs${pskDiffers ? ' (the wifi passphrase too)' : ''}${writable ? '' : '; the receipt holds no wifi passphrase, so Cairn cannot write it'}`,
      diff,
      fix: writable ? fixStep('interfaces', 'interfaces', `Write ${INTERFACES_FILE} (takes effect when networking restarts)`, writeInterfaces(), true) : null,
      guarded: true,
    }),
  ];
}
