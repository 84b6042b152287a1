import type { RunActivityListener } from '../runs/run-services';
import { fleetNotification, type NotificationText } from './run-notification';
import { TaskbarProgress } from './taskbar-progress';

/** The part of Electron's Notification class used here (passed in, so this runs under Node in tests). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: NotificationText): { show(): void; on(event: 'click', listener: () => void): unknown };
}

/** The part of a BrowserWindow used here. */
export interface WindowLike {
  isDestroyed(): boolean;
  isFocused(): boolean;
  setProgressBar(progress: number): void;
  show(): void;
  focus(): void;
}

export interface DesktopDeps {
  onRunActivity(listener: RunActivityListener): () => void;
  Notification: NotificationClass;
  getWindow(): WindowLike | null;
}

/**
 * The desktop shell's view of runs: the taskbar (or dock) shows how far the
 * runs going now are, and when a fleet ends a notification says how it went,
 * unless Cairn's window has the focus (the Run screen already shows it).
 * Clicking the notification brings the window back.
 */
export function setupDesktop(deps: DesktopDeps): () => void {
  const progress = new TaskbarProgress();
  return deps.onRunActivity((activity) => {
    const win = deps.getWindow();
    const live = win !== null && !win.isDestroyed() ? win : null;
    const value = progress.apply(activity);
    if (value !== null) live?.setProgressBar(value);
    if (activity.type !== 'fleet.done' || live?.isFocused() === true || !deps.Notification.isSupported()) return;
    const note = new deps.Notification(fleetNotification(activity));
    note.on('click', () => {
      if (live && !live.isDestroyed()) {
        live.show();
        live.focus();
      }
    });
    note.show();
  });
}
