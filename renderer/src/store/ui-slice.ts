import type { Engine } from '../engine/engine';
import type { SliceCreator } from './types';

/** How a notice reads at a glance: a failure, a success, or news. */
export type Tone = 'error' | 'ok' | 'info';

export type Screen = 'start' | 'wizard' | 'targets' | 'runs' | 'boxes';

export interface UiData {
  screen: Screen;
  /** The shared/ engine once its chunk has loaded; derived values wait for it. */
  engine: Engine | null;
  /** A field to focus once its step is on screen (set by "go to field"); seq makes repeats distinct. */
  focusRequest: { path: string; seq: number } | null;
  /** Counts step changes made by the person, so the new step takes focus (and the first render does not). */
  stepEntry: number;
  /** The latest polite status message for screen readers and the status line. */
  announcement: { text: string; seq: number; tone: Tone } | null;
}

export interface UiSlice {
  ui: UiData & {
    setScreen: (screen: Screen) => void;
    setEngine: (engine: Engine) => void;
    consumeFocusRequest: () => void;
    announce: (text: string, tone?: Tone) => void;
    /** Clears the notice, if it is still the one numbered `seq`. */
    clearAnnouncement: (seq: number) => void;
  };
}

export const initialUiData = (engine: Engine | null = null): UiData => ({
  screen: 'wizard',
  engine,
  focusRequest: null,
  stepEntry: 0,
  announcement: null,
});

export const createUiSlice: SliceCreator<UiSlice> = (set) => {
  const patch = (change: (u: UiSlice['ui']) => Partial<UiData>) => set((s) => ({ ui: { ...s.ui, ...change(s.ui) } }));
  return {
    ui: {
      ...initialUiData(),
      setScreen: (screen) => patch(() => ({ screen })),
      setEngine: (engine) => patch(() => ({ engine })),
      consumeFocusRequest: () => patch(() => ({ focusRequest: null })),
      clearAnnouncement: (seq) => patch((u) => (u.announcement?.seq === seq ? { announcement: null } : {})),
      announce: (text, tone = 'info') => patch((u) => ({ announcement: { text, seq: (u.announcement?.seq ?? 0) + 1, tone } })),
    },
  };
};
