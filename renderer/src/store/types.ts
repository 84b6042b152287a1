import type { StateCreator } from 'zustand';
import type { BoxesSlice } from './boxes-slice';
import type { NavigationSlice } from './navigation-slice';
import type { RunsSlice } from './runs-slice';
import type { TargetsSlice } from './targets-slice';
import type { UiSlice } from './ui-slice';
import type { WizardSlice } from './wizard-slice';

/** The whole store. Later work adds RunsSlice and BoxesSlice here. */
export type AllState = WizardSlice & UiSlice & NavigationSlice & TargetsSlice & RunsSlice & BoxesSlice;

export type SliceCreator<Slice> = StateCreator<AllState, [], [], Slice>;
