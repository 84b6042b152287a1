import { isKnownKeymap } from '../reference';
import { fixStep, lineDiff, row, sameLines, type Drift, type DriftInput } from './drift-core';

const ENABLED = 'loadkmap in the boot runlevel';

/**
 * setup-keymap copies the variant's map to /etc/keymap/VARIANT.bmap.gz,
 * names it in /etc/conf.d/loadkmap and enables loadkmap at boot. The layout
 * leaves no trace of its own, so the variant is what is compared. A profile
 * without a keymap (KEYMAPOPTS=none) leaves the box's alone.
 */
export function keymapDrift({ profile, facts, config }: DriftInput): Drift[] {
  const keymap = profile.keymap;
  if (keymap === null) return [];
  const expected = [`KEYMAP=/etc/keymap/${keymap.variant}.bmap.gz`, ENABLED];
  const actual = [...(config.keymap === null ? [] : [`KEYMAP=${config.keymap}`]), ...((facts.runlevels.boot ?? []).includes('loadkmap') ? [ENABLED] : [])];
  if (sameLines(expected, actual)) return [];
  const known = isKnownKeymap(keymap.layout, keymap.variant);
  return [
    row({
      field: 'keymap',
      item: null,
      expected: `${keymap.layout} ${keymap.variant}`,
      actual: config.keymap === null ? 'no keymap set (/etc/conf.d/loadkmap)' : (/^\/etc\/keymap\/(.+)\.bmap(\.gz)?$/.exec(config.keymap)?.[1] ?? config.keymap),
      diff: lineDiff(expected, actual),
      fix: known ? fixStep('keymap', 'keymap', `Set the keymap to ${keymap.layout} ${keymap.variant}`, ['setup-keymap', keymap.layout, keymap.variant]) : null,
    }),
  ];
}
