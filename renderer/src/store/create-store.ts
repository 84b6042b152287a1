import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Profile } from '../../../shared/profile/schema';
import type { Engine } from '../engine/engine';
import { createBoxesSlice } from './boxes-slice';
import { createNavigationSlice } from './navigation-slice';
import { createRunsSlice } from './runs-slice';
import { createTargetsSlice } from './targets-slice';
import type { AllState } from './types';
import { createUiSlice } from './ui-slice';
import { createWizardSlice, initialWizardData } from './wizard-slice';

export type AppStore = StoreApi<AllState>;

export interface StoreOptions {
  /** Tests pass the engine they imported, so nothing waits for a chunk. */
  engine?: Engine;
  profile?: Profile;
}

/** A fresh store: the app makes one, each test makes its own. */
export function createAppStore(options: StoreOptions = {}): AppStore {
  const store = createStore<AllState>()((...a) => ({
    ...createWizardSlice(...a),
    ...createUiSlice(...a),
    ...createNavigationSlice(...a),
    ...createTargetsSlice(...a),
    ...createRunsSlice(...a),
    ...createBoxesSlice(...a),
  }));
  const s = store.getState();
  store.setState({
    wizard: { ...s.wizard, ...(options.profile ? initialWizardData(options.profile) : {}) },
    ui: { ...s.ui, engine: options.engine ?? null },
  });
  return store;
}
