import { STEP_IDS, stepOfPath, type StepId } from '../wizard/step-catalogue';
import type { TargetsArrival } from './targets-slice';
import type { SliceCreator } from './types';

/** Moves that change both the wizard's step and what the UI focuses: cross-slice, so they live here. */
export interface NavigationSlice {
  navigation: {
    goToStep: (step: StepId) => void;
    nextStep: () => void;
    previousStep: () => void;
    /** Shows the step that owns a field path and focuses that field. */
    goToField: (path: string) => void;
    /** Shows the Targets screen with "Prepare a boot medium" open on this saved profile (or to choose one). */
    prepareBootMedium: (profileId: string | null) => void;
    /** Shows the Targets screen with one of its dialogs open. */
    openTargets: (arrival: TargetsArrival) => void;
  };
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set, get) => {
  const enter = (step: StepId) =>
    set((s) => ({
      wizard: { ...s.wizard, step },
      ui: { ...s.ui, screen: 'wizard', stepEntry: s.ui.stepEntry + 1 },
    }));
  const offset = (by: number) => {
    const at = STEP_IDS.indexOf(get().wizard.step);
    const next = STEP_IDS[Math.min(STEP_IDS.length - 1, Math.max(0, at + by))];
    if (next !== undefined) enter(next);
  };
  const openTargets = (arrival: TargetsArrival) =>
    set((s) => ({
      targets: { ...s.targets, arrival },
      ui: { ...s.ui, screen: 'targets' },
    }));
  return {
    navigation: {
      goToStep: enter,
      nextStep: () => offset(1),
      previousStep: () => offset(-1),
      goToField: (path) =>
        set((s) => ({
          wizard: { ...s.wizard, step: stepOfPath(path) },
          ui: { ...s.ui, screen: 'wizard', focusRequest: { path, seq: (s.ui.focusRequest?.seq ?? 0) + 1 } },
        })),
      prepareBootMedium: (profileId) => openTargets({ kind: 'boot-medium', profileId }),
      openTargets,
    },
  };
};
