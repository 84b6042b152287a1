// Kept apart from packages.ts, which loads the package catalogue: the window
// checks names with this before the catalogue has arrived.

export const isPackageName = (s: string): boolean => /^[A-Za-z0-9][A-Za-z0-9+._-]*$/.test(s) && s.length <= 128;

/** The sentence for a name apk could never install, or null when the name is well formed. */
export const packageNameProblem = (name: string): string | null =>
  isPackageName(name) ? null : `"${name}" is not a package name; names are letters, digits, "+", ".", "_" and "-", like htop or py3-yaml.`;
