export type { Progress } from './sections';
export type { Finding } from './findings';
export { OutputAnalyser, verdictOf } from './analyser';
export { PREFLIGHT_SCRIPT, parsePreflight, preflightScriptThen, type PreflightFacts } from './preflight';
export { checkPreflight, type PreflightProblem } from './preflight-check';
