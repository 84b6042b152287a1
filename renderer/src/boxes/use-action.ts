import { useState } from 'react';
import { describeError } from '../../../shared/api/error-sentences';
import type { Result } from '../../../shared/api/result';

/**
 * One card's action at a time: which one is running (its buttons wait) and,
 * when it failed, the sentence to show beside them.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async <T>(key: string, act: () => Promise<Result<T>>): Promise<Result<T>> => {
    setBusy(key);
    setFailure(null);
    const result = await act();
    setBusy(null);
    if (!result.ok) setFailure(describeError(result.error));
    return result;
  };
  return { busy, failure, run, fail: setFailure };
}
