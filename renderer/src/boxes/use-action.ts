import { useState } from 'react';
import { describeError } from '../../../shared/api/error-sentences';
import type { Result } from '../../../shared/api/result';

/**
 * One card's action at a time: which one is running (its buttons wait) and,
 * when it failed, the sentence to show beside them. An action stopped on
 * request did not fail: its sentence is kept apart, to be shown plainly.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);
  const run = async <T>(key: string, act: () => Promise<Result<T>>): Promise<Result<T>> => {
    setBusy(key);
    setFailure(null);
    setStopped(null);
    const result = await act();
    setBusy(null);
    if (!result.ok) (result.error.code === 'cancelled' ? setStopped : setFailure)(describeError(result.error));
    return result;
  };
  return { busy, failure, stopped, run, fail: setFailure };
}
