export * from './schema';
export { defaultProfile, dhcpInterface } from './defaults';
export { TEMPLATES, templateById, type Template } from './templates';
export { validate, errorsOf } from './validate';
export type { Problem } from './problems';
export { loadProfile, type Loaded } from './migrate';
export { impliedPackages } from './services';
export { isPackageName, looksLikeAlpinePackage } from './packages';
export * as values from './values';
