import { useState } from 'react';
import type { BoxAction } from '../../../shared/api/boxes';
import { BusyButton } from '../components/busy-button';
import { outputKey } from '../store/boxes-slice';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';

/**
 * Stop for a long box action (an install, an upgrade, applying a profile),
 * beside its live output. It shows from the run's first output event (which
 * carries the run id it stops, sent before the box prints anything) until
 * the action answers, so it is there even while the box is still silent.
 */
export function StopAction({ targetId, action, what, actions }: { targetId: string; action: BoxAction; what: string; actions: BoxActions }) {
  const runId = useAppStore((s) => {
    const output = s.boxes.outputs[outputKey(targetId, action)];
    return output?.running ? output.runId : null;
  });
  const [stopping, setStopping] = useState<string | null>(null);
  if (runId === null) return null;
  const stop = async () => {
    setStopping(runId);
    await actions.cancel(runId);
    setStopping(null);
  };
  return (
    <BusyButton className="button small" waiting={stopping === runId} onClick={() => void stop()}>
      Stop<span className="visually-hidden"> {what}</span>
    </BusyButton>
  );
}
