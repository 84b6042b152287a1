import { defaultProfile } from '../../../shared/profile/defaults';
import type { Profile } from '../../../shared/profile/schema';
import type { Diagnostic } from '../engine/engine';
import type { StepId } from '../wizard/step-catalogue';
import { NO_LOST_SECRETS, type LostSecrets } from './lost-secrets';
import type { SliceCreator } from './types';

export interface ImportReport {
  source: string;
  /** The first diagnostics only (wizard/import/diagnostic-cap.ts); `total` counts them all. */
  diagnostics: readonly Diagnostic[];
  total: number;
}

export interface DiskFact {
  path: string;
  size?: string;
  model?: string;
}

/** What a chosen target reported about itself; null until a target is chosen. */
export interface TargetFacts {
  /** The target whose test reported these facts, so the Disk step can say which one is shown. */
  targetId?: string;
  disks: readonly DiskFact[];
}

export interface WizardData {
  profile: Profile;
  /**
   * The profile as last saved, opened or created from a template: the
   * unsaved-changes guard compares against it. null after an import, which
   * exists nowhere else and so is always worth guarding.
   */
  baseline: Profile | null;
  /** The saved profile this is, or null for one never saved. */
  profileId: string | null;
  step: StepId;
  /**
   * Raw text of fields whose text is not the profile value itself (numbers,
   * one-per-line lists, search boxes), keyed by field path, so a half-typed
   * or invalid entry survives moving between steps.
   */
  drafts: Readonly<Record<string, string>>;
  /** Values set aside when a choice hides them (a static address while DHCP is on), restored when it comes back. */
  stash: Readonly<Record<string, unknown>>;
  importReport: ImportReport | null;
  facts: TargetFacts | null;
  /**
   * The last save refused for a field's value (a name already taken): shown by
   * that field as an error for as long as the field still holds that value.
   */
  saveRefusal: SaveRefusal | null;
  /** Passphrases the opened profile lost with an ended session: each field says so while it is empty. */
  lostSecrets: LostSecrets;
}

export interface SaveRefusal {
  /** The profile path of the field, like `name`. */
  path: string;
  message: string;
  /** The value that was refused; another value clears the error. */
  value: unknown;
}

export type WizardEdit = Partial<Pick<WizardData, 'profile' | 'drafts' | 'stash'>>;

export interface WizardSlice {
  wizard: WizardData & {
    /** One change to the profile, its drafts and stash, applied at once. */
    edit: (change: (w: WizardData) => WizardEdit) => void;
    update: (recipe: (p: Profile) => Profile) => void;
    /** Replaces the whole profile (open, import, template); drafts and stash start over. */
    replace: (profile: Profile, options: { id: string | null; pristine: boolean; importReport?: ImportReport | null; lostSecrets?: LostSecrets }) => void;
    markSaved: (id: string, profile: Profile) => void;
    /** The saved copy is gone (deleted): what is on screen is now unsaved. */
    detach: () => void;
    setStep: (step: StepId) => void;
    setFacts: (facts: TargetFacts | null) => void;
    dismissImportReport: () => void;
    saveRefused: (refusal: SaveRefusal | null) => void;
  };
}

export function initialWizardData(profile: Profile = defaultProfile()): WizardData {
  return {
    profile,
    baseline: profile,
    profileId: null,
    step: 'keymap',
    drafts: {},
    stash: {},
    importReport: null,
    facts: null,
    saveRefusal: null,
    lostSecrets: NO_LOST_SECRETS,
  };
}

export const createWizardSlice: SliceCreator<WizardSlice> = (set) => {
  const patch = (change: (w: WizardSlice['wizard']) => Partial<WizardData>) => set((s) => ({ wizard: { ...s.wizard, ...change(s.wizard) } }));
  return {
    wizard: {
      ...initialWizardData(),
      edit: (change) => patch(change),
      update: (recipe) => patch((w) => ({ profile: recipe(w.profile) })),
      replace: (profile, { id, pristine, importReport = null, lostSecrets = NO_LOST_SECRETS }) =>
        patch(() => ({
          profile,
          baseline: pristine ? profile : null,
          profileId: id,
          step: 'keymap',
          drafts: {},
          stash: {},
          importReport,
          lostSecrets,
        })),
      markSaved: (id, profile) => patch(() => ({ profileId: id, baseline: profile, saveRefusal: null })),
      saveRefused: (saveRefusal) => patch(() => ({ saveRefusal })),
      detach: () => patch(() => ({ profileId: null, baseline: null })),
      setStep: (step) => patch(() => ({ step })),
      setFacts: (facts) => patch(() => ({ facts })),
      dismissImportReport: () => patch(() => ({ importReport: null })),
    },
  };
};
