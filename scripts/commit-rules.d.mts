// Types for scripts/commit-rules.mjs, imported by its test.

export const SUBJECT_MAX: number;
export function problemsOf(message: string): string[];
