import { useEffect, useRef } from 'react';
import type { BoxAction } from '../../../shared/api/boxes';
import { outputKey } from '../store/boxes-slice';
import { useAppStore } from '../store/store-context';

/** The output of a box's latest action of one kind, as it streams; it follows the end unless the person scrolled up. */
export function LiveOutput({ targetId, action, label }: { targetId: string; action: BoxAction; label: string }) {
  const text = useAppStore((s) => s.boxes.outputs[outputKey(targetId, action)]?.text ?? '');
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 48) el.scrollTop = el.scrollHeight;
  }, [text]);
  if (text === '') return null;
  return (
    <pre ref={ref} className="live-output" role="log" aria-label={label} tabIndex={0}>
      {text}
    </pre>
  );
}
