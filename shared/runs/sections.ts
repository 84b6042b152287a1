/**
 * The sections setup-alpine announces, in the order it runs them. Each is
 * printed as " Name" followed by a line of dashes (print_heading2 in
 * setup-alpine.in); the Root Password section only appears without -e,
 * which Cairn always passes, so it is not a progress stage.
 */
export const SECTIONS = ['Keymap', 'Hostname', 'Interface', 'Timezone', 'Proxy', 'Network Time Protocol', 'APK Mirror', 'User', 'Disk & Install'] as const;

export type Section = (typeof SECTIONS)[number];

/** How far setup-alpine has come: the section it is in, 1-based, of `total`. */
export interface Progress {
  section: Section;
  index: number;
  total: number;
}

const DASHES = /^-{3,}$/;

/**
 * The progress a heading pair announces: `title` is the line before the
 * dashes. A section skipped by the answer file (no keymap) just leaves its
 * index unused.
 */
export function headingProgress(title: string, dashes: string): Progress | null {
  if (!DASHES.test(dashes) || !title.startsWith(' ')) return null;
  const index = SECTIONS.indexOf(title.trim() as Section);
  if (index < 0) return null;
  return { section: SECTIONS[index] as Section, index: index + 1, total: SECTIONS.length };
}
