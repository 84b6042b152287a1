import { useAppStore } from '../store/store-context';

/** The latest status message, read politely by screen readers and shown in the status line. */
export function StatusAnnouncer() {
  const announcement = useAppStore((s) => s.ui.announcement);
  return (
    <p className="status-line" role="status" aria-live="polite">
      {announcement?.text ?? ''}
    </p>
  );
}
