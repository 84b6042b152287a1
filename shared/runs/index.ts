export { SECTIONS, headingProgress, type Section, type Progress } from './sections';
export { findingOf, type Finding, type FindingKind } from './findings';
export { PROMPT_REPEATS, isPrompt, repeatedPromptAtEnd } from './prompt-loop';
export { OutputAnalyser, verdictOf, type AnalyserEvent, type AnalyserOptions } from './analyser';
export { PREFLIGHT_SCRIPT, parsePreflight, type PreflightFacts, type BootKind } from './preflight';
export { checkPreflight, type PreflightContext, type PreflightProblem } from './preflight-check';
