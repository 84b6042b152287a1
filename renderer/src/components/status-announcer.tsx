import { useEffect } from 'react';
import { useAppStore } from '../store/store-context';

/** How long a success or news stays; a failure stays until the next notice. */
export const NOTICE_MS = 12_000;

/**
 * The app's one notice area: the latest message, read politely by screen
 * readers. It holds one line and never grows the header (a long message is
 * cut with an ellipsis and shown whole on hover or focus, above the page);
 * its tone (a failure, a success, news) shows as a mark and colour, and the
 * mark is read out too.
 */
export function StatusAnnouncer() {
  const announcement = useAppStore((s) => s.ui.announcement);
  const clear = useAppStore((s) => s.ui.clearAnnouncement);
  const text = announcement?.text ?? '';
  // News goes stale on another screen ("Saved …" under Boxes); a failure waits to be read.
  useEffect(() => {
    if (announcement === null || announcement.tone === 'error') return undefined;
    const timer = setTimeout(() => clear(announcement.seq), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [announcement, clear]);
  return (
    <div className="status-area">
      <p className="status-line" role="status" aria-live="polite" data-tone={announcement?.tone ?? 'info'} tabIndex={text === '' ? -1 : 0} title={text || undefined}>
        {text}
      </p>
    </div>
  );
}
