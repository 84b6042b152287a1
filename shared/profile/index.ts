export * from './schema';
export type { Section } from './sections';
export { defaultProfile, dhcpInterface } from './defaults';
export { TEMPLATES, templateById, type Template } from './templates';
export { validate, errorsOf } from './validate';
export type { Problem } from './problems';
export { loadProfile, type Loaded } from './migrate';
export * as values from './values';
