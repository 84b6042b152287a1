export { render, type RenderOptions } from './render';
export { parse, SETUP_ALPINE_VARIABLES, CAIRN_VARIABLES, type Parsed } from './parse';
export type { Diagnostic } from './diagnostics';
export { toAssignments, type Assignment, type AnswerText } from './assignments';
export { diskOptions, diskEnvironment } from './disk-options';
export { fullNameTravels } from './user-options';
