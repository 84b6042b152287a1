import { KEYMAPS } from './keymaps.generated';
import { PACKAGE_LINES } from './packages.generated';
import { SERVICE_ORIGINS } from './services.generated';
import { TIMEZONES } from './timezones.generated';

export { KEYMAPS, TIMEZONES };
export { ALPINE_GROUPS } from './groups';

export const keymapLayouts = (): string[] => Object.keys(KEYMAPS);

export const keymapVariants = (layout: string): readonly string[] => (Object.hasOwn(KEYMAPS, layout) ? (KEYMAPS[layout] ?? []) : []);

export const isKnownKeymap = (layout: string, variant: string): boolean => keymapVariants(layout).includes(variant);

const zoneSet = new Set(TIMEZONES);
export const isKnownTimezone = (zone: string): boolean => zoneSet.has(zone);

/** The origin packages that ship an OpenRC service of this name, or [] if unknown. */
export const serviceOrigins = (service: string): readonly string[] => (Object.hasOwn(SERVICE_ORIGINS, service) ? (SERVICE_ORIGINS[service] ?? []) : []);

export const knownServices = (): string[] => Object.keys(SERVICE_ORIGINS);

export interface PackageEntry {
  name: string;
  repo: 'main' | 'community';
}

let packages: PackageEntry[] | undefined;
/** Origin package names of main and community (subpackages such as -doc are not listed). */
export const packageCatalogue = (): readonly PackageEntry[] =>
  (packages ??= PACKAGE_LINES.split('\n').map((line) => (line.endsWith('@c') ? { name: line.slice(0, -2), repo: 'community' as const } : { name: line, repo: 'main' as const })));

/** An exact match first, then names starting with the query (shortest first), then names containing it. */
export function suggestPackages(query: string, limit = 10): PackageEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (name: string) => (name === q ? 0 : name.startsWith(q) ? 1 : 2);
  return packageCatalogue()
    .filter((p) => p.name.includes(q))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.length - b.name.length || (a.name < b.name ? -1 : 1))
    .slice(0, limit);
}
