import { isKnownKeymap, keymapVariants } from '../reference';
import type { Report } from './problems';
import type { Profile } from './schema';

export function checkKeymap(p: Profile, report: Report): void {
  if (p.keymap === null) return;
  const { layout, variant } = p.keymap;
  if (keymapVariants(layout).length === 0) {
    report('keymap.layout', `"${layout}" is not an Alpine keyboard layout. Pick one from the list, or choose no keymap.`);
  } else if (!isKnownKeymap(layout, variant)) {
    // setup-keymap re-prompts forever on an unknown map (ALPINE-FACTS).
    report('keymap.variant', `"${variant}" is not a variant of the "${layout}" layout. Pick one of: ${keymapVariants(layout).slice(0, 6).join(', ')}…`);
  }
}
