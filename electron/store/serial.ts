/**
 * Runs read-modify-write operations one after another, so two IPC calls that
 * interleave cannot both read the old file and lose one of the writes.
 */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
