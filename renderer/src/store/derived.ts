import type { Problem } from '../../../shared/profile/problems';
import type { Profile } from '../../../shared/profile/schema';
import type { Engine } from '../engine/engine';
import { STEP_IDS, stepOfPath, type StepId } from '../wizard/step-catalogue';
import { draftProblems } from './draft-problems';
import { lostSecretProblems, type LostSecrets } from './lost-secrets';
import type { SaveRefusal } from './wizard-slice';
import type { AllState } from './types';

// Derived values are computed from the store by shared/ functions and
// memoised on the inputs' identity, never stored: every subscriber that asks
// during one state gets the same object, and nothing recomputes on changes
// that do not touch the profile or its drafts.

function lastOf<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | undefined;
  let lastResult: R | undefined;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => a === args[i])) return lastResult as R;
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}

/** The value at a dotted profile path, like `name` or `interfaces.0.name`. */
export const valueAt = (profile: Profile, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), profile);

const computeProblems = lastOf(
  (profile: Profile, drafts: Readonly<Record<string, string>>, engine: Engine | null, refusal: SaveRefusal | null, lost: LostSecrets): readonly Problem[] => {
    const fromDrafts = draftProblems(drafts);
    const covered = new Set(fromDrafts.map((p) => p.path));
    const fromProfile = engine ? engine.validate(profile).filter((p) => !covered.has(p.path)) : [];
    // A save the main process refused for this very value stays by its field until the value changes.
    const refused: Problem[] = refusal !== null && valueAt(profile, refusal.path) === refusal.value ? [{ path: refusal.path, message: refusal.message, severity: 'error' }] : [];
    return [...refused, ...fromDrafts, ...lostSecretProblems(lost, profile), ...fromProfile];
  },
);

/** Every problem of the profile being edited: shared validate(), text that is not a value yet, a save refused for a field, and a passphrase lost with a session. */
export const selectProblems = (s: AllState): readonly Problem[] => computeProblems(s.wizard.profile, s.wizard.drafts, s.ui.engine, s.wizard.saveRefusal, s.wizard.lostSecrets);

const belongsTo = (problemPath: string, path: string) => problemPath === path || problemPath.startsWith(`${path}.`);

/**
 * The problem text beside a field, as one primitive so a field re-renders only
 * when its own message changes: "" or "error|message" (several joined by newlines).
 */
export function selectFieldProblem(s: AllState, path: string): string {
  const mine = selectProblems(s).filter((p) => belongsTo(p.path, path));
  if (mine.length === 0) return '';
  const severity = mine.some((p) => p.severity === 'error') ? 'error' : 'warning';
  const text = (p: Problem) => {
    // A list field holds several entries: say which one ("interfaces" is not a list field).
    const rest = p.path.slice(path.length + 1);
    return /^\d+$/.test(rest) ? `Entry ${Number(rest) + 1}: ${p.message}` : p.message;
  };
  return `${severity}|${mine.map(text).join('\n')}`;
}

/** Problems at exactly these paths (a section's own warnings that no single field holds). */
export function selectProblemsAt(s: AllState, paths: readonly string[]): string {
  return selectProblems(s)
    .filter((p) => paths.includes(p.path))
    .map((p) => `${p.severity}|${p.message}`)
    .join('\n');
}

export type StepStatus = 'ok' | 'warning' | 'error';

const computeStatuses = lastOf((problems: readonly Problem[]): string => {
  const status = new Map<StepId, StepStatus>();
  for (const p of problems) {
    const step = stepOfPath(p.path);
    if (p.severity === 'error') status.set(step, 'error');
    else if (status.get(step) !== 'error') status.set(step, 'warning');
  }
  return STEP_IDS.map((id) => status.get(id) ?? 'ok').join(',');
});

/** Each step's status in step order, as one string ("ok,error,…") so the stepper re-renders only when one changes. */
export const selectStepStatuses = (s: AllState): string => computeStatuses(selectProblems(s));

export type Preview = { ok: true; text: string } | { ok: false; message: string } | null;

function renderPreview(profile: Profile, engine: Engine | null): Preview {
  if (!engine) return null;
  try {
    return { ok: true, text: engine.render(profile) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const computePreview = lastOf(renderPreview);

/** The answer file for the profile, or why it cannot be written; null while the engine loads. */
export const selectPreview = (s: AllState): Preview => computePreview(s.wizard.profile, s.ui.engine);

/** Stands in for each wifi passphrase while rendering: plain letters, so quoting leaves it whole. */
const HIDDEN_TOKEN = 'CairnHiddenPassphrase';
export const HIDDEN = '••••••••';

const computeShownPreview = lastOf((profile: Profile, engine: Engine | null): Preview => {
  if (!profile.interfaces.some((i) => i.wifi !== null && i.wifi.passphrase !== '')) return computePreview(profile, engine);
  const masked: Profile = {
    ...profile,
    interfaces: profile.interfaces.map((i) => (i.wifi === null || i.wifi.passphrase === '' ? i : { ...i, wifi: { ...i.wifi, passphrase: HIDDEN_TOKEN } })),
  };
  const preview = renderPreview(masked, engine);
  return preview?.ok === true ? { ok: true, text: preview.text.replaceAll(HIDDEN_TOKEN, HIDDEN) } : preview;
});

/** The answer file as shown: wifi passphrases hidden unless the person reveals them (copy and save use the real text). */
export const selectShownPreview = (s: AllState, reveal: boolean): Preview => (reveal ? selectPreview(s) : computeShownPreview(s.wizard.profile, s.ui.engine));

const computeDirty = lastOf(
  (profile: Profile, baseline: Profile | null): boolean => baseline === null || (profile !== baseline && JSON.stringify(profile) !== JSON.stringify(baseline)),
);

/** True when closing or replacing the profile would lose changes. */
export const selectDirty = (s: AllState): boolean => computeDirty(s.wizard.profile, s.wizard.baseline);
