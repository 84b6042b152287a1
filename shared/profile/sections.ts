/**
 * The setup-alpine sections, in the order setup-alpine runs them, each named
 * after its helper (setup-keymap → keymap). This is the one spelling: the
 * rule modules here (`<section>.ts` and `<section>.test.ts`), the answer-file
 * modules, and the wizard's step ids and files all use these names, so a
 * person who knows setup-alpine finds everything by name.
 *
 * The stored profile keeps its older keys so saved profiles still open:
 * apkrepos lives under `apkRepos`, lbu under `diskless.lbuMedia` and
 * apkcache under `diskless.apkCacheDir`; every other section is the key of
 * the same name.
 */
export const SECTIONS = ['keymap', 'hostname', 'interfaces', 'dns', 'timezone', 'proxy', 'ntp', 'apkrepos', 'user', 'sshd', 'disk', 'lbu', 'apkcache'] as const;

export type Section = (typeof SECTIONS)[number];
