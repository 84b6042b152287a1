import { parse, render } from '../../../shared/answerfile';
import { validate } from '../../../shared/profile/validate';
import { keymapLayouts, keymapVariants, knownServices, serviceOrigins, suggestPackages, TIMEZONES } from '../../../shared/reference';

/**
 * Everything the wizard computes with shared/ that needs the reference
 * catalogues. validate() checks package names against the package catalogue
 * (~140 KB), so this module is only ever loaded with a dynamic import: it
 * stays out of the first chunk and arrives while the first screen paints.
 */
export const engine = {
  validate,
  render,
  parse,
  keymapLayouts,
  keymapVariants,
  timezones: TIMEZONES,
  suggestPackages,
  knownServices,
  serviceOrigins,
};

export type Engine = typeof engine;
export type Diagnostic = ReturnType<Engine['parse']>['diagnostics'][number];
