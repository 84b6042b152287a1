import { Diagnostics } from '../answerfile/diagnostics';
import { parseInterfaces } from '../answerfile/interfaces-parse';
import { renderInterfaces } from '../answerfile/interfaces-render';
import type { NetworkInterface } from '../profile';
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
export function interfacesLines(interfaces: readonly NetworkInterface[]): string[] {
  const canonical = renderInterfaces(parseInterfaces(renderInterfaces(interfaces), 1, new Diagnostics()));
  return canonical.split('\n').filter((l) => l.trim() !== '').map((l) => l.replaceAll('\t', '    '));
}

/** Writes the file arriving on stdin (it can hold a wifi passphrase, so never in the command), replacing the old one whole. */
export function writeInterfaces(path = INTERFACES_FILE): Parts {
  const next = `${path}.cairn-new`;
  return ['cat', op('>'), next, op('&&'), 'chmod', '644', next, op('&&'), 'mv', next, path, op('||'), op('('), 'rm', '-f', next, op(';'), 'exit', '1', op(')')];
}

/**
 * /etc/network/interfaces against the profile's interfaces (INTERFACESOPTS),
 * by meaning. Guarded: a wrong network setting cuts Cairn off. Wifi
 * passphrases are compared but never shown; with a receipt's profile (no
 * passphrases) they are not compared, and the file cannot be written.
 */
export function interfacesDrift({ profile, config, secretsKnown }: DriftInput): Drift[] {
  const keep = (lines: string[]) => (secretsKnown ? lines : lines.filter((l) => !PSK.test(l)));
  const expected = keep(interfacesLines(profile.interfaces));
  const actual = config.interfaces === null ? [] : keep(interfacesLines(config.interfaces));
  if (expected.length === actual.length && expected.every((l, n) => l === actual[n])) return [];
  const hide = (l: string) => (PSK.test(l) ? l.replace(/wifi-psk\s.*$/, 'wifi-psk ••• (hidden)') : l);
  const diff = lineDiff(expected, actual).map((d) => ({ ...d, text: hide(d.text) }));
  const pskDiffers = diff.some((d) => d.side !== 'both' && PSK.test(d.text));
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
